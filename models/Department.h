#pragma once

#include <QList>
#include <QString>

namespace calloutdesk {

// A department of a lab (Haematology, Biochemistry…), as the worklist's filter offers it.
struct Department
{
    qint64 id = 0;
    QString name;

    friend bool operator==(const Department &, const Department &) = default;
};

} // namespace calloutdesk
