// SPEC A6: no secret is taken from the settings file, and a URL's password is masked in
// whatever is shown. The settings file is plain text; the command line and the environment
// are the administrator's own and stay accepted.
#include "services/db/DatabaseUrlSource.h"
#include "services/db/SettingsSecret.h"
#include "services/db/UrlPassword.h"
#include "services/notify/SmtpSettings.h"
#include "services/search/IndexEndpoint.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

class TestSettingsSecrets : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        for (const char *variable :
             {DatabaseUrlSource::environmentVariable, IndexEndpoint::environmentVariable,
              IndexEndpoint::apiKeyVariable, IndexEndpoint::passwordVariable,
              SmtpSettings::environmentVariable, SmtpSettings::passwordVariable})
            qunsetenv(variable);
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"%1.ini"_s.arg(++m_files)),
                                                 QSettings::IniFormat);
    }

    void passwordFoundAndMasked_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("masked");
        QTest::newRow("postgres") << u"postgresql://lab:S3cret@db.example:5432/callouts"_s
                                  << u"postgresql://lab:****@db.example:5432/callouts"_s;
        QTest::newRow("invalid port, which QUrl cannot show")
            << u"postgresql://lab:S3cret@db.example:99999/x"_s
            << u"postgresql://lab:****@db.example:99999/x"_s;
        QTest::newRow("unencoded @ in the password")
            << u"http://desk:p@ss@es.example:9200"_s << u"http://desk:****@es.example:9200"_s;
        QTest::newRow("address in the query")
            << u"smtp://desk:S3cret@mail.example/?from=lab@lab.example"_s
            << u"smtp://desk:****@mail.example/?from=lab@lab.example"_s;
        // Mistyped URLs, the ones a message quotes.
        QTest::newRow("? in the password") << u"postgresql://lab:S3c?ret@db.example/callouts"_s
                                           << u"postgresql://lab:****@db.example/callouts"_s;
        QTest::newRow("# in the password") << u"postgresql://lab:S3c#ret@db.example/callouts"_s
                                           << u"postgresql://lab:****@db.example/callouts"_s;
        QTest::newRow("scheme without //")
            << u"postgresql//lab:S3cret@db/callouts"_s << u"postgresql//lab:****@db/callouts"_s;
        QTest::newRow("no scheme") << u"lab:S3cret@db"_s << u"lab:****@db"_s;
    }

    void passwordFoundAndMasked()
    {
        QFETCH(QString, url);
        QFETCH(QString, masked);
        QVERIFY(UrlPassword::isPresent(url));
        QCOMPARE(UrlPassword::masked(url), masked);
    }

    void noPasswordLeftAlone_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("user only") << u"postgresql://lab@db.example:5432/callouts"_s;
        QTest::newRow("empty password") << u"smtp://lab:@127.0.0.1/?from=lab@lab.example"_s;
        QTest::newRow("port, address in the query")
            << u"smtp://127.0.0.1:25/?from=lab@lab.example"_s;
        QTest::newRow("sqlite") << u"sqlite:///var/lib/desk@home/c:d.db"_s;
        QTest::newRow("port, colon and address in the query")
            << u"smtp://127.0.0.1/?x=a:b&from=lab@lab.example"_s;
        QTest::newRow("not a URL") << u"/var/lib/desk@home/c:d.db"_s;
    }

    void noPasswordLeftAlone()
    {
        QFETCH(QString, url);
        QVERIFY(!UrlPassword::isPresent(url));
        QCOMPARE(UrlPassword::masked(url), url);
    }

    void databasePasswordInSettingsRefused()
    {
        m_settings->setValue(u"database/url"_s, u"postgresql://lab:S3cret@db.example/callouts"_s);
        const auto choice = DatabaseUrlSource::choose(QString(), *m_settings);
        QVERIFY(choice.has_value());
        QVERIFY(!choice->ok());
        const Failure &failure = choice->failure();
        QCOMPARE(failure.kind, Failure::Kind::InvalidInput);
        verifySaysWhere(failure.message, u"database/url"_s, u"PGPASSWORD"_s);
        QVERIFY(failure.message.contains(u".pgpass"_s));

        // A user without a password is fine: libpq finds the password itself.
        m_settings->setValue(u"database/url"_s, u"postgresql://lab@db.example/callouts"_s);
        QVERIFY(DatabaseUrlSource::choose(QString(), *m_settings)->ok());
    }

    void databasePasswordElsewhereAccepted()
    {
        m_settings->setValue(u"database/url"_s, u"postgresql://lab:S3cret@db.example/callouts"_s);
        const auto option
            = DatabaseUrlSource::choose(u"postgresql://lab:typed@db.example/c"_s, *m_settings);
        QVERIFY(option->ok());
        QCOMPARE(option->value().origin, DatabaseUrlSource::Origin::CommandLine);
        qputenv(DatabaseUrlSource::environmentVariable, "postgresql://lab:env@db.example/c");
        const auto environment = DatabaseUrlSource::choose(QString(), *m_settings);
        QVERIFY(environment->ok());
        QCOMPARE(environment->value().origin, DatabaseUrlSource::Origin::Environment);
    }

    void indexPasswordOrKeyInSettingsRefused()
    {
        m_settings->setValue(u"index/url"_s, u"https://desk:S3cret@es.example:9200"_s);
        auto endpoint = IndexEndpoint::configured(QString(), *m_settings);
        QVERIFY(endpoint.has_value() && !endpoint->ok());
        verifySaysWhere(endpoint->failure().message, u"index/url"_s,
                        QString::fromLatin1(IndexEndpoint::passwordVariable));

        m_settings->setValue(u"index/url"_s, u"https://es.example:9200"_s);
        m_settings->setValue(u"index/api_key"_s, u"S3cret"_s);
        endpoint = IndexEndpoint::configured(QString(), *m_settings);
        QVERIFY(endpoint.has_value() && !endpoint->ok());
        verifySaysWhere(endpoint->failure().message, u"index/api_key"_s,
                        QString::fromLatin1(IndexEndpoint::apiKeyVariable));
        // Even with the URL on the command line: the key would still be the settings'.
        QVERIFY(!IndexEndpoint::configured(u"https://es.example:9200"_s, *m_settings)->ok());
    }

    void indexSecretsFromTheEnvironment()
    {
        m_settings->setValue(u"index/url"_s, u"https://desk@es.example:9200"_s);
        qputenv(IndexEndpoint::passwordVariable, "from-env");
        auto endpoint = IndexEndpoint::configured(QString(), *m_settings);
        QVERIFY(endpoint->ok());
        QCOMPARE(endpoint->value().authorization(),
                 "Basic " + QByteArray("desk:from-env").toBase64());
        QCOMPARE(endpoint->value().displayString(), u"https://es.example:9200"_s);

        // The settings' key is not read when the environment has one.
        m_settings->setValue(u"index/api_key"_s, u"stale"_s);
        qputenv(IndexEndpoint::apiKeyVariable, "key-from-env");
        endpoint = IndexEndpoint::configured(QString(), *m_settings);
        QVERIFY(endpoint->ok());
        QCOMPARE(endpoint->value().authorization(), QByteArray("ApiKey key-from-env"));

        // A password typed on the command line is the administrator's choice.
        m_settings->remove(u"index/api_key"_s);
        qunsetenv(IndexEndpoint::apiKeyVariable);
        endpoint = IndexEndpoint::configured(u"https://desk:typed@es.example:9200"_s, *m_settings);
        QVERIFY(endpoint->ok());
        QCOMPARE(endpoint->value().authorization(), "Basic " + QByteArray("desk:typed").toBase64());
    }

    void mailPasswordInSettingsRefused()
    {
        m_settings->setValue(u"mail/url"_s,
                             u"smtps://desk:S3cret@mail.example/?from=lab@lab.example"_s);
        const auto mail = SmtpSettings::configured(QString(), *m_settings);
        QVERIFY(mail.has_value() && !mail->ok());
        verifySaysWhere(mail->failure().message, u"mail/url"_s, u"calloutctl mail-password"_s);
        QVERIFY(
            mail->failure().message.contains(QString::fromLatin1(SmtpSettings::passwordVariable)));

        // On the command line it is accepted.
        const auto typed = SmtpSettings::configured(
            u"smtps://desk:typed@mail.example/?from=lab@lab.example"_s, *m_settings);
        QVERIFY(typed->ok());
        QCOMPARE(typed->value().password(), u"typed"_s);
    }

    void settingsSecretKinds()
    {
        QVERIFY(SettingsSecret::absent(*m_settings, u"index/api_key"_s, u"X"_s).ok());
        m_settings->setValue(u"index/api_key"_s, u"  "_s);
        QVERIFY(SettingsSecret::absent(*m_settings, u"index/api_key"_s, u"X"_s).ok());
        const auto none = SettingsSecret::url(*m_settings, u"nothing/here"_s, u"X"_s);
        QVERIFY(none.ok() && none.value().isEmpty());
    }

private:
    // One sentence, naming the key, the file and where the secret goes; never the secret.
    void verifySaysWhere(const QString &message, const QString &key, const QString &where)
    {
        QVERIFY2(message.contains(key) && message.contains(m_settings->fileName())
                     && message.contains(where),
                 qPrintable(message));
        QVERIFY2(!message.contains(u"S3cret"_s), qPrintable(message));
        QVERIFY(!message.contains(u'\n'));
    }

    QTemporaryDir m_dir;
    int m_files = 0;
    std::unique_ptr<QSettings> m_settings;
};

QTEST_GUILESS_MAIN(TestSettingsSecrets)
#include "tst_settingssecrets.moc"
