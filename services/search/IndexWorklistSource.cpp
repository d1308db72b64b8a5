#include "IndexWorklistSource.h"

#include "IndexClient.h"
#include "WorklistRowDetails.h"

#include "models/CriticalParameter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString sortField(WorklistQuery::SortColumn column)
{
    switch (column) {
    case WorklistQuery::SortColumn::ResultOn:
    case WorklistQuery::SortColumn::Waiting: // resolved to ResultOn before
        return u"resultOn"_s;
    case WorklistQuery::SortColumn::LastUpdated:
        return u"lastUpdated"_s;
    case WorklistQuery::SortColumn::OrderNumber:
        return u"labBillId"_s;
    case WorklistQuery::SortColumn::Patient:
        return u"patientName.keyword"_s;
    case WorklistQuery::SortColumn::Test:
        return u"testName.keyword"_s;
    case WorklistQuery::SortColumn::Department:
        return u"departmentName.keyword"_s;
    }
    return {};
}

QJsonObject term(const QString &field, const QJsonValue &value)
{
    return {{u"term"_s, QJsonObject{{field, value}}}};
}

QString dayStart(const QDate &day)
{
    return QDateTime(day, QTime(0, 0), QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

} // namespace

IndexWorklistSource::IndexWorklistSource(IndexClient &client)
    : m_client(client)
{ }

QJsonObject IndexWorklistSource::searchBody(const SessionScope &scope, const WorklistQuery &asked)
{
    const WorklistQuery query = asked.resolvedSort();
    QJsonArray filters{
        term(u"labId"_s, QString::number(scope.labId())), term(u"dismissed"_s, false),
        term(u"sampleCollected"_s, true),
        QJsonObject{{u"terms"_s, QJsonObject{{u"criticalValues"_s, QJsonArray{1, 2, 4}}}}}};
    if (scope.filtersByAssignedDoctor()) {
        filters.append(term(u"assignedDoctorId"_s, QString::number(scope.userId())));
    } else if (scope.filtersByDepartment()) {
        QJsonArray departments;
        for (const qint64 id : scope.departmentIds())
            departments.append(QString::number(id));
        // No department linked: nothing is visible (an empty terms list matches nothing).
        filters.append(QJsonObject{{u"terms"_s, QJsonObject{{u"departmentId"_s, departments}}}});
    }
    QJsonObject range;
    if (query.from.isValid())
        range.insert(u"gte"_s, dayStart(query.from));
    if (query.to.isValid())
        range.insert(u"lt"_s, dayStart(query.to.addDays(1)));
    if (!range.isEmpty())
        filters.append(QJsonObject{{u"range"_s, QJsonObject{{u"resultOn"_s, range}}}});
    if (query.departmentId)
        filters.append(term(u"departmentId"_s, QString::number(*query.departmentId)));
    const QString text = query.text.trimmed();
    if (!text.isEmpty()) {
        QJsonArray should{
            QJsonObject{{u"prefix"_s,
                         QJsonObject{{u"labBillId"_s,
                                      QJsonObject{{u"value"_s, text.toLower()},
                                                  {u"case_insensitive"_s, true}}}}}},
            QJsonObject{{u"match_phrase_prefix"_s, QJsonObject{{u"patientName"_s, text}}}}};
        // A part of the order number, as the database finds it (migration 0012).
        if (text.size() >= WorklistQuery::minimumInfixLength) {
            QString pattern = text.toLower();
            pattern.replace(u'\\', u"\\\\"_s).replace(u'*', u"\\*"_s).replace(u'?', u"\\?"_s);
            should.append(QJsonObject{{u"wildcard"_s,
                                       QJsonObject{{u"labBillId"_s,
                                                    QJsonObject{{u"value"_s, u'*' + pattern + u'*'},
                                                                {u"case_insensitive"_s, true}}}}}});
        }
        filters.append(QJsonObject{
            {u"bool"_s, QJsonObject{{u"should"_s, should}, {u"minimum_should_match"_s, 1}}}});
    }
    const QString order = query.descending ? u"desc"_s : u"asc"_s;
    QJsonObject body{
        {u"size"_s, query.pageSize},
        {u"track_total_hits"_s, true},
        {u"query"_s, QJsonObject{{u"bool"_s, QJsonObject{{u"filter"_s, filters}}}}},
        {u"post_filter"_s, term(u"criticalValues"_s, CriticalStatusInfo::toInt(query.tab))},
        {u"sort"_s,
         QJsonArray{QJsonObject{{sortField(query.sort), order}},
                    QJsonObject{{u"reportKey"_s, order}}}},
        {u"aggs"_s,
         QJsonObject{
             {u"tabs"_s,
              QJsonObject{
                  {u"terms"_s, QJsonObject{{u"field"_s, u"criticalValues"_s}, {u"size"_s, 5}}}}}}},
    };
    if (query.after.size() == 2)
        body.insert(u"search_after"_s, QJsonArray::fromVariantList(query.after));
    if (query.overdueCutoff.isValid()) {
        // The overdue counts (SPEC T2) in the same search: per tab, the reports whose result
        // is at or before the cutoff, and the next result times after it, earliest first
        // (terms ordered by key count exactly). One search, as without the clock.
        const QString cutoff = query.overdueCutoff.toUTC().toString(Qt::ISODateWithMs);
        const auto resultOn = [](const QString &bound, const QString &time) {
            return QJsonObject{
                {u"range"_s, QJsonObject{{u"resultOn"_s, QJsonObject{{bound, time}}}}}};
        };
        const QJsonObject clock{
            {u"overdue"_s, QJsonObject{{u"filter"_s, resultOn(u"lte"_s, cutoff)}}},
            {u"upcoming"_s,
             QJsonObject{
                 {u"filter"_s, resultOn(u"gt"_s, cutoff)},
                 {u"aggs"_s,
                  QJsonObject{
                      {u"times"_s,
                       QJsonObject{
                           {u"terms"_s,
                            QJsonObject{{u"field"_s, u"resultOn"_s},
                                        {u"size"_s, query.upcomingLimit},
                                        {u"order"_s, QJsonObject{{u"_key"_s, u"asc"_s}}}}}}}}}}}};
        QJsonObject aggs = body[u"aggs"_s].toObject();
        QJsonObject tabs = aggs[u"tabs"_s].toObject();
        tabs.insert(u"aggs"_s, clock);
        aggs.insert(u"tabs"_s, tabs);
        body.insert(u"aggs"_s, aggs);
    }
    return body;
}

namespace {

WorklistCounts tabCounts(const QJsonObject &result)
{
    WorklistCounts counts;
    for (const QJsonValue bucket : result[u"aggregations"_s][u"tabs"_s][u"buckets"_s].toArray()) {
        const int status = bucket[u"key"_s].toInt();
        const qint64 count = bucket[u"doc_count"_s].toInteger();
        if (status == 1)
            counts.pending = count;
        else if (status == 2)
            counts.done = count;
        else if (status == 4)
            counts.attempted = count;
    }
    return counts;
}

// A result time as a terms bucket keys it: epoch milliseconds from Elasticsearch, the
// ISO text from the test server.
QDateTime bucketTime(const QJsonValue &key)
{
    if (key.isDouble())
        return QDateTime::fromMSecsSinceEpoch(key.toInteger(), QTimeZone::utc());
    return QDateTime::fromString(key.toString(), Qt::ISODateWithMs);
}

void readOverdue(const QJsonObject &result, const QDateTime &cutoff, WorklistPage &page)
{
    if (!cutoff.isValid())
        return;
    page.pendingOverdue = page.attemptedOverdue = OverdueTally{cutoff, 0, {}, true};
    for (const QJsonValue bucket : result[u"aggregations"_s][u"tabs"_s][u"buckets"_s].toArray()) {
        const int status = bucket[u"key"_s].toInt();
        if (status != 1 && status != 4)
            continue;
        OverdueTally &tally = status == 1 ? page.pendingOverdue : page.attemptedOverdue;
        tally.overdue = bucket[u"overdue"_s][u"doc_count"_s].toInteger();
        const QJsonValue times = bucket[u"upcoming"_s][u"times"_s];
        for (const QJsonValue time : times[u"buckets"_s].toArray()) {
            const QDateTime when = bucketTime(time[u"key"_s]);
            for (qint64 n = time[u"doc_count"_s].toInteger(); n > 0; --n)
                tally.upcoming << when;
        }
        // Cut short when later times were left out of the buckets.
        tally.upcomingComplete = times[u"sum_other_doc_count"_s].toInteger() == 0;
    }
}

WorklistRow rowOf(const QJsonValue &hit, const WorklistQuery &wanted)
{
    const QJsonObject source = hit[u"_source"_s].toObject();
    WorklistRow row;
    row.reportId = source[u"labReportId"_s].toString().toLongLong();
    row.billId = source[u"billId"_s].toString().toLongLong();
    row.labBillId = source[u"labBillId"_s].toString();
    row.patientName = source[u"patientName"_s].toString();
    row.patientId = source[u"patientId"_s].toString().toLongLong();
    row.patientDateOfBirth
        = QDate::fromString(source[u"patientDateOfBirth"_s].toString(), Qt::ISODate);
    row.testName = source[u"testName"_s].toString();
    row.departmentId = source[u"departmentId"_s].toString().toLongLong();
    row.departmentName = source[u"departmentName"_s].toString();
    row.status
        = CriticalStatusInfo::fromInt(source[u"criticalValues"_s].toInt()).value_or(wanted.tab);
    row.resultOn = QDateTime::fromString(source[u"resultOn"_s].toString(), Qt::ISODateWithMs);
    row.lastUpdated = QDateTime::fromString(source[u"lastUpdated"_s].toString(), Qt::ISODateWithMs);
    for (const QJsonValue value : source[u"criticalParameters"_s].toArray()) {
        CriticalParameter parameter = CriticalParameter::fromJson(value.toObject());
        parameter.value = value[u"entered"_s].toString(parameter.value);
        row.criticalParameters << parameter;
    }
    // As the database source, which reads the messages on the Done tab only.
    if (wanted.tab == CriticalStatus::CalloutDone)
        WorklistRowDetails::readUndelivered(source[u"undelivered"_s].toString(), row);
    row.cursor = hit[u"sort"_s].toArray().toVariantList();
    return row;
}

} // namespace

void IndexWorklistSource::fetch(const SessionScope &scope, const WorklistQuery &query,
                                Callback done)
{
    if (query.pageSize < 1 || query.pageSize > 1000) {
        done(Failure::invalidInput(QCoreApplication::translate(
            "IndexWorklistSource", "A worklist page holds from 1 to 1000 rows.")));
        return;
    }
    QJsonObject body = searchBody(scope, query);
    // One row more than asked tells whether another page follows.
    body.insert(u"size"_s, query.countsOnly ? 0 : query.pageSize + 1);
    const WorklistQuery wanted = query;
    // Only the session's lab's index is searched: a lab's desk key may read no other. The
    // labId term in the query stays as a second check; department scoping (V2) is the
    // query's alone, as the index cannot enforce it (README).
    const QString path = u"/%1/_search"_s.arg(m_client.endpoint().labIndexName(scope.labId()));
    IndexClient *client = &m_client;
    m_client.sendJson("POST", path, QJsonDocument(body),
                      [client, path, scope, wanted, done](const IndexResponse &response) {
                          if (!response.ok()) {
                              done(*response.failure);
                              return;
                          }
                          const QJsonObject result = response.body.object();
                          WorklistPage page;
                          const WorklistCounts counts = tabCounts(result);
                          page.pending = counts.pending;
                          page.attempted = counts.attempted;
                          page.done = counts.done;
                          page.total = result[u"hits"_s][u"total"_s][u"value"_s].toInteger();
                          readOverdue(result, wanted.overdueCutoff, page);
                          for (const QJsonValue hit : result[u"hits"_s][u"hits"_s].toArray()) {
                              if (page.rows.size() == wanted.pageSize) {
                                  page.hasMore = true;
                                  break;
                              }
                              page.rows << rowOf(hit, wanted);
                          }
                          if (!wanted.isFiltered())
                              page.unfiltered = counts;
                          if (!wanted.isFiltered() || !wanted.withUnfilteredCounts) {
                              done(page);
                              return;
                          }
                          // The counts without the filters, only when asked: a second search for
                          // the aggregation alone.
                          QJsonObject all = searchBody(scope, wanted.unfilteredCopy());
                          all.insert(u"size"_s, 0);
                          all.remove(u"search_after"_s);
                          client->sendJson("POST", path, QJsonDocument(all),
                                           [page, done](const IndexResponse &counted) mutable {
                                               if (!counted.ok()) {
                                                   done(*counted.failure);
                                                   return;
                                               }
                                               page.unfiltered = tabCounts(counted.body.object());
                                               done(page);
                                           });
                      });
}

} // namespace calloutdesk
