// SPEC C10 in the desk, on both engines: a bad contact typed for the other recipient is
// refused by the engine, the reason is shown beside the other contact's fields, nothing
// is written, and what the user typed stays for them to correct.
#include "CalloutFixture.h"
#include "EngineTestCase.h"
#include "services/callout/OrderCalloutService.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseJob.h"
#include "ui/CalloutDialog.h"
#include "ui/CriticalReportTree.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {

constexpr int timeout = 20000;

template <typename T> T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

} // namespace

class TestContactDialog : public EngineTestCase
{
    Q_OBJECT

private slots:
    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        const Status seeded = CalloutFixture::seed(db());
        QVERIFY2(seeded.ok(), qPrintable(seeded ? QString() : seeded.failure().message));
    }

    void cleanup()
    {
        // A load or submit still running holds a connection to the database about to go.
        DatabaseJob::pool()->waitForDone();
        EngineTestCase::cleanup();
    }

    void badOtherEmailIsShownBesideIt()
    {
        // Sam Support's desk: the dialog connects with his login and acts with his scope.
        Desk &sam = desk(u"support:3"_s);
        CalloutDialog dialog(OrderCalloutService(ConnectionPool::create(sam.db().login())), sam.scope, 1, {2});
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog.state() == CalloutDialog::State::Ready && !dialog.isHistoryLoading(), timeout);
        QVERIFY(dialog.findChild<CriticalReportTree *>()->checkedReportIds().contains(2));
        child<QCheckBox>(&dialog, u"method_email"_s)->click();
        child<QCheckBox>(&dialog, u"recipient_other"_s)->click();
        QTest::keyClicks(child<QLineEdit>(&dialog, u"otherName"_s), u"Nurse Kim"_s);
        QLineEdit *email = child<QLineEdit>(&dialog, u"otherEmail"_s);
        QTest::keyClicks(email, u"kim@ward.example, boss@ward.example"_s);
        QTest::keyClicks(child<QPlainTextEdit>(&dialog, u"commentEdit"_s), u"Told the ward"_s);

        const QByteArray before = databaseFingerprint(db());
        QSignalSpy saved(&dialog, &CalloutDialog::calloutSaved);
        child<QPushButton>(&dialog, u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.state(), CalloutDialog::State::Ready, timeout);
        const QLabel *problem = child<QLabel>(&dialog, u"otherProblem"_s);
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(u"email address"_s)
                     && problem->text().contains(u"more than one address"_s),
                 qPrintable(problem->text()));
        QCOMPARE(saved.count(), 0);
        QVERIFY(dialog.isVisible());
        QCOMPARE(databaseFingerprint(db()), before);
        QCOMPARE(email->text(), u"kim@ward.example, boss@ward.example"_s);

        // Corrected, with an international domain: saved, and queued in ASCII.
        email->clear();
        // QTest::keyClicks types ASCII only; insert() is what a paste does.
        email->insert(u"kim@bücher.example"_s);
        child<QPushButton>(&dialog, u"calloutDoneButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, timeout);
        QCOMPARE(scalar(db(), u"SELECT address FROM notification_outbox"_s).toString(),
                 u"kim@xn--bcher-kva.example"_s);
    }
};

QTEST_MAIN(TestContactDialog)
#include "tst_contactdialog.moc"
