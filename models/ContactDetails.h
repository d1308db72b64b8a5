#pragma once

#include <QJsonObject>
#include <QString>

namespace calloutdesk {

// A party a callout can reach: the patient, the referring doctor, the organisation or
// another person named in the dialog.
struct ContactDetails
{
    QString name;
    QString email;
    QString fax;
    QString contactNumber;

    bool isEmpty() const
    {
        return name.isEmpty() && email.isEmpty() && fax.isEmpty() && contactNumber.isEmpty();
    }
    QJsonObject toJson() const;
    static ContactDetails fromJson(const QJsonObject &object);

    friend bool operator==(const ContactDetails &, const ContactDetails &) = default;
};

} // namespace calloutdesk
