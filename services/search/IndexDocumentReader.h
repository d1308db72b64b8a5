#pragma once

#include "services/Failure.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace calloutdesk {

class DatabaseConnection;

// Reads the index documents (one per report, SPEC E1) of some orders or reports in one
// query. Each document carries rowVersion, the report's version in the database, and
// reportKey, the id as a number for sorting. resultOn is the result's time, or the report's
// last change when no result time is recorded, so that every document sorts by it.
class IndexDocumentReader
{
public:
    explicit IndexDocumentReader(DatabaseConnection &connection);

    // Report id → document.
    Result<QHash<qint64, QJsonObject>> forBills(const QList<qint64> &billIds);
    Result<QHash<qint64, QJsonObject>> forReports(const QList<qint64> &reportIds);

private:
    Result<QHash<qint64, QJsonObject>> read(const QString &column, const QList<qint64> &ids);

    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
