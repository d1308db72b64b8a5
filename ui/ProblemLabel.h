#pragma once

#include <QLabel>

namespace calloutdesk {

// A refusal shown under the control it is about (SPEC C7), hidden while there is none.
// The text stays selectable so a user can copy it into a support request.
class ProblemLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ProblemLabel(const QString &objectName, QWidget *parent = nullptr);

    void say(const QString &message);
    void dismiss();
};

} // namespace calloutdesk
