#include "OrderOverviewPage.h"

#include "models/DeliverySummary.h"
#include "models/DeskTime.h"
#include "services/callout/OrderOverviewReader.h"
#include "services/db/ConnectionPool.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

enum TreeColumn
{
    NameColumn,
    ValueColumn,
    UnitColumn,
    RangeColumn,
    StatusColumn,
    ColumnCount
};

constexpr int ReportIdRole = Qt::UserRole + 1;

QString contactLine(const ContactDetails &contact)
{
    QStringList parts{contact.name.toHtmlEscaped()};
    if (!contact.contactNumber.isEmpty())
        parts << contact.contactNumber.toHtmlEscaped();
    if (!contact.email.isEmpty())
        parts << contact.email.toHtmlEscaped();
    return parts.join(u" · "_s);
}

QString flagsText(const OrderOverview::Report &report)
{
    QStringList flags;
    flags << (report.completed ? OrderOverviewPage::tr("complete")
                               : OrderOverviewPage::tr("values missing"));
    if (report.isSigned)
        flags << OrderOverviewPage::tr("signed");
    if (report.isApproved)
        flags << OrderOverviewPage::tr("approved");
    if (report.onHold)
        flags << OrderOverviewPage::tr("on hold");
    if (report.inQuestion)
        flags << OrderOverviewPage::tr("in question");
    if (report.notPerformed)
        flags << OrderOverviewPage::tr("not performed");
    if (!report.sampleCollected)
        flags << OrderOverviewPage::tr("sample not collected");
    return flags.join(u", "_s);
}

} // namespace

OrderOverviewPage::OrderOverviewPage(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_back = new QPushButton(QIcon::fromTheme(u"go-previous"_s), tr("&Back to worklist"), this);
    m_back->setObjectName(u"overviewBack"_s);
    m_back->setToolTip(tr("Back to the worklist (Alt+Left, Esc)"));
    top->addWidget(m_back);
    m_title = new QLabel(this);
    m_title->setObjectName(u"overviewTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    top->addWidget(m_title, 1);
    layout->addLayout(top);

    m_parties = new QLabel(this);
    m_parties->setObjectName(u"overviewParties"_s);
    m_parties->setTextFormat(Qt::RichText);
    m_parties->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_parties);

    m_state = new QLabel(this);
    m_state->setObjectName(u"overviewState"_s);
    m_state->setWordWrap(true);
    layout->addWidget(m_state);

    m_reports = new QTreeWidget(this);
    m_reports->setObjectName(u"overviewReports"_s);
    m_reports->setAccessibleName(tr("Reports of the order"));
    m_reports->setColumnCount(ColumnCount);
    m_reports->setHeaderLabels(
        {tr("Test / parameter"), tr("Value"), tr("Unit"), tr("Reference range"), tr("Status")});
    m_reports->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_reports->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_reports, 1);

    m_actions = new QHBoxLayout;
    m_actions->addStretch(1);
    layout->addLayout(m_actions);

    connect(m_back, &QPushButton::clicked, this, &OrderOverviewPage::backRequested);
    for (const QKeySequence &key : {QKeySequence(QKeySequence::Back), QKeySequence(Qt::Key_Escape)}) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &OrderOverviewPage::backRequested);
    }
    connect(m_reports, &QTreeWidget::currentItemChanged, this,
            &OrderOverviewPage::selectedReportChanged);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<OrderOverview> result = m_watcher.result();
        if (result)
            showOverview(result.value());
        else
            showProblem(result.failure().message);
    });
}

OrderOverviewPage::~OrderOverviewPage()
{
    m_watcher.waitForFinished();
}

void OrderOverviewPage::setContext(std::shared_ptr<ConnectionPool> database,
                                   const SessionScope &session)
{
    m_database = std::move(database);
    m_session = session;
}

void OrderOverviewPage::showOrder(qint64 billId, qint64 focusReportId)
{
    m_billId = billId;
    m_focusReportId = focusReportId;
    m_changedNote.clear();
    m_overview.reset();
    m_title->setText(tr("Order"));
    m_parties->clear();
    m_reports->clear();
    reload();
}

void OrderOverviewPage::reload()
{
    if (!m_database || !m_session || m_billId <= 0)
        return;
    if (const auto selected = selectedReport())
        m_focusReportId = selected->reportId;
    m_state->setText(tr("Loading the order…"));
    m_state->setStyleSheet({});
    m_state->show();
    m_back->setFocus();
    m_watcher.setFuture(m_database->run(
        ConnectionPool::Lane::Reads,
        [scope = *m_session, billId = m_billId](DatabaseConnection &connection) {
            return OrderOverviewReader(connection).read(scope, billId);
        }));
}

