// SPEC T4: a value read back over the phone, compared with the critical values of the
// selected reports; a call's role and read-back as records keep them.
#include "models/CalloutAttempt.h"
#include "models/PhoneCall.h"
#include "models/ReadBackComparison.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

CriticalParameter critical(const QString &name, const QString &value)
{
    CriticalParameter parameter;
    parameter.parameterName = name;
    parameter.value = value;
    parameter.numericValue = value.toDouble();
    return parameter;
}

} // namespace

class TestReadBack : public QObject
{
    Q_OBJECT

private slots:
    // A number matches at the report's decimal places; text exactly but for spaces and
    // case.
    void oneValue_data()
    {
        QTest::addColumn<QString>("readBack");
        QTest::addColumn<QString>("recorded");
        QTest::addColumn<bool>("same");
        QTest::newRow("as held") << u"7.29"_s << u"7.29"_s << true;
        QTest::newRow("more places, rounds to it") << u"7.291"_s << u"7.29"_s << true;
        QTest::newRow("half rounds away from zero") << u"7.285"_s << u"7.29"_s << true;
        QTest::newRow("just below half") << u"7.2849"_s << u"7.29"_s << false;
        QTest::newRow("fewer places") << u"7.3"_s << u"7.29"_s << false;
        QTest::newRow("trailing zero held") << u"7.2"_s << u"7.20"_s << true;
        QTest::newRow("whole number") << u"118"_s << u"118"_s << true;
        QTest::newRow("whole number, decimals read") << u"118.4"_s << u"118"_s << true;
        QTest::newRow("whole number, rounds up") << u"117.5"_s << u"118"_s << true;
        QTest::newRow("whole number, off by one") << u"117"_s << u"118"_s << false;
        QTest::newRow("carry through nines") << u"9.996"_s << u"10.00"_s << true;
        QTest::newRow("leading zeros") << u"0.5"_s << u".50"_s << true;
        QTest::newRow("spaces") << u"  7.29 "_s << u"7.29"_s << true;
        QTest::newRow("sign") << u"-2.5"_s << u"2.5"_s << false;
        QTest::newRow("negative rounds away from zero") << u"-2.45"_s << u"-2.5"_s << true;
        QTest::newRow("zero") << u"-0.0"_s << u"0"_s << true;
        QTest::newRow("digits beyond a 64-bit integer")
            << u"123456789012345678901234.5"_s << u"123456789012345678901235"_s << true;
        QTest::newRow("text, same") << u"Positive"_s << u"Positive"_s << true;
        QTest::newRow("case") << u"positive"_s << u"POSITIVE"_s << true;
        QTest::newRow("text, spaces") << u" gram  negative "_s << u"Gram negative"_s << true;
        QTest::newRow("different") << u"Negative"_s << u"Positive"_s << false;
        QTest::newRow("part of it") << u"Pos"_s << u"Positive"_s << false;
        // A comma is not a decimal point here: "7,2" is text, not 7.2.
        QTest::newRow("comma") << u"7,2"_s << u"7.2"_s << false;
        QTest::newRow("a number against text") << u"7.2"_s << u">7.2"_s << false;
    }
    void oneValue()
    {
        QFETCH(QString, readBack);
        QFETCH(QString, recorded);
        QFETCH(bool, same);
        QCOMPARE(ReadBackComparison::sameValue(readBack, recorded), same);
    }

    void severalValuesMatchAnyAndAMismatchNamesThemAll()
    {
        const QList<CriticalParameter> values{critical(u"K"_s, u"7.29"_s),
                                              critical(u"Na"_s, u"118"_s)};
        const ReadBackComparison sodium = ReadBackComparison::compare(u"118"_s, values);
        QVERIFY(sodium.compared());
        QVERIFY(sodium.matches());
        QVERIFY(!sodium.mismatch());
        QCOMPARE(sodium.matched(), u"Na 118"_s);
        QCOMPARE(sodium.text(), u"matches Na 118"_s);

        const ReadBackComparison wrong = ReadBackComparison::compare(u"7.3"_s, values);
        QVERIFY(wrong.mismatch());
        QVERIFY(wrong.matched().isEmpty());
        QCOMPARE(wrong.comparedWith(), QStringList({u"K 7.29"_s, u"Na 118"_s}));
        QCOMPARE(wrong.text(), u"does not match K 7.29 or Na 118"_s);
    }

