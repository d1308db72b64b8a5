#include "DemoDataGenerator.h"

#include "models/DeskTime.h"

#include "BatchInserter.h"
#include "DatabaseConnection.h"
#include "WriteTransaction.h"
#include "models/CriticalStatus.h"
#include "models/DeskTime.h"
#include "services/JsonText.h"
#include "services/callout/ActivityEntry.h"
#include "services/callout/CalloutRequestLedger.h"
#include "services/callout/CriticalBounds.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>

#include <algorithm>
#include <array>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DemoDataGenerator", text);
}

// ---- The sample catalogue ------------------------------------------------------------

struct ParameterSpec
{
    const char *name;
    const char *unit;
    const char *referenceRange;
    double normalLow, normalHigh;                    // values drawn for a normal result
    std::optional<double> criticalLow, criticalHigh; // the format's own bounds
    double panicLow, panicHigh; // drawn for a critical result: beyond every bound
    bool ageRanges;             // has value_range rows (see rangesFor)
};

struct TestSpec
{
    const char *name;
    int department;     // index into departments
    const char *format; // numeric, text, culture
    std::vector<ParameterSpec> parameters;
};

const std::array<const char *, 6> departments
    = {"Haematology", "Clinical Biochemistry", "Coagulation",
       "Immunology",  "Endocrinology",         "Microbiology"};

// One row per test reads better than the formatter's layout.
// clang-format off
const std::vector<TestSpec> &catalogue()
{
    static const std::vector<TestSpec> tests = {
        {"Complete Blood Count", 0, "numeric",
         {{"Haemoglobin", "g/dL", "13.0 - 17.0", 13.0, 17.0, 7.0, 20.0, 4.5, 25.5, true},
          {"WBC Count", "x10^9/L", "4.0 - 11.0", 4.0, 11.0, 2.0, 30.0, 0.6, 48.0, false},
          {"Platelet Count", "x10^9/L", "150 - 400", 150, 400, 20.0, 1000.0, 8, 1400, false}}},
        {"Electrolytes", 1, "numeric",
         {{"Potassium", "mmol/L", "3.5 - 5.1", 3.5, 5.1, 2.8, 6.2, 2.1, 7.4, false},
          {"Sodium", "mmol/L", "135 - 145", 135, 145, 120.0, 160.0, 108, 171, false}}},
        {"Blood Glucose", 1, "numeric",
         {{"Glucose", "mg/dL", "70 - 140", 70, 140, 40.0, 450.0, 18, 640, true}}},
        {"Serum Calcium", 1, "numeric",
         {{"Calcium", "mg/dL", "8.5 - 10.5", 8.5, 10.5, 6.0, 13.0, 4.9, 14.6, false}}},
        {"Serum Creatinine", 1, "numeric",
         {{"Creatinine", "mg/dL", "0.7 - 1.3", 0.7, 1.3, std::nullopt, 7.4, 0.7, 11.0, false}}},
        {"Coagulation Profile", 2, "numeric",
         {{"INR", "", "0.8 - 1.2", 0.8, 1.2, std::nullopt, 5.0, 0.8, 8.5, false},
          {"aPTT", "s", "25 - 35", 25, 35, std::nullopt, 100.0, 25, 140, false}}},
        {"Troponin I", 3, "numeric",
         {{"Troponin I", "ng/L", "< 26", 2, 25, std::nullopt, 100.0, 2, 2400, false}}},
        {"Thyroid Stimulating Hormone", 4, "numeric",
         {{"TSH", "mIU/L", "0.4 - 4.0", 0.4, 4.0, std::nullopt, std::nullopt, 0, 0, false}}},
        {"Blood Culture", 5, "culture",
         {{"Culture Result", "", "No growth", 0, 0, std::nullopt, std::nullopt, 0, 0, false}}},
    };
    return tests;
}
// clang-format on

bool canBeCritical(const TestSpec &test)
{
    return std::any_of(test.parameters.begin(), test.parameters.end(), [](const auto &p) {
        return p.criticalLow.has_value() || p.criticalHigh.has_value();
    });
}

struct RangeSpec
{
    const char *sex;
    int ageMinDays, ageMaxDays;
    std::optional<double> low, high;
    const char *referenceRange;
};

// Age- and sex-specific bounds. A sampled critical value lies beyond all of them and a
// normal value inside all of them, so a patient's age never turns a demo value around.
std::vector<RangeSpec> rangesFor(const ParameterSpec &parameter)
{
    if (QByteArrayView(parameter.name) == "Haemoglobin") {
        return {{"A", 0, 28, 10.0, 24.0, "14.0 - 22.0"},
                {"M", 28, 54750, 7.0, 21.0, "13.0 - 17.0"},
                {"F", 28, 54750, 7.0, 20.0, "12.0 - 15.5"}};
    }
    if (QByteArrayView(parameter.name) == "Glucose")
        return {{"A", 0, 28, 30.0, 300.0, "40 - 100"}, {"A", 28, 54750, 40.0, 450.0, "70 - 140"}};
    return {};
}

const std::array<const char *, 24> givenNames
    = {"Amelia", "Noah",  "Priya",  "Mateo", "Fatima", "Liam",   "Chloe", "Arjun",
       "Sofia",  "Kwame", "Hannah", "Yusuf", "Mei",    "Oliver", "Aisha", "Lucas",
       "Ingrid", "Tomás", "Zara",   "Ethan", "Nadia",  "Samuel", "Leila", "Jonas"};