void OrderOverviewPage::reloadChangedElsewhere()
{
    m_changedNote = tr("This order changed at %1 (on another desk or in the laboratory system): "
                       "it is shown as it is now.")
                        .arg(DeskTime::shown(QDateTime::currentDateTime()));
    reload();
}

std::optional<OrderOverview::Report> OrderOverviewPage::selectedReport() const
{
    if (!m_overview)
        return std::nullopt;
    const QTreeWidgetItem *item = m_reports->currentItem();
    if (!item)
        return std::nullopt;
    if (const OrderOverview::Report *report
        = m_overview->report(item->data(NameColumn, ReportIdRole).toLongLong()))
        return *report;
    return std::nullopt;
}

void OrderOverviewPage::showOverview(const OrderOverview &overview)
{
    m_overview = overview;
    const BillParties &bill = overview.bill;
    m_title->setText(tr("Order %1 — %2").arg(bill.labBillId, bill.patient.name));
    QStringList lines;
    QString patient = tr("<b>Patient</b> %1").arg(contactLine(bill.patient));
    if (bill.patientDateOfBirth.isValid())
        patient += tr(" · born %1").arg(bill.patientDateOfBirth.toString(Qt::ISODate));
    patient += tr(" · sex %1").arg(bill.patientSex);
    lines << patient;
    if (bill.referral)
        lines << tr("<b>Referring doctor</b> %1").arg(contactLine(*bill.referral));
    if (bill.organization)
        lines << tr("<b>Organisation</b> %1").arg(contactLine(*bill.organization));
    lines << tr("<b>Ordered</b> %1 · %2")
                 .arg(DeskTime::shown(bill.billDate), bill.labName.toHtmlEscaped());
    m_parties->setText(lines.join(u"<br>"_s));

    m_reports->clear();
    QTreeWidgetItem *focus = nullptr;
    for (const OrderOverview::Report &report : overview.reports) {
        auto *item = new QTreeWidgetItem(m_reports);
        item->setText(NameColumn, tr("%1 (%2)").arg(report.testName, report.departmentName));
        item->setText(StatusColumn, tr("%1 · %2").arg(CriticalStatusInfo::label(report.status),
                                                      flagsText(report)));
        // Done is not delivered (U11): a message still waiting or failed is said at once.
        if (const DeliverySummary delivery(report.deliveries); delivery.needsAttention()) {
            item->setText(StatusColumn,
                          tr("%1 · %2 · %3")
                              .arg(CriticalStatusInfo::label(report.status), delivery.text(),
                                   flagsText(report)));
            item->setToolTip(StatusColumn, delivery.text());
            item->setForeground(StatusColumn,
                                delivery.hasFailed() ? QColor(0x8a, 0x1c, 0x1c)
                                                     : QColor(0x8a, 0x5a, 0x00));
        }
        item->setData(NameColumn, ReportIdRole, report.reportId);
        QFont bold = item->font(NameColumn);
        bold.setBold(true);
        item->setFont(NameColumn, bold);
        for (const OrderOverview::Value &value : report.values) {
            auto *child = new QTreeWidgetItem(item);
            child->setText(NameColumn, value.parameterName);
            child->setText(ValueColumn, value.value);
            child->setText(UnitColumn, value.unit);
            child->setText(RangeColumn, value.referenceRange);
            child->setData(NameColumn, ReportIdRole, report.reportId);
            if (value.critical) {
                child->setText(StatusColumn, tr("Critical"));
                for (int column = 0; column < ColumnCount; ++column) {
                    child->setForeground(column, QColor(0x8a, 0x1c, 0x1c));
                    QFont font = child->font(column);
                    font.setBold(true);
                    child->setFont(column, font);
                }
            }
        }
        item->setExpanded(true);
        if (!focus || report.reportId == m_focusReportId)
            focus = item;
    }
    if (overview.reports.isEmpty()) {
        m_state->setText(tr("This order has no report you may see."));
    } else if (!m_changedNote.isEmpty()) {
        m_state->setText(m_changedNote);
    } else {
        m_state->hide();
    }
    if (focus) {
        m_reports->setCurrentItem(focus);
        m_reports->setFocus();
    }
    emit selectedReportChanged();
    emit loaded();
}

void OrderOverviewPage::showProblem(const QString &message)
{
    m_state->setText(tr("The order could not be loaded: %1").arg(message));
    m_state->setStyleSheet(u"QLabel { color: #8a1c1c; }"_s);
    m_state->show();
}

} // namespace calloutdesk
