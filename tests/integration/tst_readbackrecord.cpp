// SPEC T4 on both engines: a call's read-back is compared with the selected reports'
// critical values when the callout is recorded; a mismatch without a reason is refused
// with nothing written; what was found is kept in the record, the history, the audit
// rows and the export.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "services/callout/CalloutAuditReader.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/CalloutHistoryReader.h"
#include "services/export/ExportColumns.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

class TestReadBackRecord : public EngineTestCase
{
    Q_OBJECT

private:
    Result<CalloutOutcome> submit(const CalloutRequest &request)
    {
        Desk &support = desk(u"support:3"_s);
        return CalloutEngine(support.db()).submit(support.scope, request);
    }
    // Report 2 of the fixture is Potassium 7.1 (critical above 6.2); report 1 has
    // Haemoglobin 5.0 critical (below 7).
    static CalloutRequest readBackRequest(QList<qint64> reports, const QString &value,
                                          const QString &reason = {})
    {
        CalloutRequest request = CalloutFixture::doneRequest(std::move(reports));
        PhoneCall call(u"Sam Ward"_s,
                       QDateTime::currentDateTime().addSecs(-600).toString(Qt::ISODate));
        call.role = CallTakerRole::Nurse;
        call.readBack = true;
        call.readBackValue = value;
        call.readBackOverride = reason;
        request.phoneCalls = {call};
        return request;
    }
    QJsonArray loggedCalls()
    {
        return QJsonDocument::fromJson(
                   scalar(db(), u"SELECT dumped_json FROM activity_log ORDER BY id DESC"_s)
                       .toString()
                       .toUtf8())
            .object()
            .value(u"calls"_s)
            .toArray();
    }
    QString loggedText()
    {
        return scalar(db(), u"SELECT activity_text FROM activity_log ORDER BY id DESC"_s)
            .toString();
    }

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        const Status seeded = CalloutFixture::seed(db());
        QVERIFY2(seeded.ok(), qPrintable(seeded ? QString() : seeded.failure().message));
        // Signed in before a test takes its "nothing written" fingerprint: the first sign-in
        // makes the person's login on PostgreSQL.
        desk(u"support:3"_s);
    }

    void aMismatchIsRefusedAndNothingWritten()
    {
        const QByteArray before = databaseFingerprint(db());
        const auto refused = submit(readBackRequest({2}, u"7.2"_s));
        QVERIFY(!refused);
        QCOMPARE(refused.failure().kind, Failure::Kind::InvalidInput);
        QCOMPARE(refused.failure().field,
                 CalloutRequest::fieldKey(CalloutRequest::Field::PhoneCalls));
        // The call and both values are named.
        const QString message = refused.failure().message;
        QVERIFY2(message.contains(u"Sam Ward"_s), qPrintable(message));
        QVERIFY2(message.contains(u"\"7.2\""_s), qPrintable(message));
        QVERIFY2(message.contains(u"Potassium 7.1"_s), qPrintable(message));
        QCOMPARE(databaseFingerprint(db()), before);
    }

    void anOverriddenMismatchIsKeptWithItsReason()
    {
        const auto recorded
            = submit(readBackRequest({2}, u"7.2"_s, u"Doctor confirmed 7.1 on a second call"_s));
        QVERIFY2(recorded, qPrintable(recorded ? QString() : recorded.failure().message));
        const QJsonObject call = loggedCalls().first().toObject();
        QCOMPARE(call.value(u"role"_s).toString(), u"nurse"_s);
        QCOMPARE(call.value(u"read_back"_s).toBool(), true);
        QCOMPARE(call.value(u"read_back_value"_s).toString(), u"7.2"_s);
        QCOMPARE(call.value(u"read_back_matches"_s).toBool(true), false);
        QCOMPARE(call.value(u"read_back_override"_s).toString(),
                 u"Doctor confirmed 7.1 on a second call"_s);
        QVERIFY2(loggedText().contains(u"(nurse, read back 7.2 — does not match, overridden: "
                                       "Doctor confirmed 7.1 on a second call)"_s),
                 qPrintable(loggedText()));
    }

    void aMatchIsKeptEverywhere()
    {
        // "7.10" read back matches 7.1 held with one decimal place.
        const auto recorded = submit(readBackRequest({2}, u"7.10"_s));
        QVERIFY2(recorded, qPrintable(recorded ? QString() : recorded.failure().message));
        QVERIFY2(loggedText().contains(u"(nurse, read back 7.10 — matches)"_s),
                 qPrintable(loggedText()));

        Desk &support = desk(u"support:3"_s);
        const auto history = CalloutHistoryReader(support.db()).read(support.scope, {2});
        QVERIFY(history);
        QCOMPARE(history.value().size(), 1);
        const QJsonObject logged
            = history.value().first().meta.value(u"calls"_s).toArray().first().toObject();
        QCOMPARE(logged.value(u"read_back_matches"_s).toBool(false), true);
        QVERIFY(!logged.contains(u"read_back_override"_s));

        const auto audit = CalloutAuditReader(support.db()).read(support.scope, {2});
        QVERIFY(audit);
        QCOMPARE(audit.value().size(), 1);
        const QJsonObject stored = audit.value()
                                       .first()
                                       .criticalCalloutMeta.value(u"already_notified"_s)
                                       .toObject()
                                       .value(u"call"_s)
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(stored, logged);
        // The export's column.
        QCOMPARE(ExportColumns::readBack(audit.value().first()),
                 u"nurse, read back 7.10 — matches"_s);
        QVERIFY(ExportColumns::titles().contains(u"Read back"_s));
        QCOMPARE(ExportColumns::titles().size(), ExportColumns::widths().size());
    }

    void withSeveralReportsAnyCriticalValueMatches()
    {
        // Haemoglobin 5.0 of report 1 (read back "5") among Potassium 7.1 of report 2.
        const auto recorded = submit(readBackRequest({1, 2}, u"5"_s));
        QVERIFY2(recorded, qPrintable(recorded ? QString() : recorded.failure().message));
        QCOMPARE(loggedCalls().first()[u"read_back_matches"_s].toBool(false), true);

        const auto refused = submit(readBackRequest({1, 2}, u"6"_s));
        QVERIFY(!refused);
        QVERIFY2(refused.failure().message.contains(u"Haemoglobin 5.0 or Potassium 7.1"_s),
                 qPrintable(refused.failure().message));
    }

    void aReasonWithoutAMismatchOrAValueIsRefused()
    {
        const QByteArray before = databaseFingerprint(db());
        auto refused = submit(readBackRequest({2}, u"7.1"_s, u"just in case"_s));
        QVERIFY(!refused);
        QVERIFY2(refused.failure().message.contains(u"no mismatch"_s),
                 qPrintable(refused.failure().message));
        refused = submit(readBackRequest({2}, QString(), u"just in case"_s));
        QVERIFY(!refused);
        QVERIFY2(refused.failure().message.contains(u"no value read back"_s),
                 qPrintable(refused.failure().message));
        CalloutRequest notReadBack = readBackRequest({2}, u"7.1"_s);
        notReadBack.phoneCalls.first().readBack = false;
        refused = submit(notReadBack);
        QVERIFY(!refused);
        QVERIFY2(refused.failure().message.contains(u"was not read back"_s),
                 qPrintable(refused.failure().message));
        QCOMPARE(databaseFingerprint(db()), before);
    }

    void whatTheCallerSaysMatchedIsNotTaken()
    {
        CalloutRequest request = readBackRequest({2}, u"7.2"_s, u"typo on the form"_s);
        request.phoneCalls.first().readBackMatches = true;
        QVERIFY(submit(request));
        QCOMPARE(loggedCalls().first()[u"read_back_matches"_s].toBool(true), false);
    }

    void anAttemptKeepsAMismatchButHasNoReadBackOfItsTarget()
    {
        CalloutRequest attempt = readBackRequest({2}, u"7.2"_s);
        attempt.kind = CalloutRequest::Kind::Attempt;
        const auto kept = submit(attempt);
        QVERIFY2(kept, qPrintable(kept ? QString() : kept.failure().message));
        QCOMPARE(loggedCalls().first()[u"read_back_matches"_s].toBool(true), false);

        CalloutRequest tried = CalloutFixture::attemptRequest({2});
        tried.attempt
            = CalloutAttempt{AttemptOutcome::NoAnswer, PhoneCall(u"Dr. Jones"_s, QString())};
        tried.attempt->target.readBack = true;
        const auto refused = submit(tried);
        QVERIFY(!refused);
        QCOMPARE(refused.failure().field, CalloutRequest::fieldKey(CalloutRequest::Field::Attempt));
    }

    void anOlderCallWithoutReadBackStillReads()
    {
        CalloutRequest request = CalloutFixture::doneRequest({2});
        request.phoneCalls = {PhoneCall(
            u"Dr. Jones"_s, QDateTime::currentDateTime().addSecs(-60).toString(Qt::ISODate))};
        QVERIFY(submit(request));
        const QJsonObject call = loggedCalls().first().toObject();
        QCOMPARE(call.value(u"read_back"_s).toBool(true), false);
        QVERIFY(!call.contains(u"read_back_matches"_s));
        QVERIFY2(!loggedText().contains(u"read back"_s), qPrintable(loggedText()));
    }
};

QTEST_GUILESS_MAIN(TestReadBackRecord)
#include "tst_readbackrecord.moc"
