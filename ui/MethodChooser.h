#pragma once

#include "models/CommunicationMethod.h"
#include "models/NotificationSettings.h"

#include <QGroupBox>
#include <QHash>

class QCheckBox;
class QHBoxLayout;

namespace calloutdesk {

class MethodSendingNote;
class ProblemLabel;

// The communication methods of a callout (SPEC C1, N2): one check box per channel the
// lab's settings enable, and none for a channel they do not.
class MethodChooser : public QGroupBox
{
    Q_OBJECT

public:
    explicit MethodChooser(QWidget *parent = nullptr);

    // Offers the methods the settings allow; ticks of methods still offered are kept.
    void setSettings(const NotificationSettings &settings);
    QList<CommunicationMethod> offered() const;

    QList<CommunicationMethod> chosen() const;
    // Ticks exactly these (methods not offered are ignored).
    void choose(const QList<CommunicationMethod> &methods);

    QCheckBox *checkBox(CommunicationMethod method) const { return m_boxes.value(method); }
    // The check boxes in tab order; they are rebuilt by setSettings().
    QList<QWidget *> focusChain() const;
    ProblemLabel *problem() const { return m_problem; }

    static QString objectNameFor(CommunicationMethod method);

private:
    QHBoxLayout *m_row = nullptr;
    QHash<CommunicationMethod, QCheckBox *> m_boxes;
    ProblemLabel *m_problem = nullptr;
    MethodSendingNote *m_sendingNote = nullptr;
};

} // namespace calloutdesk