    void nothingTypedOrNothingToCompareIsNoFinding()
    {
        const ReadBackComparison empty
            = ReadBackComparison::compare(u"  "_s, {critical(u"K"_s, u"7.29"_s)});
        QVERIFY(!empty.compared());
        QVERIFY(!empty.matches());
        QVERIFY(!empty.mismatch());
        QVERIFY(empty.text().isEmpty());
        const ReadBackComparison noReports = ReadBackComparison::compare(u"7.29"_s, {});
        QVERIFY(!noReports.compared());
        QVERIFY(!noReports.mismatch());
    }

    void aValueRestoredFromJsonComparesByItsNumber()
    {
        // critical_values_meta keeps the number only; the parameter read back has no text.
        CriticalParameter stored = critical(u"K"_s, QString());
        stored.numericValue = 7.2;
        QVERIFY(ReadBackComparison::compare(u"7.2"_s, {stored}).matches());
        QVERIFY(ReadBackComparison::compare(u"7.3"_s, {stored}).mismatch());
    }

    void aCallKeepsItsReadBackInJson()
    {
        PhoneCall call(u"Sam Ward"_s, u"2026-12-01T14:07:00+01:00"_s, RecipientKind::Referral);
        call.role = CallTakerRole::Nurse;
        call.readBack = true;
        call.readBackValue = u"7.3"_s;
        call.readBackMatches = false;
        call.readBackOverride = u"Confirmed with the analyser"_s;
        const QJsonObject json = call.toJson();
        QCOMPARE(json.value(u"role"_s).toString(), u"nurse"_s);
        QCOMPARE(json.value(u"read_back"_s).toBool(), true);
        QCOMPARE(json.value(u"read_back_value"_s).toString(), u"7.3"_s);
        QCOMPARE(json.value(u"read_back_matches"_s).toBool(true), false);
        QCOMPARE(json.value(u"read_back_override"_s).toString(), u"Confirmed with the analyser"_s);
        QCOMPARE(PhoneCall::fromJson(json), call);
        QCOMPARE(call.readBackText(),
                 u"nurse, read back 7.3 — does not match, overridden: Confirmed with the "
                 "analyser"_s);
    }

    void keysAreWrittenOnlyWhenTheyHoldSomething()
    {
        PhoneCall plain(u"Dr. Jones"_s, u"2026-12-01T14:05:00+01:00"_s);
        const QJsonObject json = plain.toJson();
        QCOMPARE(json.value(u"read_back"_s).toBool(true), false);
        for (const QString &key :
             {u"role"_s, u"read_back_value"_s, u"read_back_matches"_s, u"read_back_override"_s})
            QVERIFY2(!json.contains(key), qPrintable(key));
        QVERIFY(plain.readBackText().isEmpty());

        PhoneCall matched = plain;
        matched.readBack = true;
        matched.readBackValue = u"7.2"_s;
        matched.readBackMatches = true;
        QCOMPARE(matched.readBackText(), u"read back 7.2 — matches"_s);
        QVERIFY(!matched.toJson().contains(u"read_back_override"_s));
    }

    void anOlderCallCountsAsNotReadBack()
    {
        const PhoneCall older
            = PhoneCall::fromJson(QJsonObject{{u"name"_s, u"Dr. Jones"_s}, {u"at"_s, u"14:05"_s}});
        QVERIFY(!older.readBack);
        QVERIFY(!older.role);
        QVERIFY(!older.readBackMatches);
        QVERIFY(older.readBackValue.isEmpty());
    }

    void anAttemptHasNoReadBack()
    {
        const CalloutAttempt attempt{AttemptOutcome::NoAnswer,
                                     PhoneCall(u"Dr. Jones"_s, QString())};
        QVERIFY(!attempt.toJson().contains(u"read_back"_s));
    }

    void rolesHaveKeys()
    {
        for (const CallTakerRole role : CallTakerRoleInfo::all())
            QCOMPARE(CallTakerRoleInfo::fromKey(CallTakerRoleInfo::key(role)), role);
        QCOMPARE(CallTakerRoleInfo::fromKey(u" Nurse "_s), CallTakerRole::Nurse);
        QVERIFY(!CallTakerRoleInfo::fromKey(u"surgeon"_s));
    }
};

QTEST_GUILESS_MAIN(TestReadBack)
#include "tst_readback.moc"