const std::array<const char *, 24> familyNames
    = {"Okafor",  "Schmidt",   "Patel",  "García",  "Nguyen", "Kowalski", "Haddad", "O'Brien",
       "Rossi",   "Andersson", "Mensah", "Tanaka",  "Dubois", "Silva",    "Novak",  "Ibrahim",
       "Fischer", "Moreau",    "Kaur",   "Brennan", "Costa",  "Yilmaz",   "Larsen", "Mbeki"};
const std::array<const char *, 8> organisationNames
    = {"City General Hospital",   "St. Mary's Clinic",        "Northside Family Practice",
       "Lakeview Care Home",      "Harbour Medical Centre",   "Westbrook Paediatrics",
       "Riverside Dialysis Unit", "Hillcrest Oncology Centre"};

// ---- The writer ----------------------------------------------------------------------

class DemoLabWriter
{
public:
    DemoLabWriter(QSqlDatabase db, const DemoDataGenerator::Options &options)
        : m_db(db)
        , m_options(options)
        , m_random(quint32(options.seed ^ (options.seed >> 32)))
        , m_labs(db, u"lab"_s, {u"id"_s, u"name"_s, u"email"_s, u"contact_number"_s})
        , m_departments(db, u"department"_s, {u"id"_s, u"lab_id"_s, u"name"_s})
        , m_doctors(db, u"doctor"_s, {u"id"_s, u"lab_id"_s, u"name"_s, u"email"_s, u"doc_type"_s})
        , m_doctorDepartments(db, u"doctor_department"_s,
                              {u"lab_id"_s, u"doctor_id"_s, u"department_id"_s})
        , m_labUsers(db, u"lab_user"_s,
                     {u"id"_s, u"lab_id"_s, u"name"_s, u"email"_s, u"department_data_type"_s,
                      u"home_department_id"_s, u"is_support"_s})
        , m_labUserDepartments(db, u"lab_user_department"_s,
                               {u"lab_id"_s, u"lab_user_id"_s, u"department_id"_s})
        , m_organisations(
              db, u"organisation"_s,
              {u"id"_s, u"lab_id"_s, u"name"_s, u"email"_s, u"fax"_s, u"contact_number"_s})
        , m_referrals(db, u"referral_doctor"_s,
                      {u"id"_s, u"lab_id"_s, u"name"_s, u"email"_s, u"fax"_s, u"contact_number"_s})
        , m_patients(db, u"patient"_s,
                     {u"id"_s, u"lab_id"_s, u"name"_s, u"email"_s, u"fax"_s, u"contact_number"_s,
                      u"sex"_s, u"date_of_birth"_s})
        , m_tests(db, u"lab_test"_s, {u"id"_s, u"lab_id"_s, u"name"_s, u"department_id"_s})
        , m_formats(db, u"report_format"_s,
                    {u"id"_s, u"lab_test_id"_s, u"parameter_name"_s, u"unit"_s,
                     u"reference_range"_s, u"critical_low"_s, u"critical_high"_s,
                     u"age_range_flag"_s, u"sort_order"_s})
        , m_ranges(db, u"value_range"_s,
                   {u"id"_s, u"report_format_id"_s, u"sex"_s, u"age_min_days"_s, u"age_max_days"_s,
                    u"critical_low"_s, u"critical_high"_s, u"reference_range"_s})
        , m_settings(db, u"notification_setting"_s, {u"lab_id"_s, u"setting_key"_s, u"enabled"_s})
        , m_bills(db, u"bill"_s,
                  {u"id"_s, u"lab_id"_s, u"lab_bill_id"_s, u"patient_id"_s, u"referral_doctor_id"_s,
                   u"organisation_id"_s, u"assigned_doctor_id"_s, u"bill_date"_s})
        , m_reports(db, u"report"_s,
                    {u"id"_s, u"lab_id"_s, u"bill_id"_s, u"lab_test_id"_s, u"critical_values"_s,
                     u"dismissed"_s, u"sample_collected"_s, u"is_signed"_s, u"is_approved"_s,
                     u"completed"_s, u"on_hold"_s, u"in_question"_s, u"not_performed"_s,
                     u"comments"_s, u"report_format"_s, u"result_on"_s, u"last_updated"_s,
                     u"row_version"_s})
        , m_values(db, u"report_value"_s,
                   {u"id"_s, u"report_id"_s, u"report_format_id"_s, u"value"_s})
        , m_drafts(db, u"critical_callout"_s, calloutColumns())
        , m_callouts(db, u"critical_callout"_s, calloutColumns())
        , m_activity(db, u"activity_log"_s,
                     {u"id"_s, u"lab_id"_s, u"log_category_id"_s, u"bill_id"_s, u"lab_report_id"_s,
                      u"lab_user_name"_s, u"lab_user_id"_s, u"performed_by_doctor_id"_s,
                      u"session_token"_s, u"activity_text"_s, u"activity_date"_s, u"dumped_json"_s,
                      u"request_id"_s, u"request_outcome"_s})
        , m_activityReports(db, u"activity_log_report"_s,
                            {u"activity_log_id"_s, u"lab_id"_s, u"lab_report_id"_s})
        , m_notifications(db, u"notification_outbox"_s,
                          {u"id"_s, u"lab_id"_s, u"bill_id"_s, u"activity_log_id"_s, u"channel"_s,
                           u"recipient_kind"_s, u"address"_s, u"payload"_s, u"state"_s,
                           u"attempts"_s, u"next_attempt_at"_s, u"created_on"_s, u"sent_on"_s})
    { }

