#include "ReportSignoffView.h"

#include "CalloutDialog.h"
#include "PasswordPrompt.h"
#include "models/AlwaysNotifyRule.h"
#include "services/callout/OrderCalloutService.h"
#include "services/callout/OrderOverviewReader.h"
#include "services/db/ConnectionPool.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

ReportSignoffView::ReportSignoffView(ReportSignoff::Action action,
                                     std::shared_ptr<ConnectionPool> database, SessionScope scope, qint64 billId, qint64 reportId,
                                     QWidget *parent)
    : QDialog(parent)
    , m_action(action)
    , m_database(std::move(database))
    , m_scope(std::move(scope))
    , m_billId(billId)
    , m_reportId(reportId)
{
    const bool sign = action == ReportSignoff::Action::Sign;
    setObjectName(sign ? u"reportEntryView"_s : u"doctorApprovalView"_s);
    setWindowTitle(sign ? tr("Report entry") : tr("Doctor approval"));
    resize(640, 420);
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(u"signoffTitle"_s);
    QFont font = m_title->font();
    font.setBold(true);
    m_title->setFont(font);
    layout->addWidget(m_title);

    m_values = new QTreeWidget(this);
    m_values->setObjectName(u"signoffValues"_s);
    m_values->setAccessibleName(tr("Values of the report"));
    m_values->setRootIsDecorated(false);
    m_values->setHeaderLabels({tr("Parameter"), tr("Value"), tr("Unit"), tr("Reference range"),
                               tr("Flag")});
    m_values->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_values, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(u"signoffMessage"_s);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Status"));
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(this);
    m_actionButton = buttons->addButton(sign ? tr("Save && &Sign") : tr("&Approve"),
                                        QDialogButtonBox::AcceptRole);
    m_actionButton->setObjectName(u"signoffAction"_s);
    m_actionButton->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(u"signoffCancel"_s);
    layout->addWidget(buttons);
    // The action button must not close the dialog: it closes when the work is done.
    connect(m_actionButton, &QPushButton::clicked, this, &ReportSignoffView::act);
    connect(m_cancel, &QPushButton::clicked, this, &ReportSignoffView::reject);

    connect(&m_loadWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<OrderOverview> overview = m_loadWatcher.result();
        if (!overview) {
            showProblem(overview.failure().message);
            return;
        }
        showReport(overview.value());
        if (m_actAfterLoad)
            decide(overview.value());
    });
    connect(&m_performWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Status done = m_performWatcher.result();
        if (!done) {
            showProblem(done.failure().message);
            return;
        }
        m_message->setText(m_action == ReportSignoff::Action::Sign ? tr("The report is signed.")
                                                                  : tr("The report is approved."));
        m_message->setStyleSheet({});
        setState(State::Done);
        emit completed();
        accept();
    });
    load(false);
}

ReportSignoffView::~ReportSignoffView()
{
    m_loadWatcher.waitForFinished();
    m_performWatcher.waitForFinished();
}

QString ReportSignoffView::message() const
{
    return m_message->text();
}

QString ReportSignoffView::actionText() const
{
    return m_action == ReportSignoff::Action::Sign ? tr("signed") : tr("approved");
}

void ReportSignoffView::reject()
{
    // A signature on its way must be seen through, not abandoned.
    if (m_performWatcher.isRunning())
        return;
    QDialog::reject();
}

void ReportSignoffView::setServerOffline(const QString &reason)
{
    const bool wasOffline = !m_offlineReason.isEmpty();
    m_offlineReason = reason;
    // A signature already on its way is seen through by its own job.
    if (m_state == State::Working || m_state == State::Done)
        return;
    if (!reason.isEmpty()) {
        m_message->setText(reason);
        m_message->setStyleSheet({});
        setState(m_state);
    } else if (wasOffline) {
        load(false);
    }
}

void ReportSignoffView::load(bool thenAct)
{
    m_actAfterLoad = thenAct;
    setState(thenAct ? State::Working : State::Loading);
    if (!thenAct)
        m_message->setText(tr("Loading the report…"));
    m_loadWatcher.setFuture(m_database->run(
        ConnectionPool::Lane::Reads,
        [scope = m_scope, billId = m_billId](DatabaseConnection &connection) {
            return OrderOverviewReader(connection).read(scope, billId);
        }));
}

void ReportSignoffView::showReport(const OrderOverview &overview)
{
    const OrderOverview::Report *report = overview.report(m_reportId);
    if (!report) {
        showProblem(tr("Report %1 is not a report of this order that you may see.").arg(m_reportId));
        return;
    }
    m_title->setText(tr("%1 — order %2, %3 · %4")
                         .arg(report->testName, overview.bill.labBillId, overview.bill.patient.name,
                              CriticalStatusInfo::label(report->status)));
    m_values->clear();
    for (const OrderOverview::Value &value : report->values) {
        auto *item = new QTreeWidgetItem(m_values, {value.parameterName, value.value, value.unit,
                                                    value.referenceRange,
                                                    value.critical ? tr("Critical") : QString()});
        if (value.critical)
            for (int column = 0; column < 5; ++column)
                item->setForeground(column, QColor(0x8a, 0x1c, 0x1c));
    }
    if (m_actAfterLoad)
        return;
    m_requiresDone = overview.settings.gateRequiresDone();
    if (AlwaysNotifyRule::calloutRequired(overview.settings, *report) && m_requiresDone)
        m_message->setText(tr("This result is critical and your lab calls out every one: the "
                              "callout dialog opens first, and the report is %1 once a done "
                              "callout is saved (an attempt is not enough).")
                               .arg(actionText()));
    else if (AlwaysNotifyRule::calloutRequired(overview.settings, *report))
        m_message->setText(tr("This result is critical and your lab calls out every one: the "
                              "callout dialog opens first, and the report is %1 once a callout "
                              "is saved.")
                               .arg(actionText()));
    else
        m_message->setText({});
    if (!m_offlineReason.isEmpty())
        m_message->setText(m_offlineReason);
    m_message->setStyleSheet({});
    setState(State::Ready);
}

