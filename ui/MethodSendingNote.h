#pragma once

#include "models/CommunicationMethod.h"

#include <QHash>
#include <QLabel>

class QCheckBox;

namespace calloutdesk {

// Under the callout's methods (SPEC U11): which of the offered methods this desk cannot
// send itself, so nobody takes "done" for "sent" ("This desk cannot send Fax or SMS: they
// wait for a desk that can."); each such method's box says why in its tooltip. Hidden
// when the desk sends every offered method, or before the desk knows what it sends.
class MethodSendingNote : public QLabel
{
    Q_OBJECT

public:
    explicit MethodSendingNote(QWidget *parent = nullptr);

    void showFor(const QHash<CommunicationMethod, QCheckBox *> &boxes);
};

} // namespace calloutdesk
