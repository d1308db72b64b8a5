// A person's login proven against the real server (SPEC A1, A4, A5): the right password,
// a wrong one, a server out of reach, and the password in no message or log line.
#include "TestDatabase.h"
#include "TestLogin.h"
#include "services/db/CredentialCheck.h"
#include "services/db/DatabaseJob.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

QStringList logged;

void keepMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    logged << message;
}

} // namespace

class TestCredentialCheck : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<TestLogin> m_login;

private slots:
    void init()
    {
        m_database = TestDatabase::create(u"postgresql"_s);
        QVERIFY(m_database);
        m_login = TestLogin::create(m_database->url(), u"alice"_s, u"s3cret 'quoted' pass"_s);
        QVERIFY(m_login);
    }

    void cleanup()
    {
        DatabaseJob::pool()->waitForDone();
        m_login.reset();
        m_database.reset();
    }

    void theRightPasswordIsAccepted()
    {
        const Status checked
            = CredentialCheck(m_database->url()).verify(m_login->name(), m_login->password());
        QVERIFY2(checked.ok(), qPrintable(checked ? QString() : checked.failure().message));
    }

    void aSignatureNeedsTheServerToCheckThePassword()
    {
        // The test cluster lets its superuser in without a password (trust), as Kerberos or
        // a client certificate would: signing in works whatever is typed, a signature
        // (SPEC A4) does not, since the server never looked at the password.
        const CredentialCheck check(m_database->url());
        QVERIFY(check.verify(u"postgres"_s, u"anything"_s).ok());
        const Status signature
            = check.verify(u"postgres"_s, u"anything"_s, CredentialCheck::Proof::Password);
        QVERIFY(!signature.ok());
        QCOMPARE(signature.failure().field, u"password"_s);
        QVERIFY2(signature.failure().message.contains(u"without asking for a password"_s),
                 qPrintable(signature.failure().message));
        // A login that signs in by password signs by it.
        QVERIFY(check.verify(m_login->name(), m_login->password(), CredentialCheck::Proof::Password)
                    .ok());
        QVERIFY(!check.verify(m_login->name(), u"guess"_s, CredentialCheck::Proof::Password).ok());
    }

    void aWrongPasswordIsRefusedByName()
    {
        const Status checked
            = CredentialCheck(m_database->url()).verify(m_login->name(), u"guess"_s);
        QVERIFY(!checked.ok());
        QCOMPARE(checked.failure().kind, Failure::Kind::InvalidInput);
        QCOMPARE(checked.failure().message,
                 u"The password for %1 is not right."_s.arg(m_login->name()));
        QCOMPARE(checked.failure().field, u"password"_s);

        // A login the server does not know is refused the same way: the answer must not
        // tell a passer-by which names exist.
        const Status unknown = CredentialCheck(m_database->url()).verify(u"nobody_here"_s, u"x"_s);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.failure().message, u"The password for nobody_here is not right."_s);
    }

    void anEmptyPasswordProvesNothing()
    {
        // libpq would otherwise take a password from ~/.pgpass or PGPASSWORD.
        qputenv("PGPASSWORD", m_login->password().toUtf8());
        const Status checked = CredentialCheck(m_database->url()).verify(m_login->name(), {});
        qunsetenv("PGPASSWORD");
        QVERIFY(!checked.ok());
        QCOMPARE(checked.failure().kind, Failure::Kind::InvalidInput);
        QCOMPARE(checked.failure().field, u"password"_s);
    }

    void anUnreachableServerSaysSo()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        const auto url
            = DatabaseUrl::parse(u"postgresql://127.0.0.1:%1/callouts"_s.arg(port)).value();
        const Status checked = CredentialCheck(url).verify(m_login->name(), u"anything"_s);
        QVERIFY(!checked.ok());
        QCOMPARE(checked.failure().kind, Failure::Kind::Unavailable);
        QVERIFY2(checked.failure().message.contains(u"Cannot reach"_s),
                 qPrintable(checked.failure().message));
        QVERIFY(!checked.failure().message.contains(u"not right"_s));
    }

    void runsOffTheCallingThread()
    {
        QFutureWatcher<Status> watcher;
        watcher.setFuture(
            CredentialCheck(m_database->url()).start(m_login->name(), m_login->password()));
        // The event loop of this thread keeps turning while the server answers.
        QTRY_VERIFY_WITH_TIMEOUT(watcher.isFinished(), 30000);
        QVERIFY(watcher.result().ok());
        QVERIFY(CredentialCheck::needsPassword(m_database->url()));
        QVERIFY(!CredentialCheck::needsPassword(DatabaseUrl::sqliteFile(u"/tmp/x.db"_s)));
    }

    void thePasswordIsNeverPrintedOrLogged()
    {
        const DatabaseUrl signedIn = m_login->url();
        QCOMPARE(signedIn.password(), m_login->password());
        QVERIFY(!signedIn.displayString().contains(m_login->password()));
        QVERIFY(signedIn.displayString().contains(m_login->name()));

        QLoggingCategory::setFilterRules(u"calloutdesk.*=true"_s);
        logged.clear();
        const QtMessageHandler previous = qInstallMessageHandler(keepMessage);
        const Status right
            = CredentialCheck(m_database->url()).verify(m_login->name(), m_login->password());
        const Status wrong
            = CredentialCheck(m_database->url()).verify(m_login->name(), u"wrong-pass-1"_s);
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(u"calloutdesk.*.debug=false"_s);
        QVERIFY(right.ok());
        QVERIFY(!wrong.ok());
        QVERIFY2(!logged.isEmpty(), "the database log was not on");
        for (const QString &line : std::as_const(logged)) {
            QVERIFY2(!line.contains(m_login->password()), qPrintable(line));
            QVERIFY2(!line.contains(u"wrong-pass-1"_s), qPrintable(line));
        }
        QVERIFY(!wrong.failure().message.contains(u"wrong-pass-1"_s));
    }
};

QTEST_GUILESS_MAIN(TestCredentialCheck)
#include "tst_credentialcheck.moc"