void ReportSignoffView::act()
{
    if ((m_state != State::Ready && m_state != State::Failed) || !m_offlineReason.isEmpty())
        return;
    // Decide on what the database says now, not on what this view loaded earlier.
    load(true);
}

void ReportSignoffView::decide(const OrderOverview &overview)
{
    const OrderOverview::Report *report = overview.report(m_reportId);
    if (!report)
        return; // showReport has said why
    if (AlwaysNotifyRule::calloutRequired(overview.settings, *report))
        openCallout();
    else
        perform();
}

void ReportSignoffView::openCallout()
{
    m_message->setText(
        m_requiresDone
            ? tr("Save a done callout for this result; the report is %1 after that.")
                  .arg(actionText())
            : tr("Save a callout for this result; the report is %1 after that.").arg(actionText()));
    auto *dialog = new CalloutDialog(OrderCalloutService(m_database), m_scope, m_billId,
                                     {m_reportId}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // What the dialog saved: any callout passes the seeds' gate; with gate_requires_done
    // (U13) only one that marked this report done.
    auto saved = std::make_shared<bool>(false);
    auto passed = std::make_shared<bool>(false);
    connect(dialog, &CalloutDialog::calloutSaved, this,
            [this, saved, passed](const CalloutOutcome &outcome) {
                *saved = true;
                const bool done
                    = std::any_of(outcome.transitions.cbegin(), outcome.transitions.cend(),
                                  [this](const CalloutOutcome::Transition &transition) {
                                      return transition.reportId == m_reportId
                                          && transition.to == CriticalStatus::CalloutDone;
                                  });
                *passed = *passed || done || !m_requiresDone;
            });
    connect(dialog, &QDialog::finished, this, [this, saved, passed] {
        if (*passed) {
            perform();
            return;
        }
        m_message->setText(
            *saved ? tr("Not %1: an attempt was saved, and your lab needs a done callout "
                        "before a critical report is %1.")
                         .arg(actionText())
                   : tr("Cancelled: no callout was saved, so the report was not %1.")
                         .arg(actionText()));
        m_message->setStyleSheet({});
        setState(State::Ready);
    });
    emit calloutDialogOpened(dialog);
    dialog->open();
}

void ReportSignoffView::perform()
{
    if (m_action == ReportSignoff::Action::Approve && PasswordPrompt::isNeeded(m_database->url()))
        confirmSignature();
    else
        write();
}

void ReportSignoffView::confirmSignature()
{
    setState(State::Working);
    m_message->setText(tr("Approving is your electronic signature: confirm it with your "
                          "password."));
    auto *prompt = new PasswordPrompt(
        m_database->url(),
        tr("Approving report %1 is your electronic signature, with the meaning \"approved\".")
            .arg(m_reportId),
        this);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    connect(prompt, &QDialog::accepted, this, &ReportSignoffView::write);
    connect(prompt, &QDialog::rejected, this, [this] {
        m_message->setText(tr("Not approved: your password was not confirmed."));
        m_message->setStyleSheet({});
        setState(State::Ready);
    });
    emit passwordPromptOpened(prompt);
    prompt->open();
}

void ReportSignoffView::write()
{
    setState(State::Working);
    m_message->setText(m_action == ReportSignoff::Action::Sign ? tr("Signing…") : tr("Approving…"));
    m_performWatcher.setFuture(m_database->run(
        ConnectionPool::Lane::Writes,
        [scope = m_scope, reportId = m_reportId, action = m_action](DatabaseConnection &connection) {
            return ReportSignoff(connection).perform(scope, reportId, action);
        }));
}

void ReportSignoffView::showProblem(const QString &message)
{
    m_message->setText(message);
    m_message->setStyleSheet(u"QLabel { background: #fde8e8; color: #8a1c1c; padding: 6px; "
                             "border: 1px solid #e5a0a0; border-radius: 4px; }"_s);
    setState(State::Failed);
    // The user may try again once the cause is fixed (and the server is back).
    m_actionButton->setEnabled(m_offlineReason.isEmpty());
}

void ReportSignoffView::setState(State state)
{
    m_state = state;
    m_actionButton->setEnabled(state == State::Ready && m_offlineReason.isEmpty());
    m_actionButton->setToolTip(m_offlineReason);
    emit stateChanged(state);
}

} // namespace calloutdesk
