#include "services/db/DatabaseUrl.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void postgres()
    {
        const auto url
            = DatabaseUrl::parse(u"postgresql://lab:s3cret@db.lab.example:5433/callouts"_s);
        QVERIFY2(url.ok(), qPrintable(url ? QString() : url.failure().message));
        QVERIFY(url.value().isPostgreSql());
        QCOMPARE(url.value().host(), u"db.lab.example"_s);
        QCOMPARE(url.value().port(), 5433);
        QCOMPARE(url.value().userName(), u"lab"_s);
        QCOMPARE(url.value().password(), u"s3cret"_s);
        QCOMPARE(url.value().databaseName(), u"callouts"_s);
        // The password never appears in what is shown or logged.
        QCOMPARE(url.value().displayString(), u"postgresql://lab@db.lab.example:5433/callouts"_s);
    }

    void postgresDefaultsAndOptions()
    {
        const auto url = DatabaseUrl::parse(
            u"postgres://lab@localhost/callouts?sslmode=require&connect_timeout=3"_s);
        QVERIFY(url.ok());
        QCOMPARE(url.value().port(), 5432);
        QCOMPARE(url.value().connectOptions(), u"sslmode=require;connect_timeout=3"_s);
    }

    void sqlite()
    {
        const auto url = DatabaseUrl::parse(u"sqlite:///var/lib/calloutdesk/desk.db"_s);
        QVERIFY(url.ok());
        QVERIFY(url.value().isSqlite());
        QCOMPARE(url.value().databaseName(), u"/var/lib/calloutdesk/desk.db"_s);
        QCOMPARE(url.value().displayString(), u"sqlite:///var/lib/calloutdesk/desk.db"_s);
        QCOMPARE(DatabaseUrl::parse(url.value().displayString()).value().databaseName(),
                 url.value().databaseName());
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << u"  "_s << u"empty"_s;
        QTest::newRow("scheme") << u"mysql://u@h/db"_s << u"unknown scheme \"mysql\""_s;
        QTest::newRow("no scheme") << u"/tmp/file.db"_s << u"unknown scheme"_s;
        QTest::newRow("no host") << u"postgresql:///callouts"_s << u"names no server"_s;
        QTest::newRow("no database") << u"postgresql://u@h:5432/"_s << u"names no database"_s;
        QTest::newRow("bad port") << u"postgresql://u@h:99999/db"_s << u"port"_s;
        QTest::newRow("typo option")
            << u"postgresql://u@h/db?sslmod=require"_s << u"unknown option \"sslmod\""_s;
        QTest::newRow("sqlite host") << u"sqlite://relative/file.db"_s << u"three slashes"_s;
        QTest::newRow("sqlite no file") << u"sqlite:///"_s << u"names no file"_s;
    }

    void refused()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const auto url = DatabaseUrl::parse(text);
        QVERIFY(!url.ok());
        QCOMPARE(url.failure().kind, Failure::Kind::InvalidInput);
        QVERIFY2(url.failure().message.contains(mentions), qPrintable(url.failure().message));
        // One sentence for a person, not a driver dump.
        QVERIFY(!url.failure().message.contains(u'\n'));
    }

    // SPEC A6: whatever is wrong with the URL, the message shows it with the password
    // masked, even where QUrl would quote the whole source in its own error.
    void passwordNeverInTheFailure_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("bad port") << u"postgresql://lab:S3cret@db:99999/callouts"_s;
        QTest::newRow("space in the password") << u"postgresql://lab:S3c ret@db/callouts"_s;
        QTest::newRow("scheme") << u"mysql://lab:S3cret@db/callouts"_s;
        QTest::newRow("no host") << u"postgresql://lab:S3cret@/callouts"_s;
        QTest::newRow("no database") << u"postgresql://lab:S3cret@db/"_s;
        QTest::newRow("sqlite host") << u"sqlite://lab:S3cret@db/file.db"_s;
        QTest::newRow("? in the password") << u"postgresql://lab:S3c?ret@db/callouts"_s;
        QTest::newRow("# in the password") << u"postgresql://lab:S3c#ret@db/callouts"_s;
        QTest::newRow("character QUrl refuses in the password")
            << u"postgresql://lab:S3c\"ret@db/callouts"_s;
        QTest::newRow("scheme without //") << u"postgresql//lab:S3cret@db/callouts"_s;
        QTest::newRow("no scheme") << u"lab:S3cret@db/callouts"_s;
    }

    void passwordNeverInTheFailure()
    {
        QFETCH(QString, text);
        const auto url = DatabaseUrl::parse(text);
        QVERIFY(!url.ok());
        QVERIFY2(!url.failure().message.contains(u"S3c"_s), qPrintable(url.failure().message));
    }

    void withDatabaseName()
    {
        const auto url = DatabaseUrl::parse(u"postgresql://u@h:6000/a"_s).value();
        const DatabaseUrl other = url.withDatabaseName(u"b"_s);
        QCOMPARE(other.databaseName(), u"b"_s);
        QCOMPARE(other.port(), 6000);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
