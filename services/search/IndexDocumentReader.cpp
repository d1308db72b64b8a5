#include "IndexDocumentReader.h"

#include "WorklistRowDetails.h"
#include "models/CriticalStatus.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QJsonValue isoDate(const QVariant &value)
{
    const QDateTime when = value.toDateTime();
    return when.isValid() ? QJsonValue(when.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue isoDay(const QVariant &value)
{
    const QDate day = value.toDate();
    return day.isValid() ? QJsonValue(day.toString(Qt::ISODate)) : QJsonValue();
}

QJsonValue keyword(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value.toString());
}

// The critical values as the worklist shows them, each with the value as entered.
QJsonArray criticalParameters(const QSqlQuery &row)
{
    const QString sex = row.value(18).toString();
    const QDate born = row.value(19).toDate();
    const QDateTime resultOn = row.value(20).toDateTime();
    const QDate reportDate
        = (resultOn.isValid() ? resultOn : row.value(13).toDateTime()).toUTC().date();
    QJsonArray parameters;
    for (const CriticalParameter &parameter : WorklistRowDetails::criticalParameters(
             row.value(21).toString(), sex.isEmpty() ? QChar(u'U') : sex.at(0), born, reportDate)) {
        QJsonObject object = parameter.toJson();
        object.insert(u"entered"_s, parameter.value);
        parameters.append(object);
    }
    return parameters;
}

// The order's messages not yet sent, on the Done reports only: the worklist shows them
// there (SPEC U11), and a report's status-only update (IndexSync) need not carry them.
QString undelivered(const QSqlQuery &row)
{
    return row.value(10).toInt() == CriticalStatusInfo::toInt(CriticalStatus::CalloutDone)
        ? row.value(22).toString()
        : QString();
}

} // namespace

IndexDocumentReader::IndexDocumentReader(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<QHash<qint64, QJsonObject>> IndexDocumentReader::forBills(const QList<qint64> &billIds)
{
    return read(u"r.bill_id"_s, billIds);
}

Result<QHash<qint64, QJsonObject>> IndexDocumentReader::forReports(const QList<qint64> &reportIds)
{
    return read(u"r.id"_s, reportIds);
}

Result<QHash<qint64, QJsonObject>> IndexDocumentReader::read(const QString &column,
                                                             const QList<qint64> &ids)
{
    QHash<qint64, QJsonObject> documents;
    if (ids.isEmpty())
        return documents;
    QVariantList values;
    for (const qint64 id : ids)
        values << id;
    const bool postgres = m_connection.isPostgreSql();
    auto query = m_connection.run(
        QCoreApplication::translate("IndexDocumentReader", "Reading reports for the search index"),
        u"SELECT r.id, r.lab_id, r.bill_id, b.lab_bill_id, p.name, r.lab_test_id, t.name, "
        "t.department_id, d.name, b.assigned_doctor_id, r.critical_values, r.dismissed, "
        "r.sample_collected, b.bill_date, COALESCE(r.result_on, r.last_updated), r.last_updated, "
        "r.row_version, p.id, p.sex, p.date_of_birth, r.result_on, %3, %4 "
        "FROM report r JOIN bill b ON b.id = r.bill_id JOIN patient p ON p.id = b.patient_id "
        "JOIN lab_test t ON t.id = r.lab_test_id JOIN department d ON d.id = t.department_id "
        "WHERE %1 IN (%2)"_s.arg(column, SqlDialect::placeholders(values.size()),
                                 WorklistRowDetails::valuesColumn(postgres, u"r.id"_s),
                                 WorklistRowDetails::undeliveredColumn(postgres, u"r.bill_id"_s)),
        values);
    if (!query)
        return query.failure();
    while (query.value().next()) {
        const QSqlQuery &row = query.value();
        documents.insert(row.value(0).toLongLong(),
                         QJsonObject{{u"labReportId"_s, keyword(row.value(0))},
                                     {u"reportKey"_s, row.value(0).toLongLong()},
                                     {u"labId"_s, keyword(row.value(1))},
                                     {u"billId"_s, keyword(row.value(2))},
                                     {u"labBillId"_s, row.value(3).toString()},
                                     {u"patientName"_s, row.value(4).toString()},
                                     {u"testId"_s, keyword(row.value(5))},
                                     {u"testName"_s, row.value(6).toString()},
                                     {u"departmentId"_s, keyword(row.value(7))},
                                     {u"departmentName"_s, row.value(8).toString()},
                                     {u"assignedDoctorId"_s, keyword(row.value(9))},
                                     {u"criticalValues"_s, row.value(10).toInt()},
                                     {u"dismissed"_s, row.value(11).toBool()},
                                     {u"sampleCollected"_s, row.value(12).toBool()},
                                     {u"billDate"_s, isoDate(row.value(13))},
                                     {u"resultOn"_s, isoDate(row.value(14))},
                                     {u"lastUpdated"_s, isoDate(row.value(15))},
                                     {u"rowVersion"_s, row.value(16).toLongLong()},
                                     {u"patientId"_s, keyword(row.value(17))},
                                     {u"patientDateOfBirth"_s, isoDay(row.value(19))},
                                     {u"criticalParameters"_s, criticalParameters(row)},
                                     {u"undelivered"_s, undelivered(row)}});
    }
    return documents;
}

} // namespace calloutdesk
