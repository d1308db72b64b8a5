#include "WorklistFilterBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

WorklistFilterBar::WorklistFilterBar(QWidget *parent)
    : QWidget(parent)
{
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QHBoxLayout;
    rows->addLayout(layout);

    const auto dateEdit = [this](const QString &name, const QString &accessibleName) {
        auto *edit = new QDateEdit(QDate::currentDate(), this);
        edit->setObjectName(name);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
        edit->setEnabled(false);
        edit->setAccessibleName(accessibleName);
        return edit;
    };
    m_fromCheck = new QCheckBox(tr("&From"), this);
    m_fromCheck->setObjectName(u"filterFromEnabled"_s);
    m_from = dateEdit(u"filterFrom"_s, tr("Results from"));
    m_toCheck = new QCheckBox(tr("T&o"), this);
    m_toCheck->setObjectName(u"filterToEnabled"_s);
    m_to = dateEdit(u"filterTo"_s, tr("Results up to"));

    auto *departmentLabel = new QLabel(tr("&Department"), this);
    m_department = new QComboBox(this);
    m_department->setObjectName(u"filterDepartment"_s);
    m_department->setAccessibleName(tr("Department"));
    m_department->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_department->addItem(tr("All departments"));
    departmentLabel->setBuddy(m_department);

    auto *searchLabel = new QLabel(tr("&Search"), this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"filterSearch"_s);
    m_search->setPlaceholderText(tr("Patient or order number"));
    m_search->setAccessibleName(tr("Search patient or order number"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(220);
    searchLabel->setBuddy(m_search);

    auto *clearButton = new QPushButton(tr("C&lear filters"), this);
    clearButton->setObjectName(u"filterClear"_s);

    layout->addWidget(m_fromCheck);
    layout->addWidget(m_from);
    layout->addWidget(m_toCheck);
    layout->addWidget(m_to);
    layout->addSpacing(12);
    layout->addWidget(departmentLabel);
    layout->addWidget(m_department);
    layout->addSpacing(12);
    layout->addWidget(searchLabel);
    layout->addWidget(m_search, 1);
    layout->addWidget(clearButton);

    m_notice = new QFrame(this);
    m_notice->setObjectName(u"filterNotice"_s);
    m_notice->setStyleSheet(u"#filterNotice { background: #fff4ce; border: 1px solid #e0c060; "
                            "border-radius: 4px; } QLabel { color: #5c4600; }"_s);
    auto *noticeLayout = new QHBoxLayout(m_notice);
    noticeLayout->setContentsMargins(8, 2, 4, 2);
    m_noticeText = new QLabel(m_notice);
    m_noticeText->setObjectName(u"filterNoticeText"_s);
    m_noticeText->setWordWrap(true);
    auto *noticeClear = new QPushButton(tr("Clear"), m_notice);
    noticeClear->setObjectName(u"filterNoticeClear"_s);
    noticeClear->setAccessibleName(tr("Clear the filters"));
    noticeLayout->addWidget(m_noticeText, 1);
    noticeLayout->addWidget(noticeClear);
    m_notice->hide();
    rows->addWidget(m_notice);
    connect(noticeClear, &QPushButton::clicked, this, &WorklistFilterBar::clear);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(searchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &WorklistFilterBar::changed);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    // Enter filters at once: nobody should wait for a timer they can skip.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_searchDelay.isActive()) {
            m_searchDelay.stop();
            emit changed();
        }
    });
    connect(m_fromCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        emit changed();
    });
    connect(m_toCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_to->setEnabled(on);
        emit changed();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &WorklistFilterBar::changed);
    connect(m_to, &QDateEdit::dateChanged, this, &WorklistFilterBar::changed);
    connect(m_department, &QComboBox::currentIndexChanged, this, [this] {
        m_wantedDepartment.reset();
        emit changed();
    });
    connect(clearButton, &QPushButton::clicked, this, &WorklistFilterBar::clear);
}

void WorklistFilterBar::apply(const WorklistViewState &state)
{
    const QSignalBlocker blockFromCheck(m_fromCheck), blockFrom(m_from), blockToCheck(m_toCheck),
        blockTo(m_to), blockDepartment(m_department), blockSearch(m_search);
    m_fromCheck->setChecked(state.from.isValid());
    m_from->setEnabled(state.from.isValid());
    if (state.from.isValid())
        m_from->setDate(state.from);
    m_toCheck->setChecked(state.to.isValid());
    m_to->setEnabled(state.to.isValid());
    if (state.to.isValid())
        m_to->setDate(state.to);
    m_search->setText(state.text);
    m_searchDelay.stop();
    setDepartmentSelection(state.departmentId);
}

void WorklistFilterBar::fill(WorklistViewState &state) const
{
    state.from = m_fromCheck->isChecked() ? m_from->date() : QDate();
    state.to = m_toCheck->isChecked() ? m_to->date() : QDate();
    const QVariant department = m_department->currentData();
    if (m_wantedDepartment)
        state.departmentId = m_wantedDepartment;
    else if (department.isValid())
        state.departmentId = department.toLongLong();
    else
        state.departmentId.reset();
    state.text = m_search->text();
}

void WorklistFilterBar::setDepartments(const QList<Department> &departments)
{
    std::optional<qint64> selected = m_wantedDepartment;
    if (!selected && m_department->currentData().isValid())
        selected = m_department->currentData().toLongLong();
    const QSignalBlocker block(m_department);
    while (m_department->count() > 1)
        m_department->removeItem(1);
    for (const Department &department : departments)
        m_department->addItem(department.name, department.id);
    m_departmentsKnown = true;
    setDepartmentSelection(selected);
    // A remembered department the session may no longer filter by is dropped; filter
    // again with what is now shown.
    if (selected && m_department->currentData().toLongLong() != *selected)
        emit changed();
}

void WorklistFilterBar::setDepartmentSelection(std::optional<qint64> departmentId)
{
    const int index = departmentId ? m_department->findData(*departmentId) : 0;
    if (departmentId && index < 0 && !m_departmentsKnown) {
        // The list has not arrived yet: remember the choice until it does.
        m_wantedDepartment = departmentId;
        m_department->setCurrentIndex(0);
        return;
    }
    m_wantedDepartment.reset();
    m_department->setCurrentIndex(index < 0 ? 0 : index);
}

void WorklistFilterBar::showCounts(const WorklistCounts &shown,
                                   const std::optional<WorklistCounts> &all)
{
    if (!all
        || (shown.pending >= all->pending && shown.attempted >= all->attempted
            && shown.done >= all->done)) {
        m_notice->hide();
        return;
    }
    m_noticeText->setText(tr("Filtered — %L1 of %L2 pending · %L3 of %L4 attempted · "
                             "%L5 of %L6 done")
                              .arg(shown.pending)
                              .arg(all->pending)
                              .arg(shown.attempted)
                              .arg(all->attempted)
                              .arg(shown.done)
                              .arg(all->done));
    m_notice->show();
}

bool WorklistFilterBar::noticeShown() const
{
    return !m_notice->isHidden();
}

QString WorklistFilterBar::noticeText() const
{
    return noticeShown() ? m_noticeText->text() : QString();
}

void WorklistFilterBar::clear()
{
    WorklistViewState cleared;
    apply(cleared);
    emit changed();
}

} // namespace calloutdesk
