#pragma once

#include "models/SessionScope.h"
#include "services/Failure.h"
#include "services/offline/OfflineJournal.h"
#include "services/offline/OfflineJournalService.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace calloutdesk {

class ProblemLabel;

// "Needs attention" (SPEC O3): the callouts recorded offline that the server refused when
// they were sent (their reports changed meanwhile, or the server found them invalid), each
// with its order, patient, what was recorded, when, and the server's reason. The person
// records one again as a further communication on the reports as they are now, or
// discards it with a reason, which is kept. The journal is read and written off the UI
// thread; `resolved` follows each change.
class NeedsAttentionDialog : public QDialog
{
    Q_OBJECT

public:
    NeedsAttentionDialog(std::shared_ptr<const OfflineJournalService> journal, SessionScope scope,
                         QWidget *parent = nullptr);
    ~NeedsAttentionDialog() override;

    // The entries shown, in the order made; empty while loading.
    const QList<OfflineJournal::Entry> &entries() const { return m_entries; }
    bool isBusy() const { return m_busy; }
    // Why the last action or read did not work; empty when it did.
    QString problem() const;
    // Selects the row of entry `id`; false when it is not shown.
    bool select(qint64 id);

    // "Callout done — 2 reports · Phone call · Referral": what an entry records.
    static QString describe(const CalloutRequest &request);

public slots:
    void reload();
    void recordAgain();
    void discard();

signals:
    // An entry was recorded again or discarded.
    void resolved();
    // The list was read (again).
    void loaded();

private:
    void showEntries(const Result<QList<OfflineJournal::Entry>> &entries);
    void finishAction(const Status &done);
    qint64 selectedId() const;
    void setBusy(bool busy);

    std::shared_ptr<const OfflineJournalService> m_journal;
    SessionScope m_scope;
    QList<OfflineJournal::Entry> m_entries;
    bool m_busy = false;

    QLabel *m_intro = nullptr;
    QTreeWidget *m_list = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    ProblemLabel *m_problem = nullptr;
    QPushButton *m_recordAgain = nullptr;
    QPushButton *m_discard = nullptr;
    QPushButton *m_close = nullptr;

    QFutureWatcher<Result<QList<OfflineJournal::Entry>>> m_readWatcher;
    QFutureWatcher<Status> m_actionWatcher;
};

} // namespace calloutdesk
