// Done is not delivered (SPEC U11) and the export's place and word (U12, U5), through the
// real widgets, offscreen, on the lab of CalloutFixture on both engines: the order
// overview says when a done callout's message waits or failed; the callout dialog says
// which methods this desk cannot send; the status bar says what this desk sends; the
// export is offered in Documents and says where it went, whole, however narrow the bar.
#include "CalloutFixture.h"
#include "DeskProbe.h"
#include "EngineTestCase.h"
#include "TestDatabase.h"
#include "models/DeskSending.h"
#include "services/callout/CalloutEngine.h"
#include "services/callout/OrderCalloutService.h"
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseJob.h"
#include "services/db/DatabaseStartup.h"
#include "ui/CalloutDialog.h"
#include "ui/ExportNotice.h"
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;
using namespace calloutdesk::test;

namespace {
constexpr int timeout = 30000;
}

class TestDeskDelivery : public EngineTestCase
{
    Q_OBJECT

private:
    Desk &sam() { return desk(u"support:3"_s); }
    std::shared_ptr<ConnectionPool> pool() { return ConnectionPool::create(sam().db().login()); }
    // A done callout of report 2 (K 7.1 of RL-1) by email to City Hospital: one message
    // queued, not sent yet (no worker runs here).
    void doneByEmail()
    {
        const auto done
            = CalloutEngine(sam().db()).submit(sam().scope, CalloutFixture::doneRequest({2}));
        QVERIFY2(done.ok(), qPrintable(done ? QString() : done.failure().message));
        QCOMPARE(scalar(db(), u"SELECT COUNT(*) FROM notification_outbox"_s).toInt(), 1);
    }
    static QString statusOf(const OrderOverviewPage &page, const QString &test)
    {
        const auto *tree = page.findChild<QTreeWidget *>(u"overviewReports"_s);
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            if (tree->topLevelItem(i)->text(0).startsWith(test))
                return tree->topLevelItem(i)->text(4);
        return QString();
    }
    QString now() const
    {
        return isPostgres() ? u"now()"_s : u"strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"_s;
    }
    std::unique_ptr<MainWindow> openDesk(const QString &who) { return openDeskAs(database(), who); }

private slots:
    void initTestCase() { qRegisterMetaType<QFileDialog *>(); }

    void init()
    {
        EngineTestCase::init();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(CalloutFixture::seed(db()).ok());
        QSettings().clear();
        DeskSending::setCurrent(std::nullopt);
    }

    void cleanup()
    {
        DatabaseJob::pool()->waitForDone();
        EngineTestCase::cleanup();
    }

    void theOverviewSaysWhenADoneCalloutsMessageWaitsOrFailed()
    {
        doneByEmail();
        OrderOverviewPage page;
        page.setContext(pool(), sam().scope);
        page.show();
        page.showOrder(1, 2);
        QTRY_VERIFY_WITH_TIMEOUT(page.overview().has_value(), timeout);
        QCOMPARE(page.overview()->report(2)->status, CriticalStatus::CalloutDone);
        QVERIFY2(statusOf(page, u"Potassium"_s).startsWith(u"Done · Email waiting to be sent · "_s),
                 qPrintable(statusOf(page, u"Potassium"_s)));

        QVERIFY(exec(db(),
                     u"UPDATE notification_outbox SET state = 'failed', attempts = 1, "
                     "failure_class = 'permanent', last_error = '550 5.1.1 User unknown'"_s));
        page.reload();
        QTRY_VERIFY2_WITH_TIMEOUT(
            statusOf(page, u"Potassium"_s)
                .startsWith(u"Done · Email failed: 550 5.1.1 User unknown · "_s),
            qPrintable(statusOf(page, u"Potassium"_s)), timeout);

        // Sent at last: a plain Done again.
        QVERIFY(exec(db(),
                     u"UPDATE notification_outbox SET state = 'sent', failure_class = '', "
                     "last_error = '', sent_on = %1"_s.arg(now())));
        page.reload();
        QTRY_VERIFY2_WITH_TIMEOUT(statusOf(page, u"Potassium"_s).startsWith(u"Done · complete"_s),
                                  qPrintable(statusOf(page, u"Potassium"_s)), timeout);
    }

    void theCalloutDialogSaysWhichMethodsThisDeskCannotSend()
    {
        // The lab offers email, fax and SMS; this desk has mail settings only.
        DeskSending::setCurrent(DeskSending({CommunicationMethod::Email}, true));
        CalloutDialog dialog(OrderCalloutService(pool()), sam().scope, 1);
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.state() == CalloutDialog::State::Ready, timeout);
        auto *note = dialog.findChild<QLabel *>(u"methodsDeskNote"_s);
        QVERIFY(note && note->isVisible());
        QCOMPARE(note->text(),
                 u"This desk cannot send Fax or SMS: they wait for a desk that can."_s);
        QCOMPARE(
            dialog.findChild<QCheckBox *>(u"method_fax"_s)->toolTip(),
            u"This desk cannot send Fax (it has no Fax gateway): it waits for a desk that can."_s);
        QVERIFY(dialog.findChild<QCheckBox *>(u"method_email"_s)->toolTip().isEmpty());

