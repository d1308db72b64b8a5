// Signing in at the desk's start (SPEC A1) through the real dialog, offscreen, against a
// real login of the private cluster: the login name is remembered and the password never
// is, a refusal is shown under the fields, and the dialog answers while the server is
// slow to.
#include "TestDatabase.h"
#include "TestLogin.h"
#include "services/db/DatabaseJob.h"
#include "ui/SignInDialog.h"
#include "ui/SignInForm.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

constexpr int timeout = 30000;

void type(SignInDialog &dialog, const QString &field, const QString &text)
{
    auto *edit = dialog.findChild<QLineEdit *>(field);
    edit->clear();
    QTest::keyClicks(edit, text);
}

} // namespace

class TestSignInDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<TestLogin> m_login;
    // The server as the desk's configuration names it: no login of its own.
    DatabaseUrl server() const { return m_database->url().withCredentials({}, {}); }

private slots:
    void init()
    {
        QSettings().clear();
        m_database = TestDatabase::create(u"postgresql"_s);
        QVERIFY(m_database);
        m_login = TestLogin::create(m_database->url(), u"carol"_s, u"Carols-Pass-9"_s);
        QVERIFY(m_login);
    }

    void cleanup()
    {
        DatabaseJob::pool()->waitForDone();
        m_login.reset();
        m_database.reset();
    }

    void aWrongPasswordIsShownAndTheRightOneSignsIn()
    {
        SignInDialog dialog(server());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        type(dialog, u"signInLogin"_s, m_login->name());
        type(dialog, u"signInPassword"_s, u"not-carols"_s);
        auto *ok = dialog.findChild<QPushButton *>(u"signInOk"_s);
        ok->click();
        // Busy while the server answers, on a worker thread.
        QVERIFY(dialog.form()->isChecking());
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>(u"signInBusy"_s)->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(dialog.form()->problem(),
                                  u"The password for %1 is not right."_s.arg(m_login->name()),
                                  timeout);
        QVERIFY(dialog.findChild<QLabel *>(u"signInProblem"_s)->isVisible());
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.signedIn());
        QVERIFY(ok->isEnabled());
        QVERIFY(dialog.findChild<QLineEdit *>(u"signInPassword"_s)->text().isEmpty());

        type(dialog, u"signInPassword"_s, m_login->password());
        QTest::keyClick(dialog.findChild<QLineEdit *>(u"signInPassword"_s), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), timeout);
        QVERIFY(dialog.signedIn());
        QCOMPARE(dialog.signedIn()->userName(), m_login->name());
        QCOMPARE(dialog.signedIn()->password(), m_login->password());
        QCOMPARE(dialog.signedIn()->databaseName(), m_database->url().databaseName());
    }

    void theLoginIsRememberedAndThePasswordIsNot()
    {
        {
            SignInDialog dialog(server());
            dialog.show();
            type(dialog, u"signInLogin"_s, m_login->name());
            type(dialog, u"signInPassword"_s, m_login->password());
            dialog.findChild<QPushButton *>(u"signInOk"_s)->click();
            QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), timeout);
        }
        QSettings settings;
        settings.sync();
        QCOMPARE(settings.value(u"signin/last_login"_s).toString(), m_login->name());
        QFile file(settings.fileName());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
        const QByteArray contents = file.readAll();
        QVERIFY(contents.contains(m_login->name().toUtf8()));
        QVERIFY2(!contents.contains(m_login->password().toUtf8()), contents.constData());

        // The next start offers the name and asks only for the password.
        SignInDialog next(server());
        next.show();
        QCOMPARE(next.form()->login(), m_login->name());
        QVERIFY(next.findChild<QLineEdit *>(u"signInPassword"_s)->text().isEmpty());
        QTRY_VERIFY(next.findChild<QLineEdit *>(u"signInPassword"_s)->hasFocus());
    }

    void theDialogAnswersWhileTheServerIsSlow()
    {
        // A server that takes the connection and never answers it.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const auto url = DatabaseUrl::parse(
            u"postgresql://127.0.0.1:%1/callouts?connect_timeout=3"_s.arg(silent.serverPort()));
        QVERIFY(url.ok());
        SignInDialog dialog(url.value());
        dialog.show();
        type(dialog, u"signInLogin"_s, m_login->name());
        type(dialog, u"signInPassword"_s, m_login->password());
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        ticker.start(50);
        dialog.findChild<QPushButton *>(u"signInOk"_s)->click();
        QVERIFY(dialog.form()->isChecking());
        // The UI thread keeps turning while the server is silent.
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= 10, 2000);
        QVERIFY(dialog.form()->isChecking());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.form()->problem().isEmpty(), timeout);
        QVERIFY2(dialog.form()->problem().contains(u"did not answer in time"_s),
                 qPrintable(dialog.form()->problem()));
        QVERIFY(!dialog.form()->problem().contains(u"not right"_s));

        dialog.findChild<QPushButton *>(u"signInCancel"_s)->click();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.signedIn());
        QVERIFY(!QSettings().contains(u"signin/last_login"_s));
    }
};

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
