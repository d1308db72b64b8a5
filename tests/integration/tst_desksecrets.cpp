// SPEC A6 at the desk: calloutdesk started with a password in its settings file refuses
// it and says so where it says other configuration problems, and never prints it.
#include "services/db/DatabaseUrl.h"

#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

const QString secret = QStringLiteral("Pa55-S3cret");

} // namespace

class TestDeskSecrets : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_config.isValid() && m_data.isValid());
        m_settings = std::make_unique<QSettings>(
            m_config.filePath(u"CalloutDesk/calloutdesk.conf"_s), QSettings::IniFormat);
        m_settings->clear();
    }

    void cleanup()
    {
        if (m_desk.state() != QProcess::NotRunning) {
            m_desk.kill();
            m_desk.waitForFinished(10000);
        }
    }

    void databasePasswordRefusedNotTheDemo()
    {
        m_settings->setValue(u"database/url"_s,
                             u"postgresql://lab:%1@127.0.0.1:1/callouts"_s.arg(secret));
        m_settings->sync();
        start({});
        QTRY_VERIFY2_WITH_TIMEOUT(err().contains(u"PGPASSWORD"_s), qPrintable(m_err), 30000);
        QVERIFY2(m_err.contains(u"database/url"_s) && m_err.contains(u".pgpass"_s),
                 qPrintable(m_err));
        QVERIFY2(!m_err.contains(secret), qPrintable(m_err));
        // Refused, not replaced: the demo would hide that the lab's database is not used.
        QVERIFY(
            !QFileInfo::exists(m_data.filePath(u"CalloutDesk/calloutdesk/calloutdesk-demo.db"_s)));
    }

    void mailPasswordRefused()
    {
        QTemporaryDir databaseDir;
        m_settings->setValue(
            u"mail/url"_s,
            u"smtp://desk:%1@127.0.0.1:2525/?from=lab@riverside.example"_s.arg(secret));
        m_settings->sync();
        start({u"--db"_s,
               DatabaseUrl::sqliteFile(databaseDir.filePath(u"desk.db"_s)).displayString()});
        QTRY_VERIFY2_WITH_TIMEOUT(err().contains(u"CALLOUTDESK_SMTP_PASSWORD"_s), qPrintable(m_err),
                                  30000);
        QVERIFY2(m_err.contains(u"mail/url"_s) && m_err.contains(u"calloutctl mail-password"_s),
                 qPrintable(m_err));
        QVERIFY2(!m_err.contains(secret), qPrintable(m_err));
    }

private:
    void start(const QStringList &arguments)
    {
        m_err.clear();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &variable :
             {u"CALLOUTDESK_DB"_s, u"CALLOUTDESK_INDEX"_s, u"CALLOUTDESK_SMTP"_s,
              u"CALLOUTDESK_SMTP_PASSWORD"_s, u"DBUS_SESSION_BUS_ADDRESS"_s})
            environment.remove(variable);
        environment.insert(u"XDG_CONFIG_HOME"_s, m_config.path());
        environment.insert(u"XDG_DATA_HOME"_s, m_data.path());
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"QT_LOGGING_RULES"_s, u"calloutdesk.*=true"_s);
        m_desk.setProcessEnvironment(environment);
        m_desk.start(QStringLiteral(CALLOUTDESK_PATH), arguments);
        QVERIFY(m_desk.waitForStarted(10000));
    }

    // What the desk has written to stderr so far.
    const QString &err()
    {
        m_err += QString::fromUtf8(m_desk.readAllStandardError());
        return m_err;
    }

    QTemporaryDir m_config;
    QTemporaryDir m_data;
    std::unique_ptr<QSettings> m_settings;
    QProcess m_desk;
    QString m_err;
};

QTEST_GUILESS_MAIN(TestDeskSecrets)
#include "tst_desksecrets.moc"
