#include "ResultSimulator.h"

#include "CriticalBounds.h"
#include "CriticalParameterEvaluator.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"
#include "services/db/WriteTransaction.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ResultSimulator", text);
}

// The wider of two bounds on one side: the lower low, the higher high.
std::optional<double> wider(std::optional<double> a, std::optional<double> b, bool low)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return low ? std::min(*a, *b) : std::max(*a, *b);
}

QString formatValue(double value)
{
    return QString::number(value, 'f', value >= 100 ? 0 : (value >= 10 ? 1 : 2));
}

} // namespace

bool ResultSimulator::Test::canBeCritical() const
{
    return std::any_of(formats.begin(), formats.end(), [](const Format &format) {
        return format.high || (format.low && *format.low > 0);
    });
}

ResultSimulator::ResultSimulator(DatabaseConnection &connection, quint32 seed)
    : m_connection(connection)
    , m_random(seed)
{ }

Status ResultSimulator::load(std::optional<qint64> labId)
{
    auto lab = m_connection.run(tr("Finding the lab"),
                                labId ? u"SELECT id FROM lab WHERE id = ?"_s
                                      : u"SELECT MIN(id) FROM lab"_s,
                                labId ? QVariantList{*labId} : QVariantList{});
    if (!lab)
        return lab.failure();
    if (!lab.value().next() || lab.value().value(0).isNull()) {
        return Failure::invalidInput(labId ? tr("There is no lab %1.").arg(*labId)
                                           : tr("The database holds no lab; run calloutctl "
                                                "demo first, or name one with --lab ID."));
    }
    m_labId = lab.value().value(0).toLongLong();

    auto patients
        = m_connection.run(tr("Reading the lab's patients"),
                           u"SELECT MIN(id), MAX(id) FROM patient WHERE lab_id = ?"_s, {m_labId});
    if (!patients)
        return patients.failure();
    if (!patients.value().next() || patients.value().value(0).isNull())
        return Failure::invalidInput(
            tr("Lab %1 has no patients to write results for.").arg(m_labId));
    m_firstPatientId = patients.value().value(0).toLongLong();
    m_lastPatientId = patients.value().value(1).toLongLong();

    for (const auto &[table, ids] : {std::pair{u"referral_doctor"_s, &m_referralIds},
                                     std::pair{u"organisation"_s, &m_organisationIds}}) {
        auto rows = m_connection.run(tr("Reading the lab's referrals and organisations"),
                                     u"SELECT id FROM %1 WHERE lab_id = ?"_s.arg(table), {m_labId});
        if (!rows)
            return rows.failure();
        ids->clear();
        while (rows.value().next())
            ids->push_back(rows.value().value(0).toLongLong());
    }
    if (const Status catalogue = loadCatalogue(); !catalogue)
        return catalogue;
    if (std::none_of(m_tests.begin(), m_tests.end(),
                     [](const Test &t) { return t.canBeCritical(); }))
        return Failure::invalidInput(
            tr("No test of lab %1 has a critical bound, so no result could be critical.")
                .arg(m_labId));
    return Done{};
}

