#include "CalloutDialog.h"

#include "AttemptChooser.h"
#include "CalloutHistoryList.h"
#include "CriticalReportTree.h"
#include "EscalationOffer.h"
#include "MethodChooser.h"
#include "PartyNameBox.h"
#include "PhoneCallList.h"
#include "ProblemBanner.h"
#include "ProblemLabel.h"
#include "RecipientChooser.h"
#include "models/DeskTime.h"
#include "services/callout/CalloutEngine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
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
    , m_waitingLabel(new QLabel(this))
    , m_banner(new ProblemBanner(this))
    , m_pages(new QStackedWidget(this))
{
    setObjectName(u"calloutDialog"_s);
    setWindowTitle(tr("Critical callout"));
    setSizeGripEnabled(true);

    m_orderLabel->setObjectName(u"orderLabel"_s);
    m_orderLabel->setTextFormat(Qt::PlainText);
    QFont headline = m_orderLabel->font();
    headline.setBold(true);
    m_orderLabel->setFont(headline);
    m_waitingLabel->setObjectName(u"waitingLabel"_s);
    m_waitingLabel->setTextFormat(Qt::PlainText);
    m_waitingLabel->setWordWrap(true);
    m_waitingLabel->setFont(headline);
    m_waitingLabel->hide();

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

    // The body scrolls and the buttons below it do not: on a small screen every section
    // is reached by scrolling and the buttons stay in view (SPEC U8).
    m_body = new QScrollArea(m_pages);
    m_body->setObjectName(u"calloutBody"_s);
    m_body->setWidgetResizable(true);
    m_body->setFrameShape(QFrame::NoFrame);
    m_content = buildContent();
    m_body->setWidget(m_content);
    m_pages->addWidget(m_body);

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
    layout->addWidget(m_waitingLabel);
    layout->addWidget(m_orderLabel);
    layout->addWidget(m_banner);
    m_keptOfflineNote = new QLabel(this);
    m_keptOfflineNote->setObjectName(u"keptOfflineNote"_s);
    m_keptOfflineNote->setTextFormat(Qt::PlainText);
    m_keptOfflineNote->setWordWrap(true);
    m_keptOfflineNote->setFont(headline);
    m_keptOfflineNote->hide();
    layout->addWidget(m_keptOfflineNote);
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
    connect(m_reuse, &QPushButton::clicked, this, &CalloutDialog::reuseLastAttempt);
    connect(m_reports, &CriticalReportTree::checkedChanged, this, [this] {
        updateDoneButton();
        updateReadBackValues();
        recheckProblems();
    });
    // U10: a call that reached a party of the order reached a recipient.
    connect(m_phoneCalls, &PhoneCallList::partyChosen, this, [this](RecipientKind kind) {
        if (QCheckBox *box = m_recipients->checkBox(kind))
            box->setChecked(true);
    });
    connect(m_phoneCalls, &PhoneCallList::edited, this, &CalloutDialog::recheckProblems);
    connect(m_escalation, &EscalationOffer::contactChosen, this,
            &CalloutDialog::callEscalationContact);
    m_escalationTimer = new QTimer(this);
    m_escalationTimer->setSingleShot(true);
    connect(m_escalationTimer, &QTimer::timeout, this, &CalloutDialog::updateEscalation);
    connect(m_attempt, &AttemptChooser::edited, this, &CalloutDialog::recheckProblems);
    connect(m_comment, &QPlainTextEdit::textChanged, this, &CalloutDialog::recheckProblems);
    updateDoneButton();
    sizeToScreen();

    load();
}

void CalloutDialog::sizeToScreen()
{
    // As large as the design wants where there is room, never larger than the screen's
    // free area (a 1024×600 netbook, a laptop with a docked panel).
    const QScreen *screen
        = parentWidget() ? parentWidget()->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1040, 760);
    // The window frame takes some of the free area too.
    const QSize frame(16, 40);
    resize(std::min(1040, available.width() - frame.width()),
           std::min(760, available.height() - frame.height()));
    setMinimumSize(std::min(480, available.width()), std::min(320, available.height()));
}

