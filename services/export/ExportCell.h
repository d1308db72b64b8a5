#pragma once

#include <QDateTime>
#include <QString>

namespace calloutdesk {

// One cell of an exported row: text, or a point in time that a spreadsheet should keep
// as a date (a null time is an empty cell).
struct ExportCell
{
    QString text;
    QDateTime time;
    bool isTime = false;

    static ExportCell fromText(QString text) { return {std::move(text), {}, false}; }
    static ExportCell fromTime(QDateTime time) { return {{}, std::move(time), true}; }
};

} // namespace calloutdesk