        // A desk that sends all of them says nothing.
        DeskSending::setCurrent(DeskSending(CommunicationMethodInfo::all(), true));
        CalloutDialog sending(OrderCalloutService(pool()), sam().scope, 1);
        sending.show();
        QTRY_VERIFY_WITH_TIMEOUT(sending.state() == CalloutDialog::State::Ready, timeout);
        QVERIFY(!sending.findChild<QLabel *>(u"methodsDeskNote"_s)->isVisible());
    }

    void theStatusBarSaysWhatThisDeskSends()
    {
        if (!isPostgres())
            QSKIP("On SQLite every desk sends; tst_mainwindow shows the texts without a login.");
        // On PostgreSQL a department's login sends nothing, whatever its settings: only a
        // login that sees the whole lab claims messages.
        auto window = openDesk(u"labuser:1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        window->showNotificationChannels({u"email"_s}, {});
        auto *label = window->findChild<QLabel *>(u"notifyLabel"_s);
        QCOMPARE(label->text(),
                 u"This desk sends no messages: only a desk signed in with a "
                 "support login sends them"_s);
        QVERIFY(DeskSending::current()
                && !DeskSending::current()->sends(CommunicationMethod::Email));
        auto support = openDesk(u"support:3"_s);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*support), timeout);
        support->showNotificationChannels({u"email"_s}, {});
        QCOMPARE(support->findChild<QLabel *>(u"notifyLabel"_s)->text(),
                 u"This desk sends Email; other messages wait for another desk"_s);
    }

    void theExportIsOfferedInDocumentsAndSaysWhereItWent()
    {
        // A home without a Documents folder yet: the dialog must not fall back to the
        // working folder.
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QByteArray oldHome = qgetenv("HOME");
        const QByteArray oldConfig = qgetenv("XDG_CONFIG_HOME");
        qputenv("HOME", QFile::encodeName(home.path()));
        qunsetenv("XDG_CONFIG_HOME");
        const auto restore = qScopeGuard([&] {
            qputenv("HOME", oldHome);
            if (!oldConfig.isEmpty())
                qputenv("XDG_CONFIG_HOME", oldConfig);
        });
        const QString documents = home.filePath(u"Documents"_s);
        QVERIFY(!QFileInfo::exists(documents));

        auto window = openDesk(u"support:3"_s);
        QTRY_VERIFY_WITH_TIMEOUT(deskReady(*window), timeout);
        QSignalSpy opened(window.get(), &MainWindow::exportFileDialogOpened);
        QSignalSpy finished(window.get(), &MainWindow::exportFinished);
        window->findChild<QAction *>(u"actionExportCsv"_s)->trigger();
        QCOMPARE(opened.count(), 1);
        auto *dialog = opened.at(0).at(0).value<QFileDialog *>();
        QVERIFY(QFileInfo(documents).isDir());
        QCOMPARE(QDir(dialog->directory()).canonicalPath(), QDir(documents).canonicalPath());
        const QString name
            = u"worklist-callout_pending-%1.csv"_s.arg(QDate::currentDate().toString(Qt::ISODate));
        QCOMPARE(QFileInfo(dialog->selectedFiles().value(0)).fileName(), name);
        // Save, as the dialog's button does (QFileDialog::accept is protected).
        static_cast<QDialog *>(dialog)->accept();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, timeout);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        const QString path = QDir(documents).filePath(name);
        QVERIFY(QFileInfo::exists(path));

        // The whole path is said, even when there is no room for it in the bar: the
        // tooltip has it all, the text keeps the start and the file's name.
        auto *notice = window->findChild<ExportNotice *>(u"exportNotice"_s);
        const QString nativePath = QDir::toNativeSeparators(path);
        const QString full = u"Exported 5 row(s) to %1."_s.arg(nativePath);
        QCOMPARE(notice->fullText(), full);
        QCOMPARE(notice->toolTip(), full);
        ExportNotice narrow;
        narrow.showNotice(full, nativePath);
        narrow.resize(
            narrow.fontMetrics().horizontalAdvance(u"Exported 5 row(s) to …/"_s + name) + 40, 30);
        narrow.show();
        QTRY_VERIFY(narrow.text() != full);
        QVERIFY2(narrow.text().startsWith(u"Exported 5 row(s) to "_s), qPrintable(narrow.text()));
        QVERIFY2(narrow.text().endsWith(name + u'.'), qPrintable(narrow.text()));
        QVERIFY(narrow.text().contains(QChar(0x2026)));
        QVERIFY(narrow.fontMetrics().horizontalAdvance(narrow.text())
                <= narrow.contentsRect().width());
        narrow.resize(narrow.fontMetrics().horizontalAdvance(full) + 20, 30);
        QTRY_COMPARE(narrow.text(), full);
    }
};

QTEST_MAIN(TestDeskDelivery)
#include "tst_deskdelivery.moc"