void CalloutDialog::setWaitingAction(WaitingAction action, const QString &reportName)
{
    m_waitingLabel->setText(action == WaitingAction::Approval
                                ? tr("Approval of report %1 waits for this callout: it goes "
                                     "ahead once a callout is saved; Cancel cancels it.")
                                      .arg(reportName)
                                : tr("Signing of report %1 waits for this callout: it goes "
                                     "ahead once a callout is saved; Cancel cancels it.")
                                      .arg(reportName));
    m_waitingLabel->show();
}

CalloutDialog::~CalloutDialog() = default;

QWidget *CalloutDialog::buildContent()
{
    auto *content = new QWidget(m_body);
    m_reports = new CriticalReportTree(content);
    m_reportsProblem = new ProblemLabel(u"reportsProblem"_s, content);
    m_history = new CalloutHistoryList(content);
    m_methods = new MethodChooser(content);
    m_recipients = new RecipientChooser(content);
    m_phoneCalls = new PhoneCallList(content);
    m_escalation = new EscalationOffer(content);
    m_escalation->hide();
    m_attempt = new AttemptChooser(content);
    m_commentLabel = new QLabel(content);
    m_commentLabel->setObjectName(u"commentLabel"_s);
    m_comment = new QPlainTextEdit(content);
    m_comment->setObjectName(u"commentEdit"_s);
    m_comment->setAccessibleName(tr("Comment"));
    m_comment->setTabChangesFocus(true);
    m_comment->setMaximumHeight(m_comment->fontMetrics().lineSpacing() * 5);
    m_commentLabel->setBuddy(m_comment);
    m_commentProblem = new ProblemLabel(u"commentProblem"_s, content);

    // SPEC U9: the last attempt is a note to read, with a button to take its choices on
    // purpose; nothing of it is in the form by default.
    m_attemptNote = new QFrame(content);
    m_attemptNote->setObjectName(u"lastAttemptNote"_s);
    m_attemptNote->setFrameShape(QFrame::StyledPanel);
    m_attemptNoteText = new QLabel(m_attemptNote);
    m_attemptNoteText->setObjectName(u"lastAttemptText"_s);
    m_attemptNoteText->setTextFormat(Qt::PlainText);
    m_attemptNoteText->setWordWrap(true);
    m_attemptNoteText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reuse
        = button(tr("Reuse its recipients and comment"), u"reuseAttemptButton"_s, m_attemptNote);
    m_reuse->setToolTip(tr("Copy the last attempt's methods, recipients, other contact and "
                           "comment into this callout."));
    auto *noteLayout = new QHBoxLayout(m_attemptNote);
    noteLayout->addWidget(m_attemptNoteText, 1);
    noteLayout->addWidget(m_reuse, 0, Qt::AlignTop);
    m_attemptNote->hide();

    auto *splitter = new QSplitter(Qt::Horizontal, content);
    splitter->setObjectName(u"recordsSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(labelled(tr("Cr&itical reports — tick those this callout is for:"),
                                 m_reports, m_reportsProblem, splitter));
    splitter->addWidget(labelled(tr("Histor&y (newest first):"), m_history, nullptr, splitter));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    // Enough rows to read three reports with their values; the body scrolls for the rest.
    splitter->setMinimumHeight(m_reports->fontMetrics().lineSpacing() * 9);

    auto *layout = new QVBoxLayout(content);
    m_contentLayout = layout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_attemptNote);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_methods);
    layout->addWidget(m_recipients);
    layout->addWidget(m_phoneCalls);
    layout->addWidget(m_escalation); // moved to the top by updateEscalation()
    layout->addWidget(m_attempt);
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

bool CalloutDialog::hasChanges() const
{
    return m_state == State::Ready && entered() != m_shown;
}

