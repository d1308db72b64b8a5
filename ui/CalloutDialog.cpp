#include "CalloutDialog.h"

#include "CalloutHistoryList.h"
#include "CriticalReportTree.h"
#include "MethodChooser.h"
#include "PhoneCallList.h"
#include "ProblemBanner.h"
#include "ProblemLabel.h"
#include "RecipientChooser.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QUuid>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QPushButton *button(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *result = new QPushButton(text, parent);
    result->setObjectName(objectName);
    // Enter in a field must not write a callout by accident: every action is a choice.
    result->setAutoDefault(false);
    result->setDefault(false);
    return result;
}

QWidget *labelled(const QString &text, QWidget *buddy, QWidget *below, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(text, box);
    label->setBuddy(buddy);
    layout->addWidget(label);
    layout->addWidget(buddy, 1);
    if (below)
        layout->addWidget(below);
    return box;
}

} // namespace

CalloutDialog::CalloutDialog(OrderCalloutService service, SessionScope scope, qint64 billId,
                             QList<qint64> preselectedReportIds, QWidget *parent)
    : QDialog(parent)
    , m_service(std::move(service))
    , m_scope(std::move(scope))
    , m_billId(billId)
    , m_preselected(std::move(preselectedReportIds))
    , m_orderLabel(new QLabel(this))
    , m_banner(new ProblemBanner(this))
    , m_pages(new QStackedWidget(this))
{
    setObjectName(u"calloutDialog"_s);
    setWindowTitle(tr("Critical callout"));
    setSizeGripEnabled(true);
    resize(1040, 760);

    m_orderLabel->setObjectName(u"orderLabel"_s);
    m_orderLabel->setTextFormat(Qt::PlainText);
    QFont headline = m_orderLabel->font();
    headline.setBold(true);
    m_orderLabel->setFont(headline);

    m_loadingLabel = new QLabel(tr("Loading order %1…").arg(billId), m_pages);
    m_loadingLabel->setObjectName(u"loadingLabel"_s);
    m_loadingLabel->setAlignment(Qt::AlignCenter);
    m_pages->addWidget(m_loadingLabel);

    auto *failed = new QWidget(m_pages);
    m_failedPage = failed;
    m_loadProblem = new ProblemLabel(u"loadProblem"_s, failed);
    m_loadProblem->setAlignment(Qt::AlignCenter);
    m_retry = button(tr("&Try again"), u"retryButton"_s, failed);
    auto *failedLayout = new QVBoxLayout(failed);
    failedLayout->addStretch(1);
    failedLayout->addWidget(m_loadProblem);
    failedLayout->addWidget(m_retry, 0, Qt::AlignHCenter);
    failedLayout->addStretch(1);
    m_pages->addWidget(failed);

    m_content = buildContent();
    m_pages->addWidget(m_content);

    m_saveAttempt = button(tr("Save &attempt"), u"saveAttemptButton"_s, this);
    m_saveAttempt->setToolTip(tr("Record that you tried to reach someone; the callout stays "
                                 "open and this form is saved for next time."));
    m_calloutDone = button(tr("Callout &done"), u"calloutDoneButton"_s, this);
    m_calloutDone->setToolTip(tr("Record that the result was communicated; the ticked "
                                 "reports are marked done."));
    m_cancel = button(tr("Cancel"), u"cancelButton"_s, this);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_saveAttempt);
    buttons->addWidget(m_calloutDone);
    buttons->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_orderLabel);
    layout->addWidget(m_banner);
    layout->addWidget(m_pages, 1);
    layout->addLayout(buttons);

    connect(m_saveAttempt, &QPushButton::clicked, this,
            [this] { submit(CalloutRequest::Kind::Attempt); });
    connect(m_calloutDone, &QPushButton::clicked, this,
            [this] { submit(CalloutRequest::Kind::Done); });
    connect(m_cancel, &QPushButton::clicked, this, &CalloutDialog::reject);
    connect(m_retry, &QPushButton::clicked, this, &CalloutDialog::reload);
    connect(m_banner, &ProblemBanner::reloadRequested, this, &CalloutDialog::reload);
    connect(&m_recordsWatcher, &QFutureWatcherBase::finished, this,
            [this] { showRecords(m_recordsWatcher.result()); });
    connect(&m_historyWatcher, &QFutureWatcherBase::finished, this,
            [this] { showHistory(m_historyWatcher.result()); });
    connect(&m_submitWatcher, &QFutureWatcherBase::finished, this,
            [this] { showOutcome(m_submitWatcher.result()); });

    load();
}

CalloutDialog::~CalloutDialog() = default;

