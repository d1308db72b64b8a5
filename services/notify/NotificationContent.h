#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace calloutdesk {

// What a done callout tells its recipients (SPEC N1, N2), the same for every channel:
// the lab, the order, each reported test with its critical parameters as they were when
// the callout was made. What the lab's settings keep back is already left out here: the
// patient's name without show_patient_name, the comment without share_comment.
struct NotificationContent
{
    struct Parameter
    {
        QString name;
        QString value;
        QString unit;
        QString referenceRange;
        std::optional<double> criticalLow;
        std::optional<double> criticalHigh;
    };

    struct Report
    {
        qint64 reportId = 0;
        QString testName;
        QString departmentName;
        QList<Parameter> parameters;
    };

    QString labName;
    QString labBillId;
    QString recipientName;
    std::optional<QString> patientName; // only with show_patient_name
    std::optional<QString> comment;     // only with share_comment and a comment given
    QString calledOutBy;
    QDateTime calledOutOn;
    QList<Report> reports;

    // "Critical Results Alert from <lab name> for Order ID - <lab_bill_id>" (N1).
    QString subject() const
    {
        return QStringLiteral("Critical Results Alert from %1 for Order ID - %2").arg(labName, labBillId);
    }
};

} // namespace calloutdesk