void CalloutDialog::reject()
{
    if (m_state == State::Submitting)
        return;
    // Kept on this desk: nothing typed is lost by closing.
    if (m_state == State::KeptOffline) {
        QDialog::accept();
        return;
    }
    if (!hasChanges()) {
        QDialog::reject();
        return;
    }
    // Typed entries are not thrown away by a stray Esc (SPEC U8).
    auto *ask = new QMessageBox(QMessageBox::Question, tr("Discard this callout?"),
                                tr("You have ticked or typed entries that are not saved. "
                                   "Discard them and close?"),
                                QMessageBox::Discard | QMessageBox::Cancel, this);
    ask->setObjectName(u"discardQuestion"_s);
    ask->button(QMessageBox::Cancel)->setText(tr("Keep editing"));
    ask->setDefaultButton(QMessageBox::Cancel);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QMessageBox::finished, this, [this, ask] {
        if (ask->clickedButton() == ask->button(QMessageBox::Discard))
            QDialog::reject();
    });
    ask->open();
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
    m_records = loaded;
    m_reports->setReports(loaded.reports);
    m_methods->setSettings(loaded.settings);
    m_recipients->setParties(loaded.bill);
    m_phoneCalls->setParties(loaded.bill);
    m_attempt->setParties(loaded.bill);
    // Fields made for this order report their changes too, so a problem shown goes
    // away as soon as it is fixed.
    for (QCheckBox *box : m_content->findChildren<QCheckBox *>()) {
        connect(box, &QCheckBox::toggled, this, &CalloutDialog::recheckProblems,
                Qt::UniqueConnection);
    }
    for (QLineEdit *edit : m_content->findChildren<QLineEdit *>()) {
        connect(edit, &QLineEdit::textChanged, this, &CalloutDialog::recheckProblems,
                Qt::UniqueConnection);
    }
    const bool required = loaded.settings.mandatoryComment();
    m_commentLabel->setText(required ? tr("&Comment (required by this lab):") : tr("&Comment:"));
    m_comment->setAccessibleDescription(required ? tr("Required by this lab") : QString());

    showLastAttempt(loaded.draft);
    m_escalation->setContacts(loaded.escalationContacts);
    updateEscalation();
    if (m_keep) {
        applyEntered(*m_keep);
        m_keep.reset();
    } else if (!m_loadedOnce) {
        Entered initial;
        initial.reportIds = initialTicks(loaded);
        applyEntered(initial);
        m_shown = entered();
    }
    m_loadedOnce = true;
    if (loaded.reports.isEmpty())
        m_reportsProblem->say(tr("This order has no critical report you may call out."));

    updateReadBackValues();
    updateTabOrder();
    m_pages->setCurrentWidget(m_body);
    setState(State::Ready);
    m_reports->setFocus();
}

void CalloutDialog::updateReadBackValues()
{
    // SPEC T4: a value read back is compared with the critical values of the reports the
    // callout is about, as the engine will compare it.
    QList<CriticalParameter> values;
    if (m_records) {
        const QList<qint64> checked = m_reports->checkedReportIds();
        for (const CriticalReport &report : m_records->reports) {
            if (checked.contains(report.reportId))
                values << report.criticalParameters;
        }
    }
    m_phoneCalls->setCriticalValues(values);
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
    now.attempt = m_attempt->attempt();
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
    m_attempt->setAttempt(entered.attempt);
    if (m_comment->toPlainText() != entered.comment)
        m_comment->setPlainText(entered.comment);
}

QList<qint64> CalloutDialog::initialTicks(const BillRecords &records) const
{
    // SPEC U8: everything still waiting for a callout is what the user came for; the
    // report the dialog was opened from is added even when it is Done (a further call).
    QList<qint64> ticked;
    for (const CriticalReport &report : records.reports) {
        if (report.status == CriticalStatus::CalloutPending
            || report.status == CriticalStatus::CalloutAttempted
            || m_preselected.contains(report.reportId))
            ticked << report.reportId;
    }
    return ticked;
}

