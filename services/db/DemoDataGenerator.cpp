#include "DemoDataGenerator.h"

#include "BatchInserter.h"
#include "DatabaseConnection.h"
#include "WriteTransaction.h"
#include "models/CriticalStatus.h"
#include "services/JsonText.h"
#include "services/callout/ActivityEntry.h"

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
                     u"comments"_s, u"report_format"_s, u"result_on"_s, u"last_updated"_s})
        , m_values(db, u"report_value"_s,
                   {u"id"_s, u"report_id"_s, u"report_format_id"_s, u"value"_s})
        , m_callouts(db, u"critical_callout"_s,
                     {u"id"_s, u"lab_id"_s, u"bill_id"_s, u"lab_report_id"_s, u"is_draft"_s,
                      u"status"_s, u"comment"_s, u"critical_callout_meta"_s,
                      u"critical_values_meta"_s, u"performed_by_user_id"_s,
                      u"performed_by_doctor_id"_s, u"created_on"_s})
        , m_activity(db, u"activity_log"_s,
                     {u"id"_s, u"lab_id"_s, u"log_category_id"_s, u"bill_id"_s, u"lab_report_id"_s,
                      u"lab_user_name"_s, u"lab_user_id"_s, u"session_token"_s, u"activity_text"_s,
                      u"activity_date"_s, u"dumped_json"_s})
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
        summary.callouts = m_callouts.rowsWritten();
        return Done{};
    }

    // PostgreSQL sequences do not move when ids are given explicitly.
    Status advanceSequences()
    {
        QSqlQuery query(m_db);
        for (const BatchInserter *table :
             {&m_labs, &m_departments, &m_doctors, &m_labUsers, &m_organisations, &m_referrals,
              &m_patients, &m_tests, &m_formats, &m_ranges, &m_bills, &m_reports, &m_values,
              &m_callouts, &m_activity}) {
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
    };

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
        QList<qint64> doctorIds;
        for (int i = 0; i < 6; ++i) {
            const QString doctorName = u"Dr. "_s + personName();
            doctorIds << ++m_doctorId;
            m_doctors.add(
                {m_doctorId, lab, doctorName, mailFor(doctorName.mid(4), domain), i < 4 ? 0 : 2});
            if (i < 4) {
                m_doctorDepartments.add({lab, m_doctorId, departmentIds.at(i)});
                if (i % 2 == 0)
                    m_doctorDepartments.add({lab, m_doctorId, departmentIds.at(i + 1)});
            }
        }

        // Lab users: two with a home department (type 0), two with linked departments
        // (type 1), one support login.
        for (int i = 0; i < 5; ++i) {
            const QString userName = personName();
            m_labUserNames.insert(++m_labUserId, userName);
            const bool support = i == 4;
            const int dataType = i < 2 ? 0 : 1;
            m_labUsers.add({m_labUserId, lab, userName, mailFor(userName, domain),
                            support ? 0 : dataType,
                            support ? QVariant() : QVariant(departmentIds.at(i)), support});
            if (!support && dataType == 1) {
                m_labUserDepartments.add({lab, m_labUserId, departmentIds.at(i)});
                m_labUserDepartments.add({lab, m_labUserId, departmentIds.at(0)});
            }
        }
        const qint64 firstLabUser = m_labUserId - 4;

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
                test.formats.push_back({++m_formatId, &parameter});
                m_formats.add(
                    {m_formatId, test.id, QString::fromUtf8(parameter.name),
                     QString::fromUtf8(parameter.unit), QString::fromUtf8(parameter.referenceRange),
                     parameter.criticalLow ? QVariant(*parameter.criticalLow) : QVariant(),
                     parameter.criticalHigh ? QVariant(*parameter.criticalHigh) : QVariant(),
                     parameter.ageRanges, order++});
                if (parameter.ageRanges) {
                    for (const RangeSpec &range : rangesFor(parameter)) {
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
        const std::array<std::pair<const char *, bool>, 8> settings
            = {std::pair{"is_email", true},         std::pair{"is_fax", true},
               std::pair{"is_sms", mainLab},        std::pair{"is_whatsapp", !mainLab},
               std::pair{"always_notify", mainLab}, std::pair{"mandatory_comment", mainLab},
               std::pair{"share_comment", true},    std::pair{"show_patient_name", !mainLab}};
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
            Patient patient{++m_patientId, patientName,
                            chance(60) ? mailFor(patientName, u"mail.example"_s) : u""_s,
                            chance(90) ? phone() : u""_s};
            m_patients.add({patient.id, lab, patientName, patient.email, u""_s, patient.contact,
                            QString::fromLatin1(sex),
                            anchor.addDays(-ageDays).toString(Qt::ISODate)});
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
            m_bills.add({bill, lab, u"%1-%2"_s.arg(prefix).arg(order + 1, 7, 10, QChar(u'0')),
                         patient.id, referral ? QVariant(referral->id) : QVariant(),
                         organisation ? QVariant(organisation->id) : QVariant(), assigned,
                         iso(billDate)});
            BillParties parties;
            parties.billId = bill;
            parties.patient = {patient.name, patient.email, u""_s, patient.contact};
            if (organisation) {
                parties.organization = ContactDetails{organisation->name, organisation->email,
                                                      organisation->fax, organisation->contact};
            }
            if (referral) {
                parties.referral = ContactDetails{referral->name, referral->email, referral->fax,
                                                  referral->contact};
            }
            writeReports(lab, parties, billDate, tests, firstLabUser);
            if ((order + 1) % 2000 == 0) {
                if (const Status flushed = flushOrders(); !flushed)
                    return flushed;
            }
        }
        return flushOrders();
    }

    Status flushOrders()
    {
        for (BatchInserter *table : {&m_bills, &m_reports, &m_values, &m_callouts, &m_activity}) {
            if (const Status flushed = table->flush(); !flushed)
                return flushed;
        }
        return Done{};
    }

    // Two to six tests per order. A test that can be critical is so one time in eight;
    // the order's callout state then decides the statuses and the history rows.
    void writeReports(qint64 lab, const BillParties &parties, const QDateTime &billDate,
                      const std::vector<Test> &tests, qint64 firstLabUser)
    {
        const qint64 bill = parties.billId;
        std::vector<size_t> chosen;
        const int count = 2 + pick(5);
        while (int(chosen.size()) < count) {
            const size_t index = size_t(pick(int(tests.size())));
            if (std::find(chosen.begin(), chosen.end(), index) == chosen.end())
                chosen.push_back(index);
        }
        std::sort(chosen.begin(), chosen.end());

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
        struct Critical
        {
            qint64 report;
            const Test *test;
            QJsonArray parameters;
        };
        std::vector<Critical> criticals;

        for (size_t index : chosen) {
            const Test &test = tests[index];
            const qint64 report = ++m_reportId;
            const bool collected = !chance(3);
            const bool completed = collected && !chance(8);
            const bool critical = completed && canBeCritical(*test.spec) && chance(12);
            const bool abnormal = completed && !critical && chance(15);
            const QDateTime resultOn = billDate.addSecs(3600 + pick(20 * 3600));

            QJsonArray criticalParameters;
            for (const Format &format : test.formats) {
                const ParameterSpec &p = *format.spec;
                if (!completed)
                    break;
                QString value;
                if (QByteArrayView(test.spec->format) == "culture") {
                    value = chance(80) ? u"No growth after 48 hours"_s
                                       : u"Gram-positive cocci in clusters"_s;
                } else if (critical && (p.criticalLow || p.criticalHigh)) {
                    const bool low = p.criticalLow && (!p.criticalHigh || chance(50));
                    const double number = low ? between(p.panicLow, *p.criticalLow * 0.97)
                                              : between(*p.criticalHigh * 1.03, p.panicHigh);
                    value = formatValue(number);
                    QJsonObject parameter{
                        {u"parameter_name"_s, QString::fromUtf8(p.name)},
                        {u"value"_s, value.toDouble()},
                        {u"unit"_s, QString::fromUtf8(p.unit)},
                        {u"reference_range"_s, QString::fromUtf8(p.referenceRange)}};
                    if (p.criticalLow)
                        parameter.insert(u"critical_low"_s, *p.criticalLow);
                    if (p.criticalHigh)
                        parameter.insert(u"critical_high"_s, *p.criticalHigh);
                    criticalParameters.append(parameter);
                } else if (abnormal) {
                    // Outside the reference range, inside every critical bound.
                    const double span = p.normalHigh - p.normalLow;
                    value = formatValue(chance(50) ? p.normalHigh + span * 0.1
                                                   : std::max(0.0, p.normalLow - span * 0.05));
                } else {
                    value = formatValue(between(p.normalLow, p.normalHigh));
                }
                m_values.add({++m_valueId, report, format.id, value});
            }

            CriticalStatus status = abnormal ? CriticalStatus::Abnormal : CriticalStatus::Normal;
            if (critical) {
                criticals.push_back({report, &test, criticalParameters});
                status = state == BillState::Done   ? CriticalStatus::CalloutDone
                    : state == BillState::Attempted ? CriticalStatus::CalloutAttempted
                                                    : CriticalStatus::CalloutPending;
            }
            m_reports.add({report, lab, bill, test.id, CriticalStatusInfo::toInt(status), chance(2),
                           collected, completed && chance(80), completed && chance(55), completed,
                           chance(2), chance(2), !collected && chance(30),
                           chance(10) ? u"Sample slightly haemolysed"_s : u""_s,
                           QString::fromUtf8(test.spec->format),
                           completed ? QVariant(iso(resultOn)) : QVariant(),
                           iso(completed ? resultOn : billDate)});
        }
        if (criticals.empty() || state == BillState::Pending)
            return;

        // A history for orders already called out, written as the callout engine writes it.
        const QDateTime when = billDate.addSecs(26 * 3600);
        const qint64 user = firstLabUser + pick(4);
        const bool attempted = state == BillState::Attempted;
        CalloutRequest request;
        request.billId = bill;
        request.kind = attempted ? CalloutRequest::Kind::Attempt : CalloutRequest::Kind::Done;
        request.comment = attempted ? u"No answer at the ward; will try again"_s
                                    : u"Informed the duty doctor by phone"_s;
        const std::optional<ContactDetails> &organisation = parties.organization;
        const bool toOrganisation = organisation && !organisation->email.isEmpty();
        request.recipients
            = {toOrganisation ? RecipientKind::Organization : RecipientKind::Patient};
        if (toOrganisation || !parties.patient.email.isEmpty())
            request.methods = {CommunicationMethod::Email};
        else
            request.phoneCalls = {{parties.patient.name, when.toString(u"HH:mm"_s)}};
        QList<CriticalReport> selected;
        QJsonArray calloutFor;
        for (const Critical &critical : criticals) {
            CriticalReport report;
            report.reportId = critical.report;
            report.testName = QString::fromUtf8(critical.test->spec->name);
            selected << report;
            calloutFor.append(critical.test->id);
        }
        const QString userName = m_labUserNames.value(user);
        const ActivityEntry activity(request, parties, selected, userName);
        QJsonArray methods;
        for (const CommunicationMethod method : request.methods)
            methods.append(CommunicationMethodInfo::label(method));
        QJsonObject meta{
            {u"communication_methods"_s, methods},
            {u"recipients"_s, QJsonArray{RecipientKindInfo::label(request.recipients.first())}},
            {u"notify_to_others"_s, QJsonObject()},
            {u"already_notified"_s, QJsonObject()},
            {u"log_message"_s, activity.text()}};
        if (attempted) {
            meta.insert(u"callout_for"_s, calloutFor);
            m_callouts.add({++m_calloutId, lab, bill, QVariant(), true,
                            CriticalStatusInfo::toInt(CriticalStatus::CalloutAttempted),
                            request.comment, jsonText(meta), jsonText(criticals.front().parameters),
                            user, QVariant(), iso(when)});
        } else {
            for (const Critical &critical : criticals) {
                m_callouts.add({++m_calloutId, lab, bill, critical.report, false,
                                CriticalStatusInfo::toInt(CriticalStatus::CalloutDone),
                                request.comment, jsonText(meta), jsonText(critical.parameters),
                                user, QVariant(), iso(when)});
            }
        }
        m_activity.add({++m_activityId, lab, ActivityEntry::calloutCategory, bill,
                        criticals.front().report, userName, user, u"demo"_s, activity.text(),
                        iso(when), jsonText(activity.dumpedJson())});
    }

    QSqlDatabase m_db;
    DemoDataGenerator::Options m_options;
    QRandomGenerator m_random;
    QHash<qint64, QString> m_labUserNames;
    qint64 m_labId = 0, m_departmentId = 0, m_doctorId = 0, m_labUserId = 0, m_organisationId = 0,
           m_referralId = 0, m_patientId = 0, m_testId = 0, m_formatId = 0, m_rangeId = 0,
           m_billId = 0, m_reportId = 0, m_valueId = 0, m_calloutId = 0, m_activityId = 0;
    BatchInserter m_labs, m_departments, m_doctors, m_doctorDepartments, m_labUsers,
        m_labUserDepartments, m_organisations, m_referrals, m_patients, m_tests, m_formats,
        m_ranges, m_settings, m_bills, m_reports, m_values, m_callouts, m_activity;
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

    Summary summary;
    DemoLabWriter writer(db, options);
    if (const Status written = writer.write(summary); !written)
        return written.failure();
    if (m_connection.isPostgreSql()) {
        if (const Status advanced = writer.advanceSequences(); !advanced)
            return advanced.failure();
    }
    if (const Status committed = transaction.commit(); !committed)
        return committed.failure();
    summary.milliseconds = timer.elapsed();
    return summary;
}

} // namespace calloutdesk
