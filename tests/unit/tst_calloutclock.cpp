// The callout clock (SPEC T2) at its boundaries, and the tab badges that count the overdue
// as the clock moves on without a reload.
#include "models/CalloutClock.h"
#include "models/WorklistBadges.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

const QDateTime result(QDate(2026, 12, 2), QTime(8, 0, 0), QTimeZone::utc());

QDateTime after(qint64 seconds)
{
    return result.addSecs(seconds);
}

} // namespace

class TestCalloutClock : public QObject
{
    Q_OBJECT

private slots:
    void urgencyAtTheBoundaries_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<int>("urgency");
        QTest::addColumn<QString>("text");
        using U = CalloutClock::Urgency;
        // A lab with a 45 min target and a warning from 20 min.
        QTest::newRow("at the result") << qint64(0) << int(U::Normal) << u"45 min left"_s;
        QTest::newRow("warning - 1 s") << qint64(20 * 60 - 1) << int(U::Normal) << u"26 min left"_s;
        QTest::newRow("warning") << qint64(20 * 60) << int(U::Warning) << u"25 min left"_s;
        QTest::newRow("target - 1 s") << qint64(45 * 60 - 1) << int(U::Warning) << u"1 min left"_s;
        QTest::newRow("target") << qint64(45 * 60) << int(U::Overdue) << u"Overdue 0 min"_s;
        QTest::newRow("target + 1 h 05 min")
            << qint64(110 * 60) << int(U::Overdue) << u"Overdue 1 h 05 min"_s;
    }

    void urgencyAtTheBoundaries()
    {
        QFETCH(qint64, seconds);
        QFETCH(int, urgency);
        QFETCH(QString, text);
        const CalloutClock clock(45, 20);
        QCOMPARE(int(clock.urgencyAt(result, after(seconds))), urgency);
        QCOMPARE(clock.text(result, after(seconds)), text);
        QCOMPARE(clock.secondsLeft(result, after(seconds)), qint64(45 * 60) - seconds);
    }

    void theDefaultIsAnHourWithAWarningAtHalfAnHour()
    {
        const CalloutClock clock;
        QCOMPARE(clock.targetMinutes(), 60);
        QCOMPARE(clock.warningMinutes(), 30);
        QCOMPARE(clock.urgencyAt(result, after(30 * 60 - 1)), CalloutClock::Urgency::Normal);
        QCOMPARE(clock.urgencyAt(result, after(30 * 60)), CalloutClock::Urgency::Warning);
        QCOMPARE(clock.urgencyAt(result, after(60 * 60 - 1)), CalloutClock::Urgency::Warning);
        QCOMPARE(clock.urgencyAt(result, after(60 * 60)), CalloutClock::Urgency::Overdue);
    }

    void aTallyCountsTheTimesAsTheyPass()
    {
        // Counted at 08:00 (cutoff): 3 overdue; results at 08:00:30, 08:01 twice and 08:05
        // come due one after the other.
        OverdueTally tally{result, 3, {after(30), after(60), after(60), after(300)}, true};
        QCOMPARE(tally.at(result), qint64(3));
        QCOMPARE(tally.at(after(29)), qint64(3));
        QCOMPARE(tally.at(after(30)),
                 qint64(4)); // at the cutoff itself: overdue, as the clock says
        QCOMPARE(tally.at(after(60)), qint64(6));
        QCOMPARE(tally.at(after(3600)), qint64(7));
        QVERIFY(!tally.runsOutBy(after(3600))); // complete: nothing else can come due
        tally.upcomingComplete = false;
        QVERIFY(!tally.runsOutBy(after(299)));
        QCOMPARE(tally.at(after(299)), qint64(6));
        // At the last time brought: others of that time may have been cut off.
        QVERIFY(tally.runsOutBy(after(300)));
        QCOMPARE(tally.at(after(301)), qint64(7)); // a floor until the server counts again
    }

    void theBadgeSaysHowManyAreOverdueAndTicks()
    {
        WorklistBadges badges;
        badges.setClock(CalloutClock(60, 30));
        badges.setCounts({49, 3, 120});
        QCOMPARE(badges.text(CriticalStatus::CalloutPending), u"Pending 49"_s);
        // Counted at 09:00 with a 60 min target: results up to 08:00 are overdue.
        const QDateTime now = after(3600);
        badges.setOverdue(OverdueTally{result, 7, {after(10), after(50)}, false},
                          OverdueTally{result, 0, {}, true});
        QCOMPARE(badges.text(CriticalStatus::CalloutPending), u"Pending 49 · 7 overdue"_s);
        QCOMPARE(badges.text(CriticalStatus::CalloutAttempted), u"Attempted 3"_s);
        QCOMPARE(badges.text(CriticalStatus::CalloutDone), u"Done 120"_s);
        QVERIFY(!badges.overdue(CriticalStatus::CalloutDone));

        QVERIFY(!badges.tick(now.addSecs(10)));
        QCOMPARE(badges.text(CriticalStatus::CalloutPending), u"Pending 49 · 8 overdue"_s);
        QVERIFY(!badges.tick(now.addSecs(49)));
        QCOMPARE(badges.overdue(CriticalStatus::CalloutPending).value_or(-1), qint64(8));
        // At the last time brought, with more left out: the server counts again, asked once.
        QVERIFY(badges.tick(now.addSecs(50)));
        QVERIFY(!badges.tick(now.addSecs(70)));
        QCOMPARE(badges.overdue(CriticalStatus::CalloutPending).value_or(-1), qint64(9));
        // A tick older than the page's own count changes nothing.
        badges.setOverdue(OverdueTally{after(70), 12, {}, true},
                          OverdueTally{after(70), 1, {}, true});
        QVERIFY(!badges.tick(now));
        QCOMPARE(badges.overdue(CriticalStatus::CalloutPending).value_or(-1), qint64(12));
        QCOMPARE(badges.text(CriticalStatus::CalloutAttempted), u"Attempted 3 · 1 overdue"_s);
    }
};

QTEST_GUILESS_MAIN(TestCalloutClock)
#include "tst_calloutclock.moc"
