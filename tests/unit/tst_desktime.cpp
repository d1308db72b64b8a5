#include "models/DeskTime.h"

#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

class TestDeskTime : public QObject
{
    Q_OBJECT

private slots:
    void shownIsLocalTimeWithTheDate()
    {
        const QDateTime local(QDate(2026, 12, 1), QTime(14, 39, 23));
        QCOMPARE(DeskTime::shown(local), u"2026-12-01 14:39"_s);
        QCOMPARE(DeskTime::shown(local.toUTC()), u"2026-12-01 14:39"_s);
        QCOMPARE(DeskTime::shown(QDateTime()), QString());
    }

    void waitedHasOneFormatAtEveryLength()
    {
        QCOMPARE(DeskTime::waited(0), u"0 min"_s);
        QCOMPARE(DeskTime::waited(59 * 60 + 59), u"59 min"_s);
        QCOMPARE(DeskTime::waited(3 * 3600 + 5 * 60), u"3 h 05 min"_s);
        QCOMPARE(DeskTime::waited(45 * 3600 + 21 * 60), u"1 d 21 h"_s);
        QCOMPARE(DeskTime::waited(3 * 86400), u"3 d 00 h"_s);
        QCOMPARE(DeskTime::waited(-30), u"0 min"_s);
    }

    void exportedIsIsoWithTheOffset()
    {
        const QDateTime utc(QDate(2026, 7, 1), QTime(10, 0, 5), QTimeZone::utc());
        const QString text = DeskTime::exported(utc);
        const QDateTime back = QDateTime::fromString(text, Qt::ISODate);
        QCOMPARE(back, utc);
        QVERIFY2(text.endsWith(u"Z"_s)
                     || text.contains(QRegularExpression(u"[+-]\\d\\d:\\d\\d$"_s)),
                 qPrintable(text));
        QCOMPARE(DeskTime::exported(QDateTime()), QString());
    }
};

QTEST_APPLESS_MAIN(TestDeskTime)
#include "tst_desktime.moc"
