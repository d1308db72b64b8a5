#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace calloutdesk {

// The strip at the top of a dialog for a refusal that belongs to no one field, or for a
// stale state (SPEC C6) that the user settles by reloading.
class ProblemBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ProblemBanner(QWidget *parent = nullptr);

    void say(const QString &message, bool offerReload);
    void dismiss();

    QString message() const;
    bool offersReload() const;

signals:
    void reloadRequested();

private:
    QLabel *m_text = nullptr;
    QPushButton *m_reload = nullptr;
};

} // namespace calloutdesk