QWidget *CalloutDialog::buildContent()
{
    auto *content = new QWidget(m_pages);
    m_reports = new CriticalReportTree(content);
    m_reportsProblem = new ProblemLabel(u"reportsProblem"_s, content);
    m_history = new CalloutHistoryList(content);
    m_methods = new MethodChooser(content);
    m_recipients = new RecipientChooser(content);
    m_phoneCalls = new PhoneCallList(content);
    m_commentLabel = new QLabel(content);
    m_commentLabel->setObjectName(u"commentLabel"_s);
    m_comment = new QPlainTextEdit(content);
    m_comment->setObjectName(u"commentEdit"_s);
    m_comment->setAccessibleName(tr("Comment"));
    m_comment->setTabChangesFocus(true);
    m_comment->setMaximumHeight(m_comment->fontMetrics().lineSpacing() * 5);
    m_commentLabel->setBuddy(m_comment);
    m_commentProblem = new ProblemLabel(u"commentProblem"_s, content);

    auto *splitter = new QSplitter(Qt::Horizontal, content);
    splitter->setObjectName(u"recordsSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(labelled(tr("Cr&itical reports — tick those this callout is for:"),
                                 m_reports, m_reportsProblem, splitter));
    splitter->addWidget(labelled(tr("Histor&y (newest first):"), m_history, nullptr, splitter));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_methods);
    layout->addWidget(m_recipients);
    layout->addWidget(m_phoneCalls);
    layout->addWidget(m_commentLabel);
    layout->addWidget(m_comment);
    layout->addWidget(m_commentProblem);
    return content;
}

void CalloutDialog::reload()
{
    if (m_state == State::Submitting)
        return;
    // Only input the user could have made is carried: before the first load there is none,
    // and the saved attempt is restored as on opening.
    if (m_loadedOnce && m_state == State::Ready)
        m_keep = entered();
    load();
}

void CalloutDialog::reject()
{
    if (m_state == State::Submitting)
        return;
    QDialog::reject();
}

void CalloutDialog::load()
{
    m_banner->dismiss();
    dismissProblems();
    m_pages->setCurrentWidget(m_loadingLabel);
    setState(State::Loading);
    // Both start now and run side by side (SPEC U2): the history needs only the order id.
    m_history->showLoading();
    m_historyLoading = true;
    m_recordsWatcher.setFuture(m_service.records(m_scope, m_billId));
    m_historyWatcher.setFuture(m_service.history(m_scope, m_billId));
}

void CalloutDialog::showRecords(const Result<BillRecords> &records)
{
    if (!records) {
        m_loadProblem->say(tr("The order could not be opened. %1").arg(records.failure().message));
        m_pages->setCurrentWidget(m_failedPage);
        setState(State::LoadFailed);
        return;
    }
    const BillRecords &loaded = records.value();
    m_orderLabel->setText(tr("Order %1 · %2").arg(loaded.bill.labBillId, loaded.bill.patient.name));
    setWindowTitle(tr("Critical callout — order %1").arg(loaded.bill.labBillId));
    m_reports->setReports(loaded.reports);
    m_methods->setSettings(loaded.settings);
    m_recipients->setParties(loaded.bill);
    const bool required = loaded.settings.mandatoryComment();
    m_commentLabel->setText(required ? tr("&Comment (required by this lab):") : tr("&Comment:"));
    m_comment->setAccessibleDescription(required ? tr("Required by this lab") : QString());

    if (m_keep) {
        applyEntered(*m_keep);
        m_keep.reset();
    } else if (!m_loadedOnce) {
        applyEntered(fromDraft(loaded));
    }
    m_loadedOnce = true;
    if (loaded.reports.isEmpty())
        m_reportsProblem->say(tr("This order has no critical report you may call out."));

    updateTabOrder();
    m_pages->setCurrentWidget(m_content);
    setState(State::Ready);
    m_reports->setFocus();
}

void CalloutDialog::showHistory(const Result<QList<HistoryEntry>> &history)
{
    m_historyLoading = false;
    if (history)
        m_history->setEntries(history.value());
    else
        m_history->showProblem(history.failure().message);
}

CalloutDialog::Entered CalloutDialog::entered() const
{
    Entered now;
    now.reportIds = m_reports->checkedReportIds();
    now.methods = m_methods->chosen();
    now.recipients = m_recipients->chosen();
    now.other = m_recipients->other();
    now.phoneCalls = m_phoneCalls->calls();
    now.comment = m_comment->toPlainText();
    return now;
}

void CalloutDialog::applyEntered(const Entered &entered)
{
    m_reports->setCheckedReportIds(entered.reportIds);
    m_methods->choose(entered.methods);
    m_recipients->choose(entered.recipients);
    m_recipients->setOther(entered.other);
    m_phoneCalls->setCalls(entered.phoneCalls);
    if (m_comment->toPlainText() != entered.comment)
        m_comment->setPlainText(entered.comment);
}