CalloutDialog::Entered CalloutDialog::fromDraft(const DraftCallout &draft) const
{
    // SPEC R2: the draft names its methods and recipients by their labels.
    Entered restored;
    for (const CommunicationMethod method : CommunicationMethodInfo::all()) {
        if (draft.communicationMethods.contains(CommunicationMethodInfo::label(method)))
            restored.methods << method;
    }
    for (const RecipientKind kind : RecipientKindInfo::all()) {
        if (draft.recipients.contains(RecipientKindInfo::label(kind)))
            restored.recipients << kind;
    }
    restored.other = draft.other;
    restored.comment = draft.comment;
    return restored;
}

void CalloutDialog::showLastAttempt(const std::optional<DraftCallout> &draft)
{
    m_lastAttempt = draft;
    m_attemptNote->setVisible(draft.has_value());
    if (!draft)
        return;
    QStringList lines;
    const QString by
        = draft->performedBy.isEmpty() ? QString() : tr(" by %1").arg(draft->performedBy);
    lines << tr("Last attempt, %1%2 — not done yet.").arg(DeskTime::shown(draft->createdOn), by);
    if (draft->attempt) {
        lines << tr("Tried %1: %2.")
                     .arg(draft->attempt->target.party ? PartyNameBox::partyText(
                              *draft->attempt->target.party, draft->attempt->target.name)
                                                       : draft->attempt->target.name,
                          AttemptOutcomeInfo::label(draft->attempt->outcome));
    }
    const Entered planned = fromDraft(*draft);
    QStringList recipients;
    for (const RecipientKind kind : planned.recipients)
        recipients << RecipientKindInfo::label(kind);
    if (!recipients.isEmpty())
        lines << tr("Recipients then: %1.").arg(recipients.join(u", "_s));
    if (!draft->comment.trimmed().isEmpty())
        lines << tr("Comment: %1").arg(draft->comment.trimmed());
    m_attemptNoteText->setText(lines.join(u'\n'));
    m_reuse->setEnabled(!planned.methods.isEmpty() || !planned.recipients.isEmpty()
                        || !planned.other.isEmpty() || !planned.comment.trimmed().isEmpty());
}

void CalloutDialog::reuseLastAttempt()
{
    if (!m_lastAttempt)
        return;
    const Entered reused = fromDraft(*m_lastAttempt);
    m_methods->choose(reused.methods);
    m_recipients->choose(reused.recipients);
    m_recipients->setOther(reused.other);
    m_comment->setPlainText(reused.comment);
}

void CalloutDialog::updateDoneButton()
{
    const qsizetype count = m_reports->checkedReportIds().size();
    if (count == 0)
        m_calloutDone->setText(tr("Callout &done"));
    else if (count == 1)
        m_calloutDone->setText(tr("Callout &done — 1 report"));
    else
        m_calloutDone->setText(tr("Callout &done — %1 reports").arg(count));
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
    if (kind == CalloutRequest::Kind::Attempt)
        request.attempt = m_attempt->attempt();
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
    // SPEC U8: every problem at once, before anything is sent.
    if (const QList<Failure> found = problems(kind); !found.isEmpty()) {
        m_refusedKind = kind;
        showProblems(found);
        return;
    }
    setState(State::Submitting);
    // SPEC C9: one id per press. A press whose outcome stayed unknown (the connection was
    // lost and the database could not be asked) keeps its id, so pressing again can only
    // find the first record, never make a second one.
    if (m_requestId.isEmpty())
        m_requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    CalloutRequest submitted = request(kind);
    submitted.requestId = m_requestId;
    m_submitWatcher.setFuture(
        m_service.submit(m_scope, submitted, m_records ? m_records->bill : BillParties()));
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
    if (outcome.value().keptOfflineAs != 0) {
        showKeptOffline();
        emit calloutKeptOffline(outcome.value().keptOfflineAs);
        return;
    }
    emit calloutSaved(outcome.value());
    accept();
}

