#include "CalloutFixture.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/SqlDialect.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

namespace {

Status runAll(DatabaseConnection &connection, const QStringList &statements)
{
    for (const QString &statement : statements) {
        const auto done = connection.run(u"Seeding the callout fixture"_s, statement);
        if (!done)
            return done.failure();
    }
    return Done{};
}

} // namespace

Status CalloutFixture::seed(DatabaseConnection &connection)
{
    return runAll(
        connection,
        {
            u"INSERT INTO lab (id, name, email) VALUES (1, 'Riverside Lab', "
            u"'lab@riverside.example'), "
            "(2, 'Other Lab', '')"_s,
            u"INSERT INTO department (id, lab_id, name) VALUES (1, 1, 'Haematology'), "
            "(2, 1, 'Biochemistry'), (3, 2, 'Haematology')"_s,
            u"INSERT INTO doctor (id, lab_id, name, doc_type) VALUES (1, 1, 'Dr. Haem', 0), "
            "(2, 1, 'Dr. Assigned', 2), (3, 1, 'Dr. Unlinked', 0)"_s,
            u"INSERT INTO doctor_department (lab_id, doctor_id, department_id) VALUES (1, 1, 1)"_s,
            u"INSERT INTO lab_user (id, lab_id, name, department_data_type, home_department_id, "
            "is_support) VALUES (1, 1, 'Hana Haem', 0, 1, FALSE), (2, 1, 'Bo Linked', 1, NULL, "
            "FALSE), "
            "(3, 1, 'Sam Support', 0, NULL, TRUE), (4, 2, 'Olga Other', 0, 3, FALSE)"_s,
            u"INSERT INTO lab_user_department (lab_id, lab_user_id, department_id) VALUES (1, 2, 2)"_s,
            u"INSERT INTO organisation (id, lab_id, name, email, fax, contact_number) VALUES "
            "(1, 1, 'City Hospital', 'city@hospital.example', '', '111')"_s,
            u"INSERT INTO referral_doctor (id, lab_id, name, email, fax, contact_number) VALUES "
            "(1, 1, 'Dr. Jones', 'jones@clinic.example', '123456', '222')"_s,
            u"INSERT INTO patient (id, lab_id, name, email, contact_number, sex, date_of_birth) "
            u"VALUES "
            "(1, 1, 'Jane Doe', 'jane@example.com', '9999999999', 'F', '1980-05-01'), "
            "(2, 1, 'Baby Roe', '', '8888', 'M', '2026-11-10'), "
            "(3, 2, 'Otto Other', '', '', 'M', '1970-01-01')"_s,
            u"INSERT INTO lab_test (id, lab_id, name, department_id) VALUES "
            "(1, 1, 'Complete Blood Count', 1), (2, 1, 'Potassium', 2), (3, 1, 'Blood Culture', "
            "1), "
            "(4, 2, 'Potassium', 3)"_s,
            u"INSERT INTO report_format (id, lab_test_id, parameter_name, unit, reference_range, "
            "critical_low, critical_high, age_range_flag, sort_order) VALUES "
            "(1, 1, 'Haemoglobin', 'g/dL', '13.0 - 17.0', 7, 20, TRUE, 0), "
            "(2, 1, 'WBC Count', 'x10^9/L', '4.0 - 11.0', 2, 30, FALSE, 1), "
            "(3, 2, 'Potassium', 'mmol/L', '3.5 - 5.1', 2.8, 6.2, FALSE, 0), "
            "(4, 3, 'Culture', '', 'No growth', NULL, NULL, FALSE, 0), "
            "(5, 4, 'Potassium', 'mmol/L', '3.5 - 5.1', 2.8, 6.2, FALSE, 0)"_s,
            u"INSERT INTO value_range (id, report_format_id, sex, age_min_days, age_max_days, "
            "critical_low, critical_high, reference_range) VALUES "
            "(1, 1, 'A', 0, 28, 10, 24, '14.0 - 22.0'), (2, 1, 'F', 28, 54750, 7, 20, '12.0 - "
            "15.5'), "
            "(3, 1, 'M', 28, 54750, 7, 21, '13.0 - 17.0')"_s,
            u"INSERT INTO bill (id, lab_id, lab_bill_id, patient_id, referral_doctor_id, "
            "organisation_id, assigned_doctor_id, bill_date) VALUES "
            "(1, 1, 'RL-1', 1, 1, 1, 2, '2026-11-20T08:00:00.000Z'), "
            "(2, 1, 'RL-2', 2, NULL, NULL, NULL, '2026-11-20T09:00:00.000Z'), "
            "(3, 2, 'OL-1', 3, NULL, NULL, NULL, '2026-11-20T09:00:00.000Z')"_s,
            u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, critical_values, dismissed, "
            "sample_collected, completed, result_on) VALUES "
            "(1, 1, 1, 1, 1, FALSE, TRUE, TRUE, '2026-11-20T10:00:00.000Z'), "
            "(2, 1, 1, 2, 1, FALSE, TRUE, TRUE, '2026-11-20T10:00:00.000Z'), "
            "(3, 1, 1, 3, 1, FALSE, TRUE, TRUE, '2026-11-20T10:00:00.000Z'), "
            "(4, 1, 1, 1, 1, TRUE, TRUE, TRUE, '2026-11-20T10:00:00.000Z'), "
            "(5, 1, 1, 2, 1, FALSE, FALSE, TRUE, '2026-11-20T10:00:00.000Z'), "
            "(6, 1, 1, 2, 0, FALSE, TRUE, TRUE, '2026-11-20T10:00:00.000Z'), "
            "(7, 1, 2, 1, 1, FALSE, TRUE, TRUE, '2026-11-20T10:00:00.000Z'), "
            "(8, 1, 2, 1, 1, FALSE, TRUE, TRUE, '2026-11-20T10:00:00.000Z'), "
            "(9, 2, 3, 4, 1, FALSE, TRUE, TRUE, '2026-11-20T10:00:00.000Z')"_s,
            u"INSERT INTO report_value (report_id, report_format_id, value) VALUES "
            "(1, 1, '5.0'), (1, 2, '8'), (2, 3, '7.1'), (3, 4, 'Gram positive cocci'), "
            "(4, 1, '4.0'), (5, 3, '7.5'), (6, 3, '4.0'), (7, 1, '9.5'), (8, 1, '22'), (9, 5, '1.9')"_s,
            u"INSERT INTO notification_setting (lab_id, setting_key, enabled) VALUES "
            "(1, 'is_email', TRUE), (1, 'is_fax', TRUE), (1, 'is_sms', TRUE), "
            "(1, 'is_whatsapp', FALSE), (1, 'always_notify', TRUE), (1, 'mandatory_comment', "
            "FALSE), "
            "(1, 'share_comment', TRUE), (1, 'show_patient_name', FALSE), (2, 'is_email', TRUE)"_s,
        });
}

