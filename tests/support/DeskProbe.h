#pragma once

// Looks into a running MainWindow the way the GUI tests and the desk benchmark need to:
// opening a person's desk, the model behind a worklist tab, whether every tab has its
// answer, opening an order from a tab, answering Approve's password prompt. Header-only,
// so the support library itself needs no widgets.
#include "TestDatabase.h"
#include "models/CriticalStatus.h"
#include "models/WorklistModel.h"
#include "ui/CalloutButton.h"
#include "ui/CalloutDialog.h"
#include "ui/CriticalReportTree.h"
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"
#include "ui/PasswordPrompt.h"
#include "ui/ReportSignoffView.h"
#include "ui/SignInForm.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

namespace calloutdesk::test {

// The desk of the person `who` signs in (SPEC A1), shown at a size every surface fits.
inline std::unique_ptr<MainWindow> openDeskAs(TestDatabase &database, const QString &who)
{
    auto startup = database.deskStartup(who);
    if (!startup)
        qFatal("%s", qPrintable(startup.failure().message));
    auto window = std::make_unique<MainWindow>(startup.value(), QString());
    window->resize(1200, 760);
    window->show();
    return window;
}

// On PostgreSQL, Approve asks for the password again (SPEC A4): the person's login's,
// which the cluster checks; tst_desklock proves a wrong one is refused.
inline void confirmPasswords(ReportSignoffView *view)
{
    using namespace Qt::Literals::StringLiterals;
    QObject::connect(view, &ReportSignoffView::passwordPromptOpened, view,
                     [](PasswordPrompt *prompt) {
                         prompt->findChild<QLineEdit *>(u"signInPassword"_s)
                             ->setText(QString::fromLatin1(TestDatabase::personPassword));
                         prompt->findChild<QPushButton *>(u"signInOk"_s)->click();
                     });
}

// Types a password into a sign-in form (the lock screen's, a prompt's) as a person does.
inline void typePassword(SignInForm *form, const QString &password)
{
    using namespace Qt::Literals::StringLiterals;
    auto *field = form->findChild<QLineEdit *>(u"signInPassword"_s);
    field->clear();
    QTest::keyClicks(field, password);
}

inline WorklistModel *worklistModel(MainWindow &window, CriticalStatus tab)
{
    using namespace Qt::Literals::StringLiterals;
    auto *view = window.findChild<QTableView *>(u"worklist_"_s + CriticalStatusInfo::key(tab));
    return view ? qobject_cast<WorklistModel *>(view->model()) : nullptr;
}

// Every tab has a model and none is waiting for a page.
inline bool worklistSettled(MainWindow &window)
{
    for (const CriticalStatus tab : {CriticalStatus::CalloutPending, CriticalStatus::CalloutAttempted,
                                     CriticalStatus::CalloutDone}) {
        WorklistModel *model = worklistModel(window, tab);
        if (!model || model->isLoading())
            return false;
    }
    return true;
}

// The desk has a person signed in and every tab has its answer.
inline bool deskReady(MainWindow &window)
{
    return window.state() == MainWindow::State::Ready && worklistSettled(window);
}

inline int rowOf(WorklistModel *model, qint64 reportId)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->rowAt(row).reportId == reportId)
            return row;
    return -1;
}

// Opens an order from a tab the way a user does: its row, then Enter.
inline OrderOverviewPage *openFromTab(MainWindow &window, CriticalStatus tab, qint64 reportId)
{
    using namespace Qt::Literals::StringLiterals;
    auto *view = window.findChild<QTableView *>(u"worklist_"_s + CriticalStatusInfo::key(tab));
    WorklistModel *model = worklistModel(window, tab);
    const int row = rowOf(model, reportId);
    if (row < 0)
        return nullptr;
    window.findChild<QTabWidget *>(u"worklistTabs"_s)->setCurrentWidget(view->parentWidget());
    view->setFocus();
    view->setCurrentIndex(model->index(row, 0));
    QTest::keyClick(view, Qt::Key_Return);
    return window.findChild<OrderOverviewPage *>(u"orderOverview"_s);
}

// The callout dialog's form can be used: its records and its history are shown.
inline bool dialogLoaded(const CalloutDialog *dialog)
{
    return dialog && dialog->state() == CalloutDialog::State::Ready && !dialog->isHistoryLoading();
}

// The callout dialog the order overview's callout button opens.
inline QPointer<CalloutDialog> clickCalloutButton(MainWindow &window)
{
    using namespace Qt::Literals::StringLiterals;
    auto *button = window.findChild<CalloutButton *>(u"overviewCalloutButton"_s);
    if (!button || !button->isVisible())
        return nullptr;
    QSignalSpy opened(button, &CalloutButton::dialogOpened);
    button->click();
    if (opened.count() != 1)
        return nullptr;
    return opened.at(0).at(0).value<CalloutDialog *>();
}

// The callout dialog of CalloutFixture's order 1, opened from the Pending tab's report 2,
// filled for a done callout of its potassium by email to the organisation; null if any step
// did not come within timeoutMs.
inline QPointer<CalloutDialog> openFilledCalloutDialog(MainWindow &window, int timeoutMs)
{
    using namespace Qt::Literals::StringLiterals;
    OrderOverviewPage *overview = openFromTab(window, CriticalStatus::CalloutPending, 2);
    if (!overview
        || !QTest::qWaitFor([&] { return overview->overview().has_value(); }, timeoutMs)) {
        qWarning("openFilledCalloutDialog: the order's overview did not load");
        return nullptr;
    }
    auto *button = window.findChild<CalloutButton *>(u"overviewCalloutButton"_s);
    if (!button || !QTest::qWaitFor([&] { return button->isVisible(); }, timeoutMs)) {
        qWarning("openFilledCalloutDialog: no callout button");
        return nullptr;
    }
    QPointer<CalloutDialog> dialog = clickCalloutButton(window);
    if (!QTest::qWaitFor([&] { return dialogLoaded(dialog); }, timeoutMs)) {
        qWarning("openFilledCalloutDialog: the dialog did not load");
        return nullptr;
    }
    dialog->findChild<CriticalReportTree *>(u"reportTree"_s)->setCheckedReportIds({2});
    dialog->findChild<QCheckBox *>(u"method_email"_s)->setChecked(true);
    dialog->findChild<QCheckBox *>(u"recipient_organization"_s)->setChecked(true);
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"commentEdit"_s),
                     u"Told the ward by phone"_s);
    return dialog;
}

} // namespace calloutdesk::test