    Status write(DemoDataGenerator::Summary &summary)
    {
        const int otherLabOrders = m_options.orders >= 10 ? m_options.orders / 10 : 0;
        const std::array<std::pair<const char *, int>, 2> labs
            = {std::pair{"Riverside Clinical Laboratory", m_options.orders - otherLabOrders},
               std::pair{"Hillcrest Pathology", otherLabOrders}};
        for (const auto &[name, orders] : labs) {
            if (orders == 0 && m_labId > 0)
                break;
            if (const Status written = writeLab(QString::fromUtf8(name), orders); !written)
                return written;
        }
        summary.labs = m_labs.rowsWritten();
        summary.patients = m_patients.rowsWritten();
        summary.orders = m_bills.rowsWritten();
        summary.reports = m_reports.rowsWritten();
        summary.reportValues = m_values.rowsWritten();
        summary.callouts = m_drafts.rowsWritten() + m_callouts.rowsWritten();
        return Done{};
    }

    // PostgreSQL sequences do not move when ids are given explicitly.
    Status advanceSequences()
    {
        QSqlQuery query(m_db);
        for (const BatchInserter *table :
             {&m_labs, &m_departments, &m_doctors, &m_labUsers, &m_organisations, &m_referrals,
              &m_patients, &m_tests, &m_formats, &m_ranges, &m_bills, &m_reports, &m_values,
              &m_callouts, &m_activity, &m_notifications}) {
            const QString sql
                = u"SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                  "COALESCE((SELECT MAX(id) FROM %1), 0) + 1, false)"_s.arg(table->table());
            if (!query.exec(sql))
                return DatabaseConnection::queryFailure(tr("Advancing id sequences"), query);
        }
        return Done{};
    }

