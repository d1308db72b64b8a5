#include "WorklistViewState.h"

#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

constexpr int lastSortColumn = int(WorklistQuery::SortColumn::Waiting);

} // namespace

WorklistQuery WorklistViewState::queryFor(CriticalStatus tab) const
{
    WorklistQuery query;
    query.tab = tab;
    query.from = from;
    query.to = to;
    query.departmentId = departmentId;
    query.text = text.trimmed();
    query.sort = sort;
    query.descending = descending;
    if (!sortChosen && tab == CriticalStatus::CalloutPending) {
        // Most urgent first: least time left to the callout target (WorklistModel::Clock).
        query.sort = WorklistQuery::SortColumn::Waiting;
        query.descending = true;
    }
    return query;
}

WorklistViewState WorklistViewState::load(const QSettings &settings)
{
    WorklistViewState state;
    const int tab = settings.value(u"worklist/tab"_s, 0).toInt();
    if (tab >= 0 && tab <= 2)
        state.tabIndex = tab;
    state.from = QDate::fromString(settings.value(u"worklist/from"_s).toString(), Qt::ISODate);
    state.to = QDate::fromString(settings.value(u"worklist/to"_s).toString(), Qt::ISODate);
    bool ok = false;
    const qint64 department = settings.value(u"worklist/department"_s).toLongLong(&ok);
    if (ok && department > 0)
        state.departmentId = department;
    const int sort = settings.value(u"worklist/sort"_s, 0).toInt(&ok);
    if (ok && sort >= 0 && sort <= lastSortColumn)
        state.sort = WorklistQuery::SortColumn(sort);
    state.descending = settings.value(u"worklist/descending"_s, true).toBool();
    // Earlier versions saved the sort with every change of the view, chosen or not: only
    // one other than their default (newest first) was surely chosen.
    const bool legacyChoice = settings.contains(u"worklist/sort"_s)
        && (state.sort != WorklistQuery::SortColumn::ResultOn || !state.descending);
    state.sortChosen = settings.value(u"worklist/sortChosen"_s, legacyChoice).toBool();
    return state;
}

void WorklistViewState::save(QSettings &settings) const
{
    settings.setValue(u"worklist/tab"_s, tabIndex);
    settings.setValue(u"worklist/from"_s, from.isValid() ? from.toString(Qt::ISODate) : QString());
    settings.setValue(u"worklist/to"_s, to.isValid() ? to.toString(Qt::ISODate) : QString());
    settings.setValue(u"worklist/department"_s, departmentId ? *departmentId : 0);
    // The search text is not kept (SPEC U7): after a restart a forgotten search would
    // hide pending work. Earlier versions kept it.
    settings.remove(u"worklist/text"_s);
    settings.setValue(u"worklist/sort"_s, int(sort));
    settings.setValue(u"worklist/descending"_s, descending);
    settings.setValue(u"worklist/sortChosen"_s, sortChosen);
}

} // namespace calloutdesk