void CalloutDialog::showKeptOffline()
{
    // The person must not believe the server has it, nor record it a second time.
    m_keptOfflineNote->setText(
        tr("Saved on this desk at %1, not on the server yet: the server cannot be reached. "
           "It will be sent by itself, with the time it was made, as soon as the server can "
           "be reached; you need not record it again.")
            .arg(DeskTime::shown(QDateTime::currentDateTime())));
    m_keptOfflineNote->show();
    m_content->setEnabled(false);
    m_cancel->setText(tr("Close"));
    setState(State::KeptOffline);
    m_cancel->setFocus();
}

QList<Failure> CalloutDialog::problems(CalloutRequest::Kind kind) const
{
    if (!m_records)
        return {};
    const CalloutRequest asked = request(kind);
    QList<Failure> found = CalloutEngine::problems(asked, *m_records);
    const QString attemptKey = CalloutRequest::fieldKey(CalloutRequest::Field::Attempt);
    const bool attemptRefused = std::any_of(
        found.cbegin(), found.cend(), [&](const Failure &f) { return f.field == attemptKey; });
    // U9: an attempt says how it went. The engine takes an attempt without one from
    // older scripts; a person at the desk is asked.
    if (kind == CalloutRequest::Kind::Attempt && !asked.attempt && !attemptRefused) {
        found << Failure::invalidInput(tr("Choose how the attempt went: no answer, busy, left a "
                                          "message or wrong number."))
                     .about(attemptKey);
    }
    return found;
}

QList<CalloutDialog::Place> CalloutDialog::places() const
{
    using Field = CalloutRequest::Field;
    // In the order the form shows them, top to bottom.
    return {
        {Field::Reports, m_reportsProblem, m_reports},
        {Field::Methods, m_methods->problem(), m_methods->focusChain().value(0)},
        {Field::Recipients, m_recipients->problem(), m_recipients->problemFocus()},
        {Field::Other, m_recipients->otherProblem(), m_recipients->otherNameEdit()},
        {Field::PhoneCalls, m_phoneCalls->problem(), m_phoneCalls->problemFocus()},
        {Field::Attempt, m_attempt->problem(),
         m_attempt->attempt() ? m_attempt->focusChain().value(0)
                              : m_attempt->focusChain().value(1)},
        {Field::Comment, m_commentProblem, m_comment},
    };
}

void CalloutDialog::showProblems(const QList<Failure> &problems)
{
    QWidget *first = nullptr;
    QStringList unplaced;
    for (const Failure &problem : problems) {
        bool placed = false;
        for (const Place &place : places()) {
            if (problem.field == CalloutRequest::fieldKey(place.field)) {
                place.label->say(problem.message);
                placed = true;
            }
        }
        if (!placed)
            unplaced << problem.message;
    }
    if (!unplaced.isEmpty())
        m_banner->say(unplaced.join(u'\n'), false);
    for (const Place &place : places()) {
        if (!place.label->isHidden() && place.focus && place.focus->isEnabled()) {
            first = place.focus;
            break;
        }
    }
    // Keyboard users land where the first fix is, and see it.
    if (first) {
        first->setFocus();
        m_body->ensureWidgetVisible(first);
    }
}

void CalloutDialog::recheckProblems()
{
    if (!m_refusedKind || m_state != State::Ready)
        return;
    const QList<Failure> now = problems(*m_refusedKind);
    for (const Place &place : places()) {
        if (place.label->isHidden())
            continue;
        const QString key = CalloutRequest::fieldKey(place.field);
        const auto still = std::find_if(now.cbegin(), now.cend(),
                                        [&key](const Failure &f) { return f.field == key; });
        if (still == now.cend())
            place.label->dismiss();
        else if (place.label->text() != still->message)
            place.label->say(still->message);
    }
}

void CalloutDialog::showRefusal(const Failure &failure)
{
    if (failure.kind == Failure::Kind::Conflict) {
        m_banner->say(failure.message, true);
        return;
    }
    if (failure.kind == Failure::Kind::InvalidInput && !failure.field.isEmpty()) {
        showProblems({failure});
        return;
    }
    m_banner->say(failure.message, false);
}