CalloutDialog::Entered CalloutDialog::fromDraft(const BillRecords &records) const
{
    Entered restored;
    restored.reportIds = m_preselected;
    if (!records.draft)
        return restored;
    // SPEC R2: the draft names its reports by test id (callout_for), its methods and
    // recipients by their labels.
    const DraftCallout &draft = *records.draft;
    for (const CriticalReport &report : records.reports) {
        if (draft.calloutFor.contains(report.testId)
            && !restored.reportIds.contains(report.reportId))
            restored.reportIds << report.reportId;
    }
    for (const CommunicationMethod method : CommunicationMethodInfo::all()) {
        if (draft.communicationMethods.contains(CommunicationMethodInfo::label(method)))
            restored.methods << method;
    }
    for (const RecipientKind kind : RecipientKindInfo::all()) {
        if (draft.recipients.contains(RecipientKindInfo::label(kind)))
            restored.recipients << kind;
    }
    restored.other = draft.other;
    restored.phoneCalls = draft.phoneCalls;
    restored.comment = draft.comment;
    return restored;
}

CalloutRequest CalloutDialog::request(CalloutRequest::Kind kind) const
{
    CalloutRequest request;
    request.billId = m_billId;
    request.kind = kind;
    request.reportIds = m_reports->checkedReportIds();
    request.methods = m_methods->chosen();
    request.recipients = m_recipients->chosen();
    if (request.recipients.contains(RecipientKind::Other))
        request.other = m_recipients->other();
    request.phoneCalls = m_phoneCalls->calls();
    request.comment = m_comment->toPlainText();
    // SPEC C6: every status the dialog shows, so a change by another desk is noticed.
    request.expectedStatuses = m_reports->shownStatuses();
    // The reports are ticked by hand here: Done ones ticked again are a further
    // communication on purpose, not a repeated submission (that is what the id is for).
    request.furtherCommunication = true;
    return request;
}

void CalloutDialog::submit(CalloutRequest::Kind kind)
{
    if (m_state != State::Ready)
        return;
    m_banner->dismiss();
    dismissProblems();
    setState(State::Submitting);
    // SPEC C9: one id per press. A press whose outcome stayed unknown (the connection was
    // lost and the database could not be asked) keeps its id, so pressing again can only
    // find the first record, never make a second one.
    if (m_requestId.isEmpty())
        m_requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    CalloutRequest submitted = request(kind);
    submitted.requestId = m_requestId;
    m_submitWatcher.setFuture(m_service.submit(m_scope, submitted));
}

void CalloutDialog::showOutcome(const Result<CalloutOutcome> &outcome)
{
    setState(State::Ready);
    if (!outcome) {
        if (outcome.failure().kind != Failure::Kind::Unavailable)
            m_requestId.clear();
        showRefusal(outcome.failure());
        return;
    }
    m_requestId.clear();
    emit calloutSaved(outcome.value());
    accept();
}

void CalloutDialog::showRefusal(const Failure &failure)
{
    if (failure.kind == Failure::Kind::Conflict) {
        m_banner->say(failure.message, true);
        return;
    }
    if (failure.kind == Failure::Kind::InvalidInput) {
        using Field = CalloutRequest::Field;
        const QList<QWidget *> recipientChain = m_recipients->focusChain();
        const std::pair<Field, std::pair<ProblemLabel *, QWidget *>> places[]{
            {Field::Reports, {m_reportsProblem, m_reports}},
            {Field::Methods, {m_methods->problem(), m_methods->focusChain().value(0)}},
            {Field::Recipients, {m_recipients->problem(), recipientChain.value(0)}},
            {Field::Other, {m_recipients->otherProblem(), m_recipients->otherNameEdit()}},
            {Field::PhoneCalls, {m_phoneCalls->problem(), m_phoneCalls->problemFocus()}},
            {Field::Comment, {m_commentProblem, m_comment}},
        };
        for (const auto &[field, place] : places) {
            if (failure.field == CalloutRequest::fieldKey(field)) {
                place.first->say(failure.message);
                // Keyboard users land where the fix is.
                if (place.second && place.second->isEnabled())
                    place.second->setFocus();
                return;
            }
        }
    }
    m_banner->say(failure.message, false);
}

void CalloutDialog::dismissProblems()
{
    for (ProblemLabel *label :
         {m_reportsProblem, m_methods->problem(), m_recipients->problem(),
          m_recipients->otherProblem(), m_phoneCalls->problem(), m_commentProblem}) {
        label->dismiss();
    }
}

void CalloutDialog::updateTabOrder()
{
    // The check boxes are rebuilt on every load, so the chain is set after each one:
    // banner, reports, history, methods, recipients, phone calls, comment, buttons.
    QList<QWidget *> chain{m_banner->findChild<QPushButton *>(), m_reports, m_history};
    chain << m_methods->focusChain() << m_recipients->focusChain() << m_phoneCalls->focusChain();
    chain << m_comment << m_saveAttempt << m_calloutDone << m_cancel;
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

void CalloutDialog::setState(State state)
{
    const bool ready = state == State::Ready;
    m_saveAttempt->setEnabled(ready);
    m_calloutDone->setEnabled(ready);
    m_cancel->setEnabled(state != State::Submitting);
    m_retry->setEnabled(state == State::LoadFailed);
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace calloutdesk
