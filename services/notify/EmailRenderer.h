#pragma once

#include "NotificationContent.h"
#include "services/Failure.h"

#include <QString>

#include <string>

namespace calloutdesk {

// Turns the content of a callout message into an email (SPEC N1): the subject, an HTML
// part and a plain-text alternative, from the mustache templates in resources/notify/.
// One report gets the single-report layout, more get one headed table each. Every value
// is HTML-escaped by the template engine in the HTML part ({{ }}, never {{{ }}}) and
// left as it is in the text part.
class EmailRenderer
{
public:
    struct Email
    {
        QString subject;
        QString html;
        QString text;
    };

    // The templates compiled into the program.
    static Result<EmailRenderer> fromResources();
    // Templates given as text: for a lab's own templates, and for tests of the templates.
    static Result<EmailRenderer> fromTemplates(const QString &htmlTemplate,
                                               const QString &textTemplate);

    Result<Email> render(const NotificationContent &content) const;

private:
    EmailRenderer(std::string htmlTemplate, std::string textTemplate);

    std::string m_htmlTemplate;
    std::string m_textTemplate;
};

} // namespace calloutdesk
