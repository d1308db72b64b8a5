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
#include "ui/MainWindow.h"
#include "ui/OrderOverviewPage.h"
#include "ui/PasswordPrompt.h"
#include "ui/ReportSignoffView.h"
#include "ui/SignInForm.h"

#include <QLineEdit>
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

} // namespace calloutdesk::test
