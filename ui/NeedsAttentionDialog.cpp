#include "NeedsAttentionDialog.h"

#include "ProblemLabel.h"
#include "models/DeskTime.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

enum Column
{
    OrderColumn,
    PatientColumn,
    RecordedColumn,
    MadeColumn,
    ReasonColumn,
};

} // namespace

NeedsAttentionDialog::NeedsAttentionDialog(std::shared_ptr<const OfflineJournalService> journal,
                                           SessionScope scope, QWidget *parent)
    : QDialog(parent)
    , m_journal(std::move(journal))
    , m_scope(std::move(scope))
{
    setObjectName(u"needsAttentionDialog"_s);
    setWindowTitle(tr("Callouts that need attention"));
    setSizeGripEnabled(true);
    resize(900, 480);

    m_intro = new QLabel(
        tr("The server refused these callouts recorded on this desk while it was offline: "
           "nothing of them was applied. Record one again as a further communication on the "
           "reports as they are now, or discard it with a reason, which is kept."),
        this);
    m_intro->setWordWrap(true);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"needsAttentionList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(true);
    m_list->setHeaderLabels(
        {tr("Order"), tr("Patient"), tr("Recorded"), tr("Made"), tr("Server's reason")});
    m_list->header()->setStretchLastSection(true);

    auto *reasonLabel = new QLabel(tr("&Reason for discarding (required, kept with it):"), this);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(u"discardReason"_s);
    m_reason->setTabChangesFocus(true);
    m_reason->setMaximumHeight(80);
    reasonLabel->setBuddy(m_reason);
    m_problem = new ProblemLabel(u"needsAttentionProblem"_s, this);

    m_recordAgain = new QPushButton(tr("Record &again as further communication"), this);
    m_recordAgain->setObjectName(u"recordAgainButton"_s);
    m_recordAgain->setToolTip(tr("Records the call, with the time it was made, on the "
                                 "reports as they are now; it is sent like any callout "
                                 "recorded offline."));
    m_discard = new QPushButton(tr("&Discard with reason"), this);
    m_discard->setObjectName(u"discardButton"_s);
    m_close = new QPushButton(tr("Close"), this);
    m_close->setObjectName(u"closeButton"_s);
    for (QPushButton *button : {m_recordAgain, m_discard, m_close}) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_recordAgain);
    buttons->addWidget(m_discard);
    buttons->addWidget(m_close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(reasonLabel);
    layout->addWidget(m_reason);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);

    connect(m_recordAgain, &QPushButton::clicked, this, &NeedsAttentionDialog::recordAgain);
    connect(m_discard, &QPushButton::clicked, this, &NeedsAttentionDialog::discard);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] { setBusy(m_busy); });
    connect(&m_readWatcher, &QFutureWatcherBase::finished, this,
            [this] { showEntries(m_readWatcher.result()); });
    connect(&m_actionWatcher, &QFutureWatcherBase::finished, this,
            [this] { finishAction(m_actionWatcher.result()); });
    reload();
}

NeedsAttentionDialog::~NeedsAttentionDialog()
{
    // A write under way finishes: what the person chose is not cut in half.
    m_actionWatcher.waitForFinished();
    m_readWatcher.waitForFinished();
}

QString NeedsAttentionDialog::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

QString NeedsAttentionDialog::describe(const CalloutRequest &request)
{
    QStringList parts;
    const auto count = request.reportIds.size();
    const QString reports = count == 1 ? tr("1 report") : tr("%1 reports").arg(count);
    parts << (request.isAttempt() ? tr("Attempt — %1").arg(reports)
                                  : tr("Callout done — %1").arg(reports));
    QStringList methods;
    for (const CommunicationMethod method : request.methods)
        methods << CommunicationMethodInfo::label(method);
    if (!request.phoneCalls.isEmpty())
        methods << (request.phoneCalls.size() == 1
                        ? tr("1 phone call")
                        : tr("%1 phone calls").arg(request.phoneCalls.size()));
    if (!methods.isEmpty())
        parts << methods.join(u", "_s);
    QStringList recipients;
    for (const RecipientKind kind : request.recipients)
        recipients << RecipientKindInfo::label(kind);
    if (!recipients.isEmpty())
        parts << recipients.join(u", "_s);
    if (!request.comment.trimmed().isEmpty())
        parts << u"“%1”"_s.arg(request.comment.trimmed());
    return parts.join(u" · "_s);
}

void NeedsAttentionDialog::reload()
{
    setBusy(true);
    m_readWatcher.setFuture(m_journal->needsAttention());
}

void NeedsAttentionDialog::showEntries(const Result<QList<OfflineJournal::Entry>> &entries)
{
    const qint64 kept = selectedId();
    m_list->clear();
    m_entries.clear();
    if (!entries) {
        m_problem->say(entries.failure().message);
        setBusy(false);
        emit loaded();
        return;
    }
    m_entries = entries.value();
    for (const OfflineJournal::Entry &entry : std::as_const(m_entries)) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setData(OrderColumn, Qt::UserRole, entry.id);
        item->setText(OrderColumn,
                      entry.orderNumber.isEmpty() ? tr("Order id %1").arg(entry.request.billId)
                                                  : entry.orderNumber);
        item->setText(PatientColumn, entry.patientName);
        item->setText(RecordedColumn,
                      entry.unreadable.isEmpty() ? describe(entry.request) : entry.unreadable);
        item->setText(MadeColumn, tr("%1 by %2").arg(DeskTime::shown(entry.madeAt), entry.madeBy));
        item->setText(ReasonColumn, entry.lastError);
        item->setToolTip(ReasonColumn, entry.lastError);
        item->setToolTip(RecordedColumn, item->text(RecordedColumn));
    }
    if (!select(kept) && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    if (m_entries.isEmpty())
        m_intro->setText(tr("No callout recorded offline needs attention."));
    setBusy(false);
    emit loaded();
}

bool NeedsAttentionDialog::select(qint64 id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(OrderColumn, Qt::UserRole).toLongLong() == id) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

qint64 NeedsAttentionDialog::selectedId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(OrderColumn, Qt::UserRole).toLongLong() : 0;
}

void NeedsAttentionDialog::recordAgain()
{
    const qint64 id = selectedId();
    if (m_busy || id == 0)
        return;
    m_problem->dismiss();
    setBusy(true);
    m_actionWatcher.setFuture(
        m_journal->recordAgain(id, m_scope).then([](const Result<qint64> &added) {
            return added ? Status(Done{}) : Status(added.failure());
        }));
}

void NeedsAttentionDialog::discard()
{
    const qint64 id = selectedId();
    if (m_busy || id == 0)
        return;
    m_problem->dismiss();
    setBusy(true);
    // The journal refuses an empty reason, with the message shown below the list.
    m_actionWatcher.setFuture(m_journal->discard(id, m_reason->toPlainText(), m_scope));
}

void NeedsAttentionDialog::finishAction(const Status &done)
{
    if (!done) {
        setBusy(false);
        m_problem->say(done.failure().message);
        if (done.failure().kind == Failure::Kind::InvalidInput)
            m_reason->setFocus();
        return;
    }
    m_reason->clear();
    emit resolved();
    reload();
}

void NeedsAttentionDialog::setBusy(bool busy)
{
    m_busy = busy;
    const bool chosen = !busy && selectedId() != 0;
    m_recordAgain->setEnabled(chosen);
    m_discard->setEnabled(chosen);
}

} // namespace calloutdesk
