#pragma once

#include "models/CriticalParameter.h"
#include "services/Failure.h"

#include <QDate>
#include <QHash>
#include <QList>

namespace calloutdesk {

class DatabaseConnection;

// Finds the critical parameters of many reports with exactly three queries whatever
// their number (SPEC R3): all values, all their formats, and the age/sex ranges, the
// last only when some format has them.
class CriticalParameterEvaluator
{
public:
    struct Subject
    {
        qint64 reportId = 0;
        QChar patientSex = u'U';
        QDate patientDateOfBirth; // null when unknown
        QDate reportDate;         // the day the age is taken on
    };

    explicit CriticalParameterEvaluator(DatabaseConnection &connection);

    // Report id → its critical parameters, in the format's order. Reports without any
    // critical parameter are absent.
    Result<QHash<qint64, QList<CriticalParameter>>> evaluate(const QList<Subject> &subjects);

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