private:
    struct Party
    {
        qint64 id;
        QString name, email, fax, contact;
    };
    struct Format
    {
        qint64 id;
        const ParameterSpec *spec;
        QList<CriticalBounds::AgeSexRange> ranges;
    };
    struct Test
    {
        qint64 id;
        const TestSpec *spec;
        std::vector<Format> formats;
    };
    struct Patient
    {
        qint64 id;
        QString name, email, contact;
        QChar sex;
        QDate dateOfBirth;
    };
    // Someone who can sign in and call out, with what V2 lets them see: a callout only
    // ever names reports its author could select.
    struct Actor
    {
        bool isDoctor;
        qint64 id;
        QString name;
        bool seesAll;         // support login
        bool byAssignment;    // doctor with docType 2: the bills assigned to them
        unsigned departments; // bit i: departments[i]

        bool sees(int department, std::optional<qint64> assignedDoctor) const
        {
            if (seesAll)
                return true;
            if (byAssignment)
                return assignedDoctor == id;
            return (departments >> department) & 1u;
        }
    };
    // One report of the order being written, until its row is added.
    struct ReportState
    {
        qint64 id = 0;
        const Test *test = nullptr;
        bool collected = false, completed = false, abnormal = false, dismissed = false;
        QDateTime resultOn, lastUpdated;
        // What CriticalParameterEvaluator finds for this patient: the program's own test
        // of "critical", so R1 shows every report the demo puts in a callout status.
        QList<CriticalParameter> criticalParameters;
        CriticalStatus status = CriticalStatus::Normal;
        // By a done callout: with gate_requires_done on (every demo lab) only that one lets
        // the report be signed (U13).
        bool namedByDoneCallout = false;
        int updates = 0; // by callouts, each bumping row_version as the schema's trigger does
    };

    static QStringList calloutColumns()
    {
        return {u"id"_s,
                u"lab_id"_s,
                u"bill_id"_s,
                u"lab_report_id"_s,
                u"is_draft"_s,
                u"status"_s,
                u"comment"_s,
                u"critical_callout_meta"_s,
                u"critical_values_meta"_s,
                u"performed_by_user_id"_s,
                u"performed_by_doctor_id"_s,
                u"created_on"_s};
    }

    int pick(int bound) { return int(m_random.bounded(bound)); }
    bool chance(int percent) { return pick(100) < percent; }
    double between(double low, double high)
    {
        return low + (high - low) * m_random.generateDouble();
    }

    QString personName()
    {
        return QString::fromUtf8(givenNames[size_t(pick(givenNames.size()))]) + u' '
            + QString::fromUtf8(familyNames[size_t(pick(familyNames.size()))]);
    }
    QString phone() { return u"+1 555 %1"_s.arg(pick(9000000) + 1000000); }
    // "Tomás García" → tomas.garcia@…, "St. Mary's" → st.marys@…: a local part with
    // letters outside ASCII or two dots in a row is refused at entry (SPEC C10,
    // EmailAddress), and demo data holds only what the desk accepts.
    static QString mailFor(const QString &name, const QString &domain)
    {
        QString local;
        for (const QChar c : name.toLower().normalized(QString::NormalizationForm_D)) {
            if (c == u' ' || c == u'.') {
                if (!local.isEmpty() && !local.endsWith(u'.'))
                    local += u'.';
            } else if (c.unicode() < 0x80 && c != u'\'') {
                local += c;
            }
        }
        if (local.endsWith(u'.'))
            local.chop(1);
        return local + u'@' + domain;
    }
    static QString iso(const QDateTime &when) { return when.toString(Qt::ISODateWithMs); }
    static QString formatValue(double value)
    {
        return QString::number(value, 'f', value >= 100 ? 0 : (value >= 10 ? 1 : 2));
    }

    Status writeLab(const QString &name, int orders)
    {
        const qint64 lab = ++m_labId;
        const QString domain = name.section(u' ', 0, 0).toLower() + u"-lab.example"_s;
        m_labs.add({lab, name, u"results@"_s + domain, phone()});

        QList<qint64> departmentIds;
        for (const char *department : departments) {
            departmentIds << ++m_departmentId;
            m_departments.add({m_departmentId, lab, QString::fromUtf8(department)});
        }

        // Four doctors scoped by departments (docType 0), two by assigned bills (docType 2).
        m_actors.clear();
        QList<qint64> doctorIds;
        for (int i = 0; i < 6; ++i) {
            const QString doctorName = u"Dr. "_s + personName();
            doctorIds << ++m_doctorId;
            m_doctors.add(
                {m_doctorId, lab, doctorName, mailFor(doctorName.mid(4), domain), i < 4 ? 0 : 2});
            unsigned seen = 0;
            if (i < 4) {
                m_doctorDepartments.add({lab, m_doctorId, departmentIds.at(i)});
                seen |= 1u << i;
                if (i % 2 == 0) {
                    m_doctorDepartments.add({lab, m_doctorId, departmentIds.at(i + 1)});
                    seen |= 1u << (i + 1);
                }
            }
            m_actors.push_back({true, m_doctorId, doctorName, false, i >= 4, seen});
        }

        // Lab users: two with a home department (type 0), two with linked departments
        // (type 1), one support login.
        for (int i = 0; i < 5; ++i) {
            const QString userName = personName();
            ++m_labUserId;
            const bool support = i == 4;
            const int dataType = i < 2 ? 0 : 1;
            m_labUsers.add({m_labUserId, lab, userName, mailFor(userName, domain),
                            support ? 0 : dataType,
                            support ? QVariant() : QVariant(departmentIds.at(i)), support});
            if (!support && dataType == 1) {
                m_labUserDepartments.add({lab, m_labUserId, departmentIds.at(i)});
                m_labUserDepartments.add({lab, m_labUserId, departmentIds.at(0)});
            }
            const unsigned seen = (1u << i) | (dataType == 1 ? 1u : 0u);
            m_actors.push_back({false, m_labUserId, userName, support, false, support ? 0 : seen});
        }

        std::vector<Party> organisations;
        for (const char *organisation : organisationNames) {
            const QString orgName = QString::fromUtf8(organisation);
            Party party{++m_organisationId, orgName,
                        mailFor(orgName.section(u' ', 0, 1), u"care.example"_s),
                        chance(70) ? phone() : u""_s, phone()};
            organisations.push_back(party);
            m_organisations.add({party.id, lab, party.name, party.email, party.fax, party.contact});
        }
        std::vector<Party> referrals;
        for (int i = 0; i < 20; ++i) {
            const QString referralName = u"Dr. "_s + personName();
            Party party{++m_referralId, referralName,
                        chance(85) ? mailFor(referralName.mid(4), u"clinic.example"_s) : u""_s,
                        chance(50) ? phone() : u""_s, phone()};
            referrals.push_back(party);
            m_referrals.add({party.id, lab, party.name, party.email, party.fax, party.contact});
        }

        std::vector<Test> tests;
        for (const TestSpec &spec : catalogue()) {
            Test test{++m_testId, &spec, {}};
            m_tests.add(
                {test.id, lab, QString::fromUtf8(spec.name), departmentIds.at(spec.department)});
            int order = 0;
            for (const ParameterSpec &parameter : spec.parameters) {
                test.formats.push_back({++m_formatId, &parameter, {}});
                m_formats.add(
                    {m_formatId, test.id, QString::fromUtf8(parameter.name),
                     QString::fromUtf8(parameter.unit), QString::fromUtf8(parameter.referenceRange),
                     parameter.criticalLow ? QVariant(*parameter.criticalLow) : QVariant(),
                     parameter.criticalHigh ? QVariant(*parameter.criticalHigh) : QVariant(),
                     parameter.ageRanges, order++});
                if (parameter.ageRanges) {
                    for (const RangeSpec &range : rangesFor(parameter)) {
                        test.formats.back().ranges.append(
                            {QChar::fromLatin1(range.sex[0]), range.ageMinDays, range.ageMaxDays,
                             range.low, range.high, QString::fromUtf8(range.referenceRange)});
                        m_ranges.add({++m_rangeId, m_formatId, QString::fromLatin1(range.sex),
                                      range.ageMinDays, range.ageMaxDays,
                                      range.low ? QVariant(*range.low) : QVariant(),
                                      range.high ? QVariant(*range.high) : QVariant(),
                                      QString::fromUtf8(range.referenceRange)});
                    }
                }
            }
            tests.push_back(std::move(test));
        }

        const bool mainLab = lab == 1;
        const bool alwaysNotify = mainLab;
        const std::array<std::pair<const char *, bool>, 8> settings
            = {std::pair{"is_email", true},
               std::pair{"is_fax", true},
               std::pair{"is_sms", mainLab},
               std::pair{"is_whatsapp", !mainLab},
               std::pair{"always_notify", alwaysNotify},
               std::pair{"mandatory_comment", mainLab},
               std::pair{"share_comment", true},
               std::pair{"show_patient_name", !mainLab}};
        for (const auto &[key, enabled] : settings)
            m_settings.add({lab, QString::fromLatin1(key), enabled});

        for (BatchInserter *table : {&m_labs, &m_departments, &m_doctors, &m_doctorDepartments,
                                     &m_labUsers, &m_labUserDepartments, &m_organisations,
                                     &m_referrals, &m_tests, &m_formats, &m_ranges, &m_settings}) {
            if (const Status flushed = table->flush(); !flushed)
                return flushed;
        }

        // Patients: most have one order, some come back.
        const int patientCount = std::max(1, orders * 4 / 5);
        std::vector<Patient> patients;
        patients.reserve(size_t(patientCount));
        const QDate anchor = m_options.anchor;
        for (int i = 0; i < patientCount; ++i) {
            const QString patientName = personName();
            const int ageDays
                = chance(4) ? pick(28) : (chance(10) ? 28 + pick(6000) : 6000 + pick(27000));
            const char *sex = chance(48) ? "F" : (chance(96) ? "M" : "U");
            Patient patient{++m_patientId,
                            patientName,
                            chance(60) ? mailFor(patientName, u"mail.example"_s) : u""_s,
                            chance(90) ? phone() : u""_s,
                            QChar::fromLatin1(sex[0]),
                            anchor.addDays(-ageDays)};
            m_patients.add({patient.id, lab, patientName, patient.email, u""_s, patient.contact,
                            QString::fromLatin1(sex), patient.dateOfBirth.toString(Qt::ISODate)});
            patients.push_back(std::move(patient));
            if ((i + 1) % 20000 == 0) {
                if (const Status flushed = m_patients.flush(); !flushed)
                    return flushed;
            }
        }
        if (const Status flushed = m_patients.flush(); !flushed)
            return flushed;

        const QString prefix = name.left(1) + name.section(u' ', 1, 1).left(2).toUpper();
        // Orders end the day before the anchor, so no result lies in the future.
        const QDateTime end(anchor.addDays(-1), QTime(0, 0), Qt::UTC);
        for (int order = 0; order < orders; ++order) {
            const Patient &patient = patients[size_t(pick(patientCount))];
            const QDateTime billDate = end.addSecs(-qint64(pick(60 * 24 * 60)) * 60);
            const qint64 bill = ++m_billId;
            const Party *organisation = chance(70) ? &organisations[size_t(pick(8))] : nullptr;
            const Party *referral = chance(85) ? &referrals[size_t(pick(20))] : nullptr;
            const QVariant assigned = chance(60) ? QVariant(doctorIds.at(pick(6))) : QVariant();
            const QString labBillId = u"%1-%2"_s.arg(prefix).arg(order + 1, 7, 10, QChar(u'0'));
            m_bills.add(
                {bill, lab, labBillId, patient.id, referral ? QVariant(referral->id) : QVariant(),
                 organisation ? QVariant(organisation->id) : QVariant(), assigned, iso(billDate)});
            BillParties parties;
            parties.billId = bill;
            parties.labId = lab;
            parties.labBillId = labBillId;
            parties.billDate = billDate;
            parties.patient = {patient.name, patient.email, u""_s, patient.contact};
            parties.patientSex = patient.sex;
            parties.patientDateOfBirth = patient.dateOfBirth;
            if (!assigned.isNull())
                parties.assignedDoctorId = assigned.toLongLong();
            if (organisation) {
                parties.organization = ContactDetails{organisation->name, organisation->email,
                                                      organisation->fax, organisation->contact};
            }
            if (referral) {
                parties.referral = ContactDetails{referral->name, referral->email, referral->fax,
                                                  referral->contact};
            }
            writeReports(parties, tests, alwaysNotify);
            if ((order + 1) % 2000 == 0) {
                if (const Status flushed = flushOrders(); !flushed)
                    return flushed;
            }
        }
        return flushOrders();
    }

    Status flushOrders()
    {
        // In the order the database checks them: a draft names its order, and on SQLite an
        // Attempted report must find the draft naming it when its row goes in (C11); audit
        // rows, log entries and their links name the reports.
        for (BatchInserter *table : {&m_bills, &m_drafts, &m_reports, &m_values, &m_callouts,
                                     &m_activity, &m_activityReports, &m_notifications}) {
            if (const Status flushed = table->flush(); !flushed)
                return flushed;
        }
        return Done{};
    }

    // Two to six tests per order. A test that can be critical is so one time in eight.
    // The order's callout history is then played as the program would have written it:
    // the callout engine's transitions (C2), rows (C3, C8, C11, C12, N1) and the
    // always_notify gate on signing and approving (U4).
    void writeReports(const BillParties &parties, const std::vector<Test> &tests, bool alwaysNotify)
    {
        const QDateTime &billDate = parties.billDate;
        std::vector<size_t> chosen;
        const int count = 2 + pick(5);
        while (int(chosen.size()) < count) {
            const size_t index = size_t(pick(int(tests.size())));
            if (std::find(chosen.begin(), chosen.end(), index) == chosen.end())
                chosen.push_back(index);
        }
        std::sort(chosen.begin(), chosen.end());

        std::vector<ReportState> reports;
        reports.reserve(chosen.size());
        for (size_t index : chosen)
            reports.push_back(writeValues(parties, tests[index]));

        enum class BillState
        {
            Pending,
            Attempted,
            Done
        };
        const int roll = pick(100);
        const BillState state = roll < 45 ? BillState::Pending
            : roll < 65                   ? BillState::Attempted
                                          : BillState::Done;

        // What R1 offers a callout: the critical reports that are not dismissed. A
        // dismissed one stays Pending and out of every callout.
        std::vector<ReportState *> eligible;
        QDateTime lastResult;
        for (ReportState &report : reports) {
            if (CriticalStatusInfo::isCalloutStatus(report.status) && !report.dismissed) {
                eligible.push_back(&report);
                if (!lastResult.isValid() || report.resultOn > lastResult)
                    lastResult = report.resultOn;
            }
        }
        if (!eligible.empty() && state != BillState::Pending) {
            // Within three hours of the last result, so every callout lies before the anchor.
            QDateTime when = lastResult.addSecs(60 * (5 + pick(55)));
            bool draftSaved = false;
            if (chance(30)) {
                // An earlier attempt; what followed replaced its draft (C4) and put the
                // reports it named but the later callout did not back to Pending (C2).
                recordCallout(parties, CalloutRequest::Kind::Attempt, selection(eligible), eligible,
                              when, draftSaved, false);
                when = when.addSecs(60 * (10 + pick(110)));
            }
            recordCallout(parties,
                          state == BillState::Attempted ? CalloutRequest::Kind::Attempt
                                                        : CalloutRequest::Kind::Done,
                          selection(eligible), eligible, when, draftSaved, true);
        }

        for (ReportState &report : reports) {
            // Signing needs every value (ReportSignoff), approving a signature; with
            // always_notify a critical report without a done callout gets neither (U4, U13:
            // the demo labs keep gate_requires_done on).
            const bool gated = alwaysNotify && CriticalStatusInfo::isCalloutStatus(report.status)
                && !report.namedByDoneCallout;
            const bool isSigned = report.completed && !gated && chance(80);
            const bool isApproved = isSigned && chance(65);
            QDateTime lastUpdated = report.completed ? report.resultOn : billDate;
            if (report.lastUpdated.isValid())
                lastUpdated = std::max(lastUpdated, report.lastUpdated);
            if (isSigned)
                lastUpdated = lastUpdated.addSecs(60 * (1 + pick(60)));
            m_reports.add({report.id, parties.labId, parties.billId, report.test->id,
                           CriticalStatusInfo::toInt(report.status), report.dismissed,
                           report.collected, isSigned, isApproved, report.completed, chance(2),
                           chance(2), !report.collected && chance(30),
                           chance(10) ? u"Sample slightly haemolysed"_s : u""_s,
                           QString::fromUtf8(report.test->spec->format),
                           report.completed ? QVariant(iso(report.resultOn)) : QVariant(),
                           iso(lastUpdated), 1 + report.updates + int(isSigned) + int(isApproved)});
        }
    }

    // Draws one report's values and finds its critical parameters with the bounds that
    // apply to this patient on the day of the result, as CriticalParameterEvaluator does.
    ReportState writeValues(const BillParties &parties, const Test &test)
    {
        ReportState report;
        report.id = ++m_reportId;
        report.test = &test;
        report.collected = !chance(3);
        report.completed = report.collected && !chance(8);
        const bool critical = report.completed && canBeCritical(*test.spec) && chance(12);
        report.abnormal = report.completed && !critical && chance(15);
        report.dismissed = chance(2);
        report.resultOn = parties.billDate.addSecs(3600 + pick(18 * 3600));
        if (!report.completed)
            return report;

        const int ageDays = int(parties.patientDateOfBirth.daysTo(report.resultOn.date()));
        for (const Format &format : test.formats) {
            const ParameterSpec &p = *format.spec;
            const CriticalBounds bounds = CriticalBounds::select(
                p.criticalLow, p.criticalHigh, QString::fromUtf8(p.referenceRange), p.ageRanges,
                format.ranges, parties.patientSex, ageDays);
            QString value;
            if (QByteArrayView(test.spec->format) == "culture") {
                value = chance(80) ? u"No growth after 48 hours"_s
                                   : u"Gram-positive cocci in clusters"_s;
            } else if (critical && (bounds.low || bounds.high)) {
                // Beyond the bound for this patient (a newborn's are wider), by a margin
                // that survives the rounding below.
                const bool low = bounds.low && (!bounds.high || chance(50));
                const double number = low
                    ? between(std::min(p.panicLow, *bounds.low * 0.9), *bounds.low * 0.97)
                    : between(*bounds.high * 1.03, std::max(p.panicHigh, *bounds.high * 1.1));
                value = formatValue(number);
            } else if (report.abnormal) {
                // Outside the reference range, inside every critical bound.
                const double span = p.normalHigh - p.normalLow;
                value = formatValue(chance(50) ? p.normalHigh + span * 0.1
                                               : std::max(0.0, p.normalLow - span * 0.05));
            } else {
                value = formatValue(between(p.normalLow, p.normalHigh));
            }
            m_values.add({++m_valueId, report.id, format.id, value});
            const std::optional<double> number = CriticalBounds::numericValue(value);
            if (number && bounds.isCritical(*number)) {
                report.criticalParameters.append(
                    {format.id, QString::fromUtf8(p.name), value.trimmed(), *number,
                     QString::fromUtf8(p.unit), bounds.referenceRange, bounds.low, bounds.high});
            }
        }
        report.status = !report.criticalParameters.isEmpty() ? CriticalStatus::CalloutPending
            : report.abnormal                                ? CriticalStatus::Abnormal
                                                             : CriticalStatus::Normal;
        return report;
    }

    // Mostly the whole order; now and then the user leaves one report for later.
    std::vector<ReportState *> selection(const std::vector<ReportState *> &eligible)
    {
        if (eligible.size() < 2 || !chance(25))
            return eligible;
        std::vector<ReportState *> part = eligible;
        part.erase(part.begin() + pick(int(part.size())));
        return part;
    }

    // Someone allowed to select every one of these reports (V2, C7); support always is.
    const Actor &actorFor(const BillParties &parties, const std::vector<ReportState *> &selected)
    {
        std::vector<const Actor *> able;
        for (const Actor &actor : m_actors) {
            if (std::all_of(selected.begin(), selected.end(), [&](const ReportState *report) {
                    return actor.sees(report->test->spec->department, parties.assignedDoctorId);
                })) {
                able.push_back(&actor);
            }
        }
        return *able[size_t(pick(int(able.size())))];
    }

    // One submission as CalloutEngine records it. draftSaved says whether the order has a
    // draft, which this callout replaces; keepDraft is false for an attempt that a later
    // callout of the same order replaced.
    void recordCallout(const BillParties &parties, CalloutRequest::Kind kind,
                       const std::vector<ReportState *> &selected,
                       const std::vector<ReportState *> &eligible, const QDateTime &when,
                       bool &draftSaved, bool keepDraft)
    {
        const bool attempted = kind == CalloutRequest::Kind::Attempt;
        const Actor &actor = actorFor(parties, selected);

        // C2, over the whole order (C11): the selection moves, unselected attempts return.
        const CriticalStatus target
            = attempted ? CriticalStatus::CalloutAttempted : CriticalStatus::CalloutDone;
        CalloutOutcome outcome;
        for (ReportState *report : eligible) {
            const bool chosen
                = std::find(selected.begin(), selected.end(), report) != selected.end();
            if (chosen || report->status == CriticalStatus::CalloutAttempted) {
                const CriticalStatus to = chosen ? target : CriticalStatus::CalloutPending;
                // The outcome lists what its author saw move; the reset reaches further.
                if (actor.sees(report->test->spec->department, parties.assignedDoctorId))
                    outcome.transitions.append({report->id, report->status, to});
                report->status = to;
                report->lastUpdated = when;
                ++report->updates;
            }
            if (chosen && kind == CalloutRequest::Kind::Done)
                report->namedByDoneCallout = true;
        }

        CalloutRequest request;
        request.billId = parties.billId;
        request.kind = kind;
        request.comment = attempted ? u"No answer at the ward; will try again"_s
                                    : u"Informed the duty doctor by phone"_s;
        const std::optional<ContactDetails> &organisation = parties.organization;
        const bool toOrganisation = organisation && !organisation->email.isEmpty();
        request.recipients
            = {toOrganisation ? RecipientKind::Organization : RecipientKind::Patient};
        if (toOrganisation || !parties.patient.email.isEmpty())
            request.methods = {CommunicationMethod::Email};
        else
            request.phoneCalls
                = {{parties.patient.name, DeskTime::exported(when), RecipientKind::Patient}};

        QList<CriticalReport> reports;
        QJsonArray reportIds;
        for (const ReportState *state : selected) {
            CriticalReport report;
            report.reportId = state->id;
            report.testId = state->test->id;
            report.testName = QString::fromUtf8(state->test->spec->name);
            report.criticalParameters = state->criticalParameters;
            reports << report;
            reportIds.append(report.reportId);
        }
        const ActivityEntry activity(request, parties, reports, actor.name);

        const QString meta = jsonText(activity.calloutMeta());
        const QVariant userId = actor.isDoctor ? QVariant() : QVariant(actor.id);
        const QVariant doctorId = actor.isDoctor ? QVariant(actor.id) : QVariant();
        const auto parametersOf = [](const CriticalReport &report) {
            QJsonArray parameters;
            for (const CriticalParameter &parameter : report.criticalParameters)
                parameters.append(parameter.toJson());
            return jsonText(parameters);
        };
        if (attempted) {
            // A replaced draft was written and deleted: its id is spent all the same.
            outcome.auditRowIds << ++m_calloutId;
            if (keepDraft) {
                m_drafts.add({m_calloutId, parties.labId, parties.billId, QVariant(), true,
                              CriticalStatusInfo::toInt(target), request.comment, meta,
                              parametersOf(reports.first()), userId, doctorId, iso(when)});
            }
        } else {
            for (const CriticalReport &report : reports) {
                outcome.auditRowIds << ++m_calloutId;
                m_callouts.add({m_calloutId, parties.labId, parties.billId, report.reportId, false,
                                CriticalStatusInfo::toInt(target), request.comment, meta,
                                parametersOf(report), userId, doctorId, iso(when)});
            }
        }

        outcome.replacedDraft = draftSaved;
        draftSaved = attempted;

        // C9: every submission carries a request id, kept with what it changed, in the shape
        // CalloutWriter keeps it.
        const qint64 entry = ++m_activityId;
        outcome.notificationsQueued
            = attempted ? 0 : int(request.methods.size() * request.recipients.size());
        const QJsonObject recorded = CalloutRequestLedger::outcomeJson(request, outcome);
        m_activity.add({entry, parties.labId, ActivityEntry::calloutCategory, parties.billId,
                        reports.first().reportId, actor.name, userId, doctorId, u"demo"_s,
                        activity.text(), iso(when), jsonText(activity.dumpedJson()),
                        u"demo-%1"_s.arg(entry), jsonText(recorded)});
        // C8: the entry belongs to every report it names.
        for (const CriticalReport &report : reports)
            m_activityReports.add({entry, parties.labId, report.reportId});

        // N1: a done callout queues one message per method and recipient; the demo's
        // were delivered a minute later. Email is the demo's one method.
        if (attempted)
            return;
        for (const CommunicationMethod method : request.methods) {
            for (const RecipientKind recipient : request.recipients) {
                const ContactDetails &contact = recipient == RecipientKind::Organization
                    ? *parties.organization
                    : parties.patient;
                const QJsonObject payload{{u"bill_id"_s, parties.billId},
                                          {u"lab_bill_id"_s, parties.labBillId},
                                          {u"lab_report_ids"_s, reportIds},
                                          {u"recipient_name"_s, contact.name}};
                m_notifications.add({++m_notificationId, parties.labId, parties.billId, entry,
                                     CommunicationMethodInfo::key(method),
                                     RecipientKindInfo::key(recipient), contact.email.trimmed(),
                                     jsonText(payload), u"sent"_s, 1, iso(when), iso(when),
                                     iso(when.addSecs(60))});
            }
        }
    }

    QSqlDatabase m_db;
    DemoDataGenerator::Options m_options;
    QRandomGenerator m_random;
    std::vector<Actor> m_actors; // of the lab being written
    qint64 m_labId = 0, m_departmentId = 0, m_doctorId = 0, m_labUserId = 0, m_organisationId = 0,
           m_referralId = 0, m_patientId = 0, m_testId = 0, m_formatId = 0, m_rangeId = 0,
           m_billId = 0, m_reportId = 0, m_valueId = 0, m_calloutId = 0, m_activityId = 0,
           m_notificationId = 0;
    BatchInserter m_labs, m_departments, m_doctors, m_doctorDepartments, m_labUsers,
        m_labUserDepartments, m_organisations, m_referrals, m_patients, m_tests, m_formats,
        m_ranges, m_settings, m_bills, m_reports, m_values, m_drafts, m_callouts, m_activity,
        m_activityReports, m_notifications;
};

} // namespace