Status ResultSimulator::loadCatalogue()
{
    auto formats = m_connection.run(
        tr("Reading the lab's tests"),
        u"SELECT t.id, t.name, f.id, f.reference_range, f.critical_low, f.critical_high, "
        "f.age_range_flag FROM lab_test t JOIN report_format f ON f.lab_test_id = t.id "
        "WHERE t.lab_id = ? ORDER BY t.id, f.sort_order, f.id"_s,
        {m_labId});
    if (!formats)
        return formats.failure();
    m_tests.clear();
    QList<qint64> rangedFormats;
    while (formats.value().next()) {
        const QSqlQuery &row = formats.value();
        const qint64 testId = row.value(0).toLongLong();
        if (m_tests.empty() || m_tests.back().id != testId)
            m_tests.push_back({testId, row.value(1).toString(), {}});
        m_tests.back().formats.push_back({row.value(2).toLongLong(), row.value(3).toString(),
                                          CriticalBounds::boundOf(row.value(4)),
                                          CriticalBounds::boundOf(row.value(5))});
        if (row.value(6).toBool())
            rangedFormats << row.value(2).toLongLong();
    }
    if (rangedFormats.isEmpty())
        return Done{};

    // A value drawn beyond the widest bound of a format is critical for every patient.
    const SqlDialect dialect(m_connection);
    auto ranges = m_connection.run(
        tr("Reading age and sex ranges"),
        u"SELECT report_format_id, critical_low, critical_high FROM value_range WHERE %1"_s.arg(
            dialect.idIn(u"report_format_id"_s)),
        {dialect.idList(rangedFormats)});
    if (!ranges)
        return ranges.failure();
    QHash<qint64, Range> widest;
    while (ranges.value().next()) {
        Range &range = widest[ranges.value().value(0).toLongLong()];
        range.low = wider(range.low, CriticalBounds::boundOf(ranges.value().value(1)), true);
        range.high = wider(range.high, CriticalBounds::boundOf(ranges.value().value(2)), false);
    }
    for (Test &test : m_tests) {
        for (Format &format : test.formats) {
            const auto range = widest.constFind(format.id);
            if (range == widest.constEnd())
                continue;
            format.low = wider(format.low, range->low, true);
            format.high = wider(format.high, range->high, false);
        }
    }
    return Done{};
}

Result<ResultSimulator::Patient> ResultSimulator::pickPatient()
{
    // Ids of one lab are not dense (two labs share the sequence): the first at or after a
    // random one.
    const qint64 from = m_firstPatientId
        + qint64(m_random.bounded(quint64(m_lastPatientId - m_firstPatientId + 1)));
    auto row = m_connection.run(tr("Choosing a patient"),
                                u"SELECT id, sex, date_of_birth FROM patient WHERE lab_id = ? "
                                "AND id >= ? ORDER BY id LIMIT 1"_s,
                                {m_labId, from});
    if (!row)
        return row.failure();
    if (!row.value().next())
        return Failure::conflict(tr("The patients of lab %1 changed meanwhile.").arg(m_labId));
    const QString sex = row.value().value(1).toString();
    return Patient{row.value().value(0).toLongLong(), sex.isEmpty() ? QChar(u'U') : sex.at(0),
                   QDate::fromString(row.value().value(2).toString().left(10), Qt::ISODate)};
}

QString ResultSimulator::valueFor(const Format &format, bool critical)
{
    const auto between = [this](double low, double high) {
        return low + (high - low) * m_random.generateDouble();
    };
    if (critical && (format.high || (format.low && *format.low > 0))) {
        // Far enough beyond the bound that the rounding keeps it there.
        const bool low = format.low && *format.low > 0 && (!format.high || m_random.bounded(2));
        return formatValue(low ? *format.low * between(0.5, 0.9)
                               : *format.high * between(1.05, 1.5));
    }
    static const QRegularExpression span(uR"(^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$)"_s);
    static const QRegularExpression below(uR"(^\s*<\s*(\d+(?:\.\d+)?)\s*$)"_s);
    if (const auto match = span.match(format.referenceRange); match.hasMatch())
        return formatValue(between(match.captured(1).toDouble(), match.captured(2).toDouble()));
    if (const auto match = below.match(format.referenceRange); match.hasMatch())
        return formatValue(match.captured(1).toDouble() * between(0.2, 0.8));
    if (format.low && format.high)
        return formatValue((*format.low + *format.high) / 2);
    if (format.high)
        return formatValue(*format.high / 2);
    if (format.low)
        return formatValue(*format.low * 1.5);
    return u"No growth after 48 hours"_s;
}

QString ResultSimulator::nextOrderNumber(const QDateTime &now)
{
    return u"SIM-%1-%2"_s.arg(now.toString(u"yyMMdd-HHmmsszzz"_s))
        .arg(m_random.bounded(10000), 4, 10, QChar(u'0'));
}

