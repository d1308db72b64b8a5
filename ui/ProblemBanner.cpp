#include "ProblemBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

ProblemBanner::ProblemBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_reload(new QPushButton(tr("Re&load"), this))
{
    setObjectName(u"problemBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    // A pale warning colour behind dark text, so the banner is noticed without shouting.
    setAutoFillBackground(true);
    QPalette warning = palette();
    warning.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xcd));
    warning.setColor(QPalette::WindowText, QColor(0x5c, 0x3c, 0x00));
    setPalette(warning);

    m_text->setObjectName(u"problemBannerText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reload->setObjectName(u"reloadButton"_s);
    m_reload->setAutoDefault(false);
    m_reload->setToolTip(tr("Load the order again; what you ticked and typed is kept."));

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_reload, 0, Qt::AlignVCenter);
    connect(m_reload, &QPushButton::clicked, this, &ProblemBanner::reloadRequested);
    hide();
}

void ProblemBanner::say(const QString &message, bool offerReload)
{
    m_text->setText(message);
    m_reload->setVisible(offerReload);
    show();
}

void ProblemBanner::dismiss()
{
    m_text->clear();
    hide();
}

QString ProblemBanner::message() const
{
    return isHidden() ? QString() : m_text->text();
}

bool ProblemBanner::offersReload() const
{
    return !isHidden() && !m_reload->isHidden();
}

} // namespace calloutdesk
