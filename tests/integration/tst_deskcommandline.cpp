// calloutdesk's --help and --version on a machine without a display (a server, an SSH
// session, a packaging check): answered, exit 0, instead of Qt aborting while it looks
// for a display to open windows on.
#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestDeskCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void answersWithoutDisplay_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("--help") << QStringList{u"--help"_s} << u"--db <url>"_s;
        QTest::newRow("-h") << QStringList{u"-h"_s} << u"Critical-result callouts"_s;
        QTest::newRow("--version")
            << QStringList{u"--version"_s} << u"calloutdesk " CALLOUTDESK_VERSION "\n"_s;
        QTest::newRow("-v after another option")
            << QStringList{u"--demo"_s, u"-v"_s} << u"calloutdesk " CALLOUTDESK_VERSION "\n"_s;
    }

    void answersWithoutDisplay()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        QProcess desk;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"DISPLAY"_s);
        environment.remove(u"WAYLAND_DISPLAY"_s);
        // The platform a desktop session would use; with no display it cannot start.
        environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        desk.setProcessEnvironment(environment);
        desk.start(QStringLiteral(CALLOUTDESK_PATH), arguments);
        QVERIFY(desk.waitForFinished(30000));
        const QString out = QString::fromUtf8(desk.readAllStandardOutput());
        const QString err = QString::fromUtf8(desk.readAllStandardError());
        QCOMPARE(desk.exitStatus(), QProcess::NormalExit);
        QVERIFY2(desk.exitCode() == 0, qPrintable(err));
        QVERIFY2(out.contains(says), qPrintable(out));
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestDeskCommandLine)
#include "tst_deskcommandline.moc"
