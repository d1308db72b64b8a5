#pragma once

#include "services/Failure.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace calloutdesk {

class DatabaseConnection;

// The settings a lab keeps in its own row: whether the always_notify gate takes only a
// done callout (gate_requires_done, SPEC U13), the idle time before a desk locks (A5),
// how long delivered outbox rows are kept and the callout clock (T2). Desks read them; on
// PostgreSQL only the administrator may change them (a desk's login has no UPDATE on lab).
class LabSettings
{
    Q_DECLARE_TR_FUNCTIONS(LabSettings)

public:
    struct Setting
    {
        QString name;
        QString value; // as typed and shown: "on"/"off" or a whole number
    };

    explicit LabSettings(DatabaseConnection &connection);

    // Every setting of the lab, in a fixed order.
    Result<QList<Setting>> read(qint64 labId);
    // Checks NAME=VALUE before any query: a known name and a value it accepts.
    static Result<Setting> parse(const QString &assignment);
    Status write(qint64 labId, const Setting &setting);

private:
    // The clock's warning must come before its target (the database refuses it too; this
    // says so in the lab's words).
    Status checkClock(qint64 labId, const Setting &setting);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