void CalloutDialog::noteOrderChanged()
{
    if (m_state != State::Ready && m_state != State::LoadFailed)
        return;
    m_banner->say(tr("This order was changed elsewhere since it was shown here. Reload to see "
                     "it as it is now; what you ticked and typed is kept."),
                  true);
}

void CalloutDialog::dismissProblems()
{
    m_refusedKind.reset();
    for (const Place &place : places())
        place.label->dismiss();
}

void CalloutDialog::updateTabOrder()
{
    // The check boxes are rebuilt on every load, so the chain is set after each one:
    // banner, reports, history, methods, recipients, phone calls, comment, buttons; the
    // escalation contacts where they are shown.
    const bool escalationFirst = offersEscalationFirst();
    QList<QWidget *> chain{m_banner->findChild<QPushButton *>(), m_reuse};
    if (escalationFirst)
        chain << m_escalation->focusChain();
    chain << m_reports << m_history;
    chain << m_methods->focusChain() << m_recipients->focusChain() << m_phoneCalls->focusChain();
    if (!escalationFirst)
        chain << m_escalation->focusChain();
    chain << m_attempt->focusChain();
    chain << m_comment << m_saveAttempt << m_calloutDone << m_cancel;
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

void CalloutDialog::setCalloutClock(const CalloutClock &clock)
{
    m_clock = clock;
    if (m_records) {
        updateEscalation();
        updateTabOrder();
    }
}

bool CalloutDialog::offersEscalationFirst() const
{
    return m_escalation->isUrgent() && !m_escalation->contacts().isEmpty();
}

void CalloutDialog::updateEscalation()
{
    m_escalationTimer->stop();
    if (!m_records)
        return;
    // The report that has waited longest decides: any one past the warning time is reason
    // enough to escalate the order.
    const CriticalReport *oldest = nullptr;
    for (const CriticalReport &report : m_records->reports) {
        const bool waiting = report.status == CriticalStatus::CalloutPending
            || report.status == CriticalStatus::CalloutAttempted;
        if (waiting && report.resultOn.isValid() && (!oldest || report.resultOn < oldest->resultOn))
            oldest = &report;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool urgent
        = oldest && m_clock.urgencyAt(oldest->resultOn, now) != CalloutClock::Urgency::Normal;
    m_escalation->setUrgent(
        urgent,
        urgent ? tr("%1 has waited since %2, past the lab's warning time of %3 min: "
                    "%4.")
                     .arg(oldest->testName, DeskTime::shown(oldest->resultOn))
                     .arg(m_clock.warningMinutes())
                     .arg(m_clock.text(oldest->resultOn, now))
               : QString());
    m_contentLayout->removeWidget(m_escalation);
    m_contentLayout->insertWidget(urgent ? 0 : m_contentLayout->indexOf(m_phoneCalls) + 1,
                                  m_escalation);
    if (oldest && !urgent && !m_escalation->contacts().isEmpty()) {
        // The dialog may stay open past the warning time.
        const qint64 wait = now.msecsTo(m_clock.warningAt(oldest->resultOn)) + 500;
        m_escalationTimer->start(int(std::clamp<qint64>(wait, 0, 3'600'000)));
    }
}

void CalloutDialog::callEscalationContact(const EscalationContact &contact)
{
    QList<PhoneCall> calls = m_phoneCalls->calls();
    calls << PhoneCall(contact.who(), DeskTime::exported(QDateTime::currentDateTime()));
    m_phoneCalls->setCalls(calls);
    m_recipients->setOther({contact.who(), contact.email, QString(), contact.phone});
    if (QCheckBox *other = m_recipients->checkBox(RecipientKind::Other))
        other->setChecked(true);
    recheckProblems();
    if (m_calloutDone->isEnabled())
        m_calloutDone->setFocus(Qt::OtherFocusReason);
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