Result<ResultSimulator::Written> ResultSimulator::writeOne()
{
    if (m_tests.empty())
        return Failure::internal(tr("The simulator wrote before it read the lab."));
    const bool critical = int(m_random.bounded(100)) < criticalPercent;
    std::vector<const Test *> candidates;
    for (const Test &test : m_tests) {
        if (!critical || test.canBeCritical())
            candidates.push_back(&test);
    }
    const Test &test = *any(candidates);
    const auto patient = pickPatient();
    if (!patient)
        return patient.failure();

    Written written;
    written.resultOn = QDateTime::currentDateTimeUtc();
    written.testName = test.name;
    written.labBillId = nextOrderNumber(written.resultOn);
    // Ordered and sampled up to three hours before the result.
    const QDateTime ordered = written.resultOn.addSecs(-qint64(600 + m_random.bounded(10200)));
    const auto iso = [](const QDateTime &when) {
        return when.toString(Qt::ISODateWithMs);
    };
    const auto optionalId = [this](const std::vector<qint64> &ids, int percent) {
        return !ids.empty() && int(m_random.bounded(100)) < percent ? QVariant(any(ids))
                                                                    : QVariant();
    };
    const QVariant referral = optionalId(m_referralIds, 85);
    const QVariant organisation = optionalId(m_organisationIds, 70);

    QVariantList values;
    QStringList rows;
    bool numeric = true;
    for (const Format &format : test.formats) {
        const QString value = valueFor(format, critical);
        numeric = numeric && CriticalBounds::numericValue(value).has_value();
        rows << u"(?, ?, ?)"_s;
        values << QVariant() << format.id << value;
    }

    WriteTransaction transaction(m_connection);
    if (const Status started = transaction.begin(); !started)
        return started.failure();
    {
        auto bill = m_connection.run(
            tr("Writing the order"),
            u"INSERT INTO bill (lab_id, lab_bill_id, patient_id, referral_doctor_id, "
            "organisation_id, bill_date) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"_s,
            {m_labId, written.labBillId, patient.value().id, referral, organisation, iso(ordered)});
        if (!bill)
            return bill.failure();
        bill.value().next();
        written.billId = bill.value().value(0).toLongLong();
    }
    {
        auto report = m_connection.run(
            tr("Writing the report"),
            u"INSERT INTO report (lab_id, bill_id, lab_test_id, critical_values, sample_collected, "
            "completed, report_format, result_on, last_updated) "
            "VALUES (?, ?, ?, 0, TRUE, TRUE, ?, ?, ?) RETURNING id"_s,
            {m_labId, written.billId, test.id, numeric ? u"numeric"_s : u"text"_s,
             iso(written.resultOn), iso(written.resultOn)});
        if (!report)
            return report.failure();
        report.value().next();
        written.reportId = report.value().value(0).toLongLong();
    }
    for (qsizetype i = 0; i < values.size(); i += 3)
        values[i] = written.reportId;
    if (auto inserted = m_connection.run(
            tr("Writing the report's values"),
            u"INSERT INTO report_value (report_id, report_format_id, value) VALUES %1"_s.arg(
                rows.join(u", "_s)),
            values);
        !inserted) {
        return inserted.failure();
    }

    // The status is what the program itself finds in these values for this patient.
    auto evaluated = CriticalParameterEvaluator(m_connection)
                         .evaluate({{written.reportId, patient.value().sex,
                                     patient.value().dateOfBirth, written.resultOn.date()}});
    if (!evaluated)
        return evaluated.failure();
    written.criticalParameters = evaluated.value().value(written.reportId);
    if (!written.criticalParameters.isEmpty()) {
        written.status = CriticalStatus::CalloutPending;
        if (auto marked
            = m_connection.run(tr("Setting the report's critical status"),
                               u"UPDATE report SET critical_values = ? WHERE id = ?"_s,
                               {CriticalStatusInfo::toInt(written.status), written.reportId});
            !marked) {
            return marked.failure();
        }
    }
    // E4: the index hears of the new order from the same transaction.
    if (auto indexed = m_connection.run(
            tr("Noting the order for the search index"),
            u"INSERT INTO index_outbox (lab_id, scope, bill_id) VALUES (?, 'bill', ?)"_s,
            {m_labId, written.billId});
        !indexed) {
        return indexed.failure();
    }
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    return written;
}

} // namespace calloutdesk
