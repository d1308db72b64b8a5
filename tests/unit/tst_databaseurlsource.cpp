#include "services/db/DatabaseUrlSource.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

class TestDatabaseUrlSource : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        qunsetenv(DatabaseUrlSource::environmentVariable);
        QVERIFY(m_dir.isValid());
    }

    void commandLineWins()
    {
        QSettings settings(m_dir.filePath(u"a.ini"_s), QSettings::IniFormat);
        settings.setValue(QLatin1StringView(DatabaseUrlSource::settingsKey), u"sqlite:///s.db"_s);
        qputenv(DatabaseUrlSource::environmentVariable, "sqlite:///e.db");
        const auto choice = DatabaseUrlSource::choose(u"sqlite:///c.db"_s, settings);
        QVERIFY(choice.has_value() && choice->ok());
        QCOMPARE(choice->value().url, u"sqlite:///c.db"_s);
        QCOMPARE(choice->value().origin, DatabaseUrlSource::Origin::CommandLine);
    }

    void environmentBeforeSettings()
    {
        QSettings settings(m_dir.filePath(u"b.ini"_s), QSettings::IniFormat);
        settings.setValue(QLatin1StringView(DatabaseUrlSource::settingsKey), u"sqlite:///s.db"_s);
        qputenv(DatabaseUrlSource::environmentVariable, " sqlite:///e.db ");
        const auto choice = DatabaseUrlSource::choose(QString(), settings);
        QVERIFY(choice.has_value() && choice->ok());
        QCOMPARE(choice->value().url, u"sqlite:///e.db"_s);
        QCOMPARE(choice->value().origin, DatabaseUrlSource::Origin::Environment);
    }

    void settingsLast()
    {
        QSettings settings(m_dir.filePath(u"c.ini"_s), QSettings::IniFormat);
        settings.setValue(QLatin1StringView(DatabaseUrlSource::settingsKey), u"sqlite:///s.db"_s);
        const auto choice = DatabaseUrlSource::choose(u"  "_s, settings);
        QVERIFY(choice.has_value() && choice->ok());
        QCOMPARE(choice->value().origin, DatabaseUrlSource::Origin::Settings);
    }

    void nothingConfigured()
    {
        QSettings settings(m_dir.filePath(u"d.ini"_s), QSettings::IniFormat);
        QVERIFY(!DatabaseUrlSource::choose(QString(), settings).has_value());
        const auto demo = DatabaseUrlSource::embeddedDemo();
        QVERIFY(demo.url.startsWith(u"sqlite:///"_s));
        QVERIFY(demo.url.endsWith(u"calloutdesk-demo.db"_s));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestDatabaseUrlSource)
#include "tst_databaseurlsource.moc"
