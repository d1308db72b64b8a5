#pragma once

#include "CriticalParameter.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace calloutdesk {

// A worklist row's critical values in a line (SPEC U7): "K 7.29 ↑ (> 6.5) · Na 118 ↓
// (< 120)", the value furthest beyond its bound first, so the worst is seen without
// opening the order.
class WorklistValueText
{
    Q_DECLARE_TR_FUNCTIONS(WorklistValueText)

public:
    static QString of(const CriticalParameter &parameter);
    static QString of(QList<CriticalParameter> parameters);
    // How far beyond its bound a value lies, relative to the bound; 0 within them.
    static double severity(const CriticalParameter &parameter);
};

} // namespace calloutdesk
