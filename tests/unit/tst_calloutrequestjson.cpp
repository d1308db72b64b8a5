// SPEC O3: a callout kept in the offline journal is submitted later as it was made, every
// part of it; and the history says when a callout recorded offline was made.
#include "models/CalloutRequestJson.h"
#include "models/DeskTime.h"
#include "ui/CalloutHistoryList.h"

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

class TestCalloutRequestJson : public QObject
{
    Q_OBJECT

private:
    static CalloutRequest everyPart()
    {
        CalloutRequest request;
        request.billId = 12;
        request.reportIds = {31, 30};
        request.kind = CalloutRequest::Kind::Attempt;
        request.methods = {CommunicationMethod::Sms, CommunicationMethod::Email};
        request.recipients = {RecipientKind::Other, RecipientKind::Referral};
        request.other = {u"Ward 4"_s, u"ward4@hospital.example"_s, u"+44 1"_s, u"+44 2"_s};
        request.phoneCalls
            = {PhoneCall(u"Dr. Jones"_s, u"2026-12-01T14:05:00+01:00"_s, RecipientKind::Referral)};
        // SPEC T4: a call with its read-back, overridden, survives the journal.
        PhoneCall readBack(u"Sam Ward"_s, u"2026-12-01T14:07:00+01:00"_s);
        readBack.role = CallTakerRole::Nurse;
        readBack.readBack = true;
        readBack.readBackValue = u"7.3"_s;
        readBack.readBackMatches = false;
        readBack.readBackOverride = u"Analyser rounds differently; confirmed by the doctor"_s;
        request.phoneCalls << readBack;
        request.comment = u"Rang twice"_s;
        request.attempt = CalloutAttempt{
            AttemptOutcome::Busy, PhoneCall(u"Nurse Lee"_s, QString(), RecipientKind::Other)};
        request.expectedStatuses
            = {{31, CriticalStatus::CalloutPending}, {30, CriticalStatus::CalloutAttempted}};
        request.requestId = u"4f1c-press-1"_s;
        request.furtherCommunication = true;
        request.madeAt = QDateTime(QDate(2026, 12, 1), QTime(14, 6, 7, 890), QTimeZone::utc());
        return request;
    }

private slots:
    void aRequestComesBackWhole()
    {
        const CalloutRequest made = everyPart();
        const auto back = CalloutRequestJson::fromJson(CalloutRequestJson::toJson(made));
        QVERIFY(back);
        QCOMPARE(back->billId, made.billId);
        QCOMPARE(back->reportIds, made.reportIds);
        QCOMPARE(back->kind, made.kind);
        QCOMPARE(back->methods, made.methods);
        QCOMPARE(back->recipients, made.recipients);
        QCOMPARE(back->other, made.other);
        QCOMPARE(back->phoneCalls, made.phoneCalls);
        QCOMPARE(back->comment, made.comment);
        QVERIFY(back->attempt == made.attempt);
        QCOMPARE(back->expectedStatuses, made.expectedStatuses);
        QCOMPARE(back->requestId, made.requestId);
        QCOMPARE(back->furtherCommunication, made.furtherCommunication);
        QCOMPARE(back->madeAt, made.madeAt);

        CalloutRequest online;
        online.billId = 1;
        const auto plain = CalloutRequestJson::fromJson(CalloutRequestJson::toJson(online));
        QVERIFY(plain);
        QVERIFY(!plain->madeAt.isValid());
        QVERIFY(!plain->attempt);
        QVERIFY(plain->kind == CalloutRequest::Kind::Done);
    }

    void whatThisProgramDidNotWriteIsRefused()
    {
        const QJsonObject made = CalloutRequestJson::toJson(everyPart());
        const QList<std::pair<QString, QJsonValue>> broken{
            {u"bill_id"_s, 0},
            {u"kind"_s, u"maybe"_s},
            {u"methods"_s, QJsonArray{u"pigeon"_s}},
            {u"recipients"_s, QJsonArray{u"neighbour"_s}},
            {u"attempt"_s, QJsonObject{{u"outcome"_s, u"lost"_s}}},
            {u"expected_statuses"_s, QJsonObject{{u"31"_s, 9}}},
            {u"made_at"_s, u"yesterday"_s},
        };
        for (const auto &[key, value] : broken) {
            QJsonObject object = made;
            object.insert(key, value);
            QVERIFY2(!CalloutRequestJson::fromJson(object), qPrintable(key));
        }
    }

    void theHistorySaysWhenACalloutRecordedOfflineWasMade()
    {
        HistoryEntry entry;
        entry.labUserName = u"Sam Support"_s;
        entry.activityDate = QDateTime(QDate(2026, 12, 1), QTime(15, 0), QTimeZone::utc());
        const QString online = CalloutHistoryList::detailsOf(entry);
        QVERIFY2(online.startsWith(u"Sam Support, "_s + DeskTime::shown(entry.activityDate)),
                 qPrintable(online));
        QVERIFY2(!online.contains(u"offline"_s), qPrintable(online));

        entry.madeAt = entry.activityDate.addSecs(-50 * 60);
        const QString offline = CalloutHistoryList::detailsOf(entry);
        QVERIFY2(offline.startsWith(u"Sam Support, "_s + DeskTime::shown(entry.madeAt) + u'\n'
                                    + u"Recorded offline; received by the server "_s
                                    + DeskTime::shown(entry.activityDate)),
                 qPrintable(offline));
    }
};

QTEST_GUILESS_MAIN(TestCalloutRequestJson)
#include "tst_calloutrequestjson.moc"
