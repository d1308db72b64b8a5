#pragma once

#include "CriticalParameter.h"
#include "CriticalStatus.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace calloutdesk {

// A report of an order as the callout dialog shows it (SPEC R1, D2): one test with its
// flags and the parameters that are critical for this patient.
struct CriticalReport
{
    qint64 reportId = 0;
    qint64 billId = 0;
    qint64 testId = 0;
    QString testName;
    qint64 departmentId = 0;
    QString departmentName;
    CriticalStatus status = CriticalStatus::Normal;
    bool isSigned = false;
    bool isApproved = false;
    bool completed = false;
    bool onHold = false;
    bool inQuestion = false;
    bool notPerformed = false;
    QString comments;
    QString reportFormat;
    QDateTime resultOn;
    QDateTime lastUpdated;
    QList<CriticalParameter> criticalParameters;
};

} // namespace calloutdesk