Status CalloutFixture::addLargeBill(DatabaseConnection &connection, qint64 billId, int count,
                                    qint64 firstReportId)
{
    QStringList statements{
        u"INSERT INTO bill (id, lab_id, lab_bill_id, patient_id, referral_doctor_id, "
        "organisation_id, bill_date) VALUES (%1, 1, 'RL-%1', 1, 1, 1, '2026-11-21T08:00:00.000Z')"_s
            .arg(billId)};
    QStringList reports;
    QStringList values;
    for (int i = 0; i < count; ++i) {
        const qint64 id = firstReportId + i;
        reports << u"(%1, 1, %2, 2, 1, FALSE, TRUE, TRUE, '2026-11-21T10:00:00.000Z')"_s.arg(id)
                       .arg(billId);
        values << u"(%1, 3, '%2')"_s.arg(id).arg(7.0 + i * 0.01);
    }
    statements << u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, critical_values, "
                  "dismissed, sample_collected, completed, result_on) VALUES %1"_s.arg(
                      reports.join(u", "_s))
               << u"INSERT INTO report_value (report_id, report_format_id, value) VALUES %1"_s.arg(
                      values.join(u", "_s));
    return runAll(connection, statements);
}

CalloutRequest CalloutFixture::doneRequest(QList<qint64> reports)
{
    CalloutRequest request;
    request.billId = 1;
    request.reportIds = std::move(reports);
    request.kind = CalloutRequest::Kind::Done;
    request.methods = {CommunicationMethod::Email};
    request.recipients = {RecipientKind::Organization};
    request.comment = u"Informed the doctor"_s;
    return request;
}

CalloutRequest CalloutFixture::attemptRequest(QList<qint64> reports)
{
    CalloutRequest request = doneRequest(std::move(reports));
    request.kind = CalloutRequest::Kind::Attempt;
    request.comment = u"No answer"_s;
    return request;
}

} // namespace calloutdesk::test