DemoDataGenerator::DemoDataGenerator(DatabaseConnection &connection)
    : m_connection(connection)
{ }

Result<DemoDataGenerator::Summary> DemoDataGenerator::generate(const Options &options)
{
    if (options.orders < 1 || options.orders > maxOrders) {
        return Failure::invalidInput(
            tr("The number of demo orders must be between 1 and %1, not %2.")
                .arg(maxOrders)
                .arg(options.orders));
    }
    if (!options.anchor.isValid())
        return Failure::invalidInput(tr("The demo anchor date is not a valid date."));

    QSqlDatabase db = m_connection.database();
    QSqlQuery query(db);
    if (!query.exec(u"SELECT COUNT(*) FROM lab"_s) || !query.next())
        return DatabaseConnection::queryFailure(tr("Checking that the database is empty"), query);
    if (query.value(0).toLongLong() > 0) {
        return Failure::invalidInput(
            tr("The database %1 already holds lab data; demo data is only written into an empty "
               "database.")
                .arg(m_connection.url().displayString()));
    }

    QElapsedTimer timer;
    timer.start();
    WriteTransaction transaction(m_connection);
    if (const Status started = transaction.begin(); !started)
        return started.failure();

    // PostgreSQL: the tests of each order's reports (migration 0007) are computed once,
    // set-based, after the load; the per-statement trigger would recompute thousands of
    // orders per batch. Switched off inside this transaction only, by the schema's owner.
    const bool postgres = m_connection.isPostgreSql();
    const auto orderTests = [&](const QString &sql) -> Status {
        if (auto done = m_connection.run(tr("Writing the tests of each order"), sql); !done)
            return done.failure();
        return Done{};
    };
    if (postgres) {
        if (const Status off
            = orderTests(u"ALTER TABLE report DISABLE TRIGGER report_tests_inserted"_s);
            !off) {
            return off.failure();
        }
    }
    Summary summary;
    DemoLabWriter writer(db, options);
    if (const Status written = writer.write(summary); !written)
        return written.failure();
    if (postgres) {
        if (const Status advanced = writer.advanceSequences(); !advanced)
            return advanced.failure();
        // The deferred checks (C11) run now rather than at commit: a table with trigger
        // events still pending cannot be altered.
        for (const QString &sql : {u"SET CONSTRAINTS ALL IMMEDIATE"_s,
                                   u"ALTER TABLE report ENABLE TRIGGER report_tests_inserted"_s,
                                   u"SELECT rebuild_report_test_ids()"_s}) {
            if (const Status done = orderTests(sql); !done)
                return done.failure();
        }
    }
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    summary.milliseconds = timer.elapsed();
    return summary;
}

} // namespace calloutdesk
