// Each invariant of DESIGN.md that the database can hold must really be held by it:
// every test writes a bad row and checks it was refused and nothing changed.
#include "EngineTestCase.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestSchemaConstraints : public EngineTestCase
{
    Q_OBJECT

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QString error;
        QVERIFY2(seedMinimalLabs(db(), &error), qPrintable(error));
    }

    void criticalValuesIsClosed()
    {
        // 4 (Attempted) needs a draft naming the report (C11, its own test below).
        QVERIFY(exec(db(), u"INSERT INTO critical_callout (lab_id, bill_id, is_draft, status, "
                           "critical_callout_meta, performed_by_user_id) VALUES "
                           "(1, 1, %1, 4, '{\"lab_report_ids\": [1]}', 1)"_s.arg(sqlTrue())));
        for (int value : {0, 1, 2, 3, 4}) {
            QVERIFY2(
                exec(db(), u"UPDATE report SET critical_values = %1 WHERE id = 1"_s.arg(value)),
                qPrintable(QString::number(value)));
        }
        for (int value : {5, -1, 99}) {
            QString error;
            QVERIFY2(!exec(db(),
                           u"UPDATE report SET critical_values = %1 WHERE id = 1"_s.arg(value),
                           &error),
                     qPrintable(QString::number(value)));
            QVERIFY2(error.contains(u"critical_values"_s)
                         || error.contains(u"CHECK"_s, Qt::CaseInsensitive)
                         || error.contains(u"check"_s),
                     qPrintable(error));
        }
        QCOMPARE(scalar(db(), u"SELECT critical_values FROM report WHERE id = 1"_s).toInt(), 4);
        QVERIFY(!exec(db(),
                      u"INSERT INTO report (id, lab_id, bill_id, lab_test_id, critical_values) "
                      "VALUES (9, 1, 1, 1, 7)"_s));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM report"_s).toInt(), 3);
    }

    void rowVersionGrowsWithEveryChange()
    {
        const qint64 before
            = scalar(db(), u"SELECT row_version FROM report WHERE id = 1"_s).toLongLong();
        QVERIFY(exec(db(), u"UPDATE report SET critical_values = 3 WHERE id = 1"_s));
        QVERIFY(exec(db(), u"UPDATE report SET critical_values = 2 WHERE id = 1"_s));
        QCOMPARE(scalar(db(), u"SELECT row_version FROM report WHERE id = 1"_s).toLongLong(),
                 before + 2);
    }

    void atMostOneDraftPerBill()
    {
        QVERIFY(exec(db(), draft(1, 1)));
        QString error;
        QVERIFY(!exec(db(), draft(2, 1), &error));
        QVERIFY2(error.contains(u"critical_callout_one_draft_per_bill"_s)
                     || error.contains(u"UNIQUE"_s),
                 qPrintable(error));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM critical_callout WHERE bill_id = 1"_s).toInt(),
                 1);
        // Another bill may have its own draft, and completed rows are not limited.
        QVERIFY(exec(db(), draft(3, 2)));
        QVERIFY(exec(db(), done(4, 2, 3)));
        QVERIFY(exec(db(), done(5, 2, 3)));
    }

    void draftIsBillLevelAndStatusMatches()
    {
        QVERIFY(!exec(db(),
                      u"INSERT INTO critical_callout (id, lab_id, bill_id, lab_report_id, "
                      "is_draft, status, performed_by_user_id) VALUES (1, 1, 1, 1, %1, 4, 1)"_s.arg(
                          boolean(true))));
        QVERIFY(!exec(db(),
                      u"INSERT INTO critical_callout (id, lab_id, bill_id, is_draft, status, "
                      "performed_by_user_id) VALUES (1, 1, 1, %1, 2, 1)"_s.arg(boolean(true))));
        QVERIFY(!exec(db(),
                      u"INSERT INTO critical_callout (id, lab_id, bill_id, lab_report_id, "
                      "is_draft, status, performed_by_user_id) VALUES (1, 1, 1, 1, %1, 4, 1)"_s.arg(
                          boolean(false))));
        QVERIFY(!exec(db(),
                      u"INSERT INTO critical_callout (id, lab_id, bill_id, lab_report_id, "
                      "is_draft, status) VALUES (1, 1, 1, 1, %1, 2)"_s.arg(boolean(false))));
        QVERIFY(!exec(db(),
                      u"INSERT INTO critical_callout (id, lab_id, bill_id, lab_report_id, "
                      "is_draft, status, performed_by_user_id, critical_callout_meta) "
                      "VALUES (1, 1, 1, 1, %1, 2, 1, '{not json')"_s.arg(boolean(false))));
        QVERIFY(!exec(db(),
                      u"INSERT INTO critical_callout (id, lab_id, bill_id, lab_report_id, "
                      "is_draft, status, performed_by_user_id, critical_values_meta) "
                      "VALUES (1, 1, 1, 1, %1, 2, 1, '{}')"_s.arg(boolean(false))));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM critical_callout"_s).toInt(), 0);
    }

    // SPEC U9: an attempt's outcome is one the program knows, only an attempt has one, and
    // an outcome says whom it tried.
    void attemptOutcomeIsChecked()
    {
        const auto attempt = [this](int id, int bill, bool isDraft, const QString &columns) {
            return u"INSERT INTO critical_callout (id, lab_id, bill_id, lab_report_id, is_draft, "
                   "status, comment, performed_by_user_id, attempt_outcome, attempt_target, "
                   "attempt_party) VALUES (%1, 1, %2, %3, %4, %5, 'x', 1, %6)"_s.arg(id)
                       .arg(bill)
                       .arg(isDraft ? u"NULL"_s : u"1"_s)
                       .arg(boolean(isDraft))
                       .arg(isDraft ? 4 : 2)
                       .arg(columns);
        };
        QString error;
        QVERIFY(!exec(db(), attempt(1, 1, true, u"'maybe', 'Dr. Jones', 'referral'"_s), &error));
        QVERIFY2(error.contains(u"attempt_outcome"_s) || error.contains(u"CHECK"_s),
                 qPrintable(error));
        QVERIFY(!exec(db(), attempt(1, 1, true, u"'busy', NULL, NULL"_s)));
        QVERIFY(!exec(db(), attempt(1, 1, true, u"'busy', 'Dr. Jones', 'neighbour'"_s)));
        QVERIFY(!exec(db(), attempt(1, 1, true, u"'busy', '   ', NULL"_s)));
        QVERIFY(!exec(db(), attempt(1, 1, true, u"NULL, 'Dr. Jones', NULL"_s)));
        QVERIFY(!exec(db(), attempt(1, 1, false, u"'busy', 'Dr. Jones', NULL"_s)));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM critical_callout"_s).toInt(), 0);
        QVERIFY(exec(db(), attempt(1, 1, true, u"'left_message', 'Ward 3', NULL"_s)));
        QVERIFY(exec(db(), attempt(2, 2, true, u"'no_answer', 'Dr. Jones', 'referral'"_s)));
        QVERIFY(exec(db(), attempt(3, 2, false, u"NULL, NULL, NULL"_s)));
    }

    void completedCalloutsAreAppendOnly()
    {
        QVERIFY(exec(db(), done(1, 1, 1)));
        QString error;
        QVERIFY(!exec(db(), u"UPDATE critical_callout SET comment = 'rewritten' WHERE id = 1"_s,
                      &error));
        QVERIFY2(error.contains(u"cannot be changed"_s), qPrintable(error));
        QVERIFY(!exec(db(), u"UPDATE critical_callout SET lab_report_id = 2 WHERE id = 1"_s));
        QVERIFY(!exec(db(), u"DELETE FROM critical_callout WHERE id = 1"_s, &error));
        QVERIFY2(error.contains(u"cannot be changed"_s), qPrintable(error));
        QCOMPARE(scalar(db(), u"SELECT comment FROM critical_callout WHERE id = 1"_s).toString(),
                 u"done"_s);

        // Drafts are replaced on every submit, so they may go.
        QVERIFY(exec(db(), draft(2, 1)));
        QVERIFY(exec(db(), u"DELETE FROM critical_callout WHERE id = 2"_s));
    }

    void deletingABillKeepsItsAuditRows()
    {
        QVERIFY(exec(db(), done(1, 1, 1)));
        QVERIFY(exec(db(), draft(2, 2)));
        QString error;
        QVERIFY2(exec(db(), u"DELETE FROM bill WHERE id = 1"_s, &error), qPrintable(error));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM critical_callout WHERE id = 1"_s).toInt(), 1);
        QVERIFY(scalar(db(), u"SELECT bill_id FROM critical_callout WHERE id = 1"_s).isNull());
        QVERIFY(
            scalar(db(), u"SELECT lab_report_id FROM critical_callout WHERE id = 1"_s).isNull());
        QCOMPARE(scalar(db(), u"SELECT comment FROM critical_callout WHERE id = 1"_s).toString(),
                 u"done"_s);
        QCOMPARE(scalar(db(), u"SELECT bill_id FROM critical_callout WHERE id = 2"_s).toInt(), 2);
    }

    void auditTableIsIndexedByLabAndReport()
    {
        QFETCH_GLOBAL(QString, engine);
        if (engine == u"postgresql") {
            const QString definition
                = scalar(db(),
                         u"SELECT indexdef FROM pg_indexes WHERE tablename = 'critical_callout' "
                         "AND indexname = 'critical_callout_lab_report_idx'"_s)
                      .toString();
            QVERIFY2(definition.contains(u"(lab_id, lab_report_id)"_s), qPrintable(definition));
        } else {
            QCOMPARE(scalar(db(),
                            u"SELECT group_concat(name, ',') FROM "
                            "pragma_index_info('critical_callout_lab_report_idx')"_s)
                         .toString(),
                     u"lab_id,lab_report_id"_s);
        }
    }

    void partiesStayInsideTheirLab()
    {
        // Patient 2 belongs to lab 2: a lab-1 bill cannot name it.
        QVERIFY(!exec(db(),
                      u"INSERT INTO bill (id, lab_id, lab_bill_id, patient_id, bill_date) "
                      "VALUES (9, 1, 'B-9', 2, '2026-11-22T08:00:00Z')"_s));
        // Nor can a report of lab 2 hang off a lab-1 bill.
        QVERIFY(!exec(
            db(), u"INSERT INTO report (id, lab_id, bill_id, lab_test_id) VALUES (9, 2, 1, 1)"_s));
        QVERIFY(!exec(db(),
                      u"INSERT INTO bill (id, lab_id, lab_bill_id, patient_id, bill_date) "
                      "VALUES (9, 1, 'B-1', 1, '2026-11-22T08:00:00Z')"_s));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM bill"_s).toInt(), 2);
    }

    void sessionKindsAreClosed()
    {
        QVERIFY(
            !exec(db(), u"INSERT INTO doctor (lab_id, name, doc_type) VALUES (1, 'Dr. X', 1)"_s));
        QVERIFY(
            exec(db(), u"INSERT INTO doctor (lab_id, name, doc_type) VALUES (1, 'Dr. X', 2)"_s));
        QVERIFY(!exec(
            db(),
            u"INSERT INTO lab_user (lab_id, name, department_data_type) VALUES (1, 'U', 2)"_s));
    }

    void outboxesRefuseMalformedRows()
    {
        QVERIFY(exec(db(),
                     u"INSERT INTO index_outbox (lab_id, scope, bill_id) VALUES (1, 'bill', 1)"_s));
        QVERIFY(!exec(db(), u"INSERT INTO index_outbox (lab_id, scope) VALUES (1, 'bill')"_s));
        QVERIFY(!exec(db(),
                      u"INSERT INTO index_outbox (lab_id, scope, bill_id) VALUES (1, 'lab', 1)"_s));
        QVERIFY(!exec(db(),
                      u"INSERT INTO index_outbox (lab_id, scope, report_id, state) "
                      "VALUES (1, 'report', 1, 'lost')"_s));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM index_outbox"_s).toInt(), 1);

        QVERIFY(exec(db(),
                     u"INSERT INTO notification_outbox (lab_id, bill_id, channel, recipient_kind, "
                     "address, payload) VALUES (1, 1, 'email', 'patient', 'p@x.example', '{}')"_s));
        QVERIFY(!exec(db(),
                      u"INSERT INTO notification_outbox (lab_id, bill_id, channel, recipient_kind, "
                      "address, payload) VALUES (1, 1, 'email', 'patient', '  ', '{}')"_s));
        QVERIFY(!exec(db(),
                      u"INSERT INTO notification_outbox (lab_id, bill_id, channel, recipient_kind, "
                      "address, payload) VALUES (1, 1, 'Email!', 'patient', 'p@x', '{}')"_s));
        QVERIFY(!exec(db(),
                      u"INSERT INTO notification_outbox (lab_id, bill_id, channel, recipient_kind, "
                      "address, payload) VALUES (1, 1, 'email', 'nobody', 'p@x', '{}')"_s));
        QVERIFY(!exec(db(),
                      u"INSERT INTO notification_outbox (lab_id, bill_id, channel, recipient_kind, "
                      "address, payload) VALUES (1, 1, 'email', 'patient', 'p@x', '[1]')"_s));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM notification_outbox"_s).toInt(), 1);
    }

    void notificationSettingKeys()
    {
        QVERIFY(exec(
            db(),
            u"INSERT INTO notification_setting VALUES (1, 'is_email', %1)"_s.arg(boolean(true))));
        QVERIFY(exec(db(),
                     u"INSERT INTO notification_setting VALUES (1, 'is_carrier_pigeon', %1)"_s.arg(
                         boolean(false))));
        QVERIFY(!exec(
            db(),
            u"INSERT INTO notification_setting VALUES (1, 'is_email', %1)"_s.arg(boolean(false))));
        QVERIFY(!exec(
            db(),
            u"INSERT INTO notification_setting VALUES (1, 'Is Email', %1)"_s.arg(boolean(true))));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM notification_setting"_s).toInt(), 2);
    }

private:
    QString boolean(bool value) const { return value ? sqlTrue() : sqlFalse(); }
    QString draft(int id, int bill) const
    {
        return u"INSERT INTO critical_callout (id, lab_id, bill_id, is_draft, status, comment, "
               "performed_by_user_id) VALUES (%1, 1, %2, %3, 4, 'draft', 1)"_s.arg(id)
                   .arg(bill)
                   .arg(boolean(true));
    }
    QString done(int id, int bill, int report) const
    {
        return u"INSERT INTO critical_callout (id, lab_id, bill_id, lab_report_id, is_draft, "
               u"status, "
               "comment, performed_by_user_id) VALUES (%1, 1, %2, %3, %4, 2, 'done', 1)"_s.arg(id)
                   .arg(bill)
                   .arg(report)
                   .arg(boolean(false));
    }
};

QTEST_GUILESS_MAIN(TestSchemaConstraints)
#include "tst_schemaconstraints.moc"
