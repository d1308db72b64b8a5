#include "EmailRenderer.h"

#include <QCoreApplication>
#include <QFile>

#include <kainjow/mustache.hpp>

using namespace Qt::Literals::StringLiterals;
namespace mustache = kainjow::mustache;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EmailRenderer", text);
}

// The template engine works on std::string; everything crosses as UTF-8.
std::string utf8(const QString &text)
{
    return text.toStdString();
}

QString number(const std::optional<double> &value)
{
    // An absent bound is a dash, so that no column of the table is ever blank.
    return value ? QString::number(*value) : u"\u2014"_s;
}

QString orDash(const QString &text)
{
    return text.trimmed().isEmpty() ? u"\u2014"_s : text;
}

mustache::data parameterData(const NotificationContent::Parameter &parameter)
{
    mustache::data data;
    data.set("name", utf8(parameter.name));
    data.set("value", utf8(parameter.value));
    data.set("unit", utf8(parameter.unit));
    data.set("hasUnit", !parameter.unit.trimmed().isEmpty());
    data.set("referenceRange", utf8(orDash(parameter.referenceRange)));
    data.set("criticalLow", utf8(number(parameter.criticalLow)));
    data.set("criticalHigh", utf8(number(parameter.criticalHigh)));
    return data;
}

mustache::data contentData(const NotificationContent &content)
{
    const bool multi = content.reports.size() > 1;
    mustache::data data;
    data.set("subject", utf8(content.subject()));
    data.set("labName", utf8(content.labName));
    data.set("labBillId", utf8(content.labBillId));
    data.set("recipientName", utf8(content.recipientName));
    data.set("hasPatientName", content.patientName.has_value());
    data.set("patientName", utf8(content.patientName.value_or(QString())));
    data.set("hasComment", content.comment.has_value());
    data.set("comment", utf8(content.comment.value_or(QString())));
    data.set("hasCalledOutBy", !content.calledOutBy.isEmpty());
    data.set("calledOutBy", utf8(content.calledOutBy));
    data.set("hasCalledOutOn", content.calledOutOn.isValid());
    // The desk's local time with its zone, so a reader elsewhere can still place it.
    data.set("calledOutOn",
             utf8(content.calledOutOn.toLocalTime().toString(u"yyyy-MM-dd HH:mm t"_s)));
    data.set("single", !multi);
    data.set("multi", multi);
    data.set("layout", multi ? "multi" : "single");
    data.set("reportCount", std::to_string(content.reports.size()));

    mustache::data reports{mustache::data::type::list};
    int position = 0;
    for (const NotificationContent::Report &report : content.reports) {
        mustache::data item;
        item.set("number", std::to_string(++position));
        item.set("reportId", std::to_string(report.reportId));
        item.set("testName", utf8(report.testName));
        item.set("departmentName", utf8(orDash(report.departmentName)));
        mustache::data parameters{mustache::data::type::list};
        for (const NotificationContent::Parameter &parameter : report.parameters)
            parameters.push_back(parameterData(parameter));
        item.set("parameters", parameters);
        reports.push_back(item);
    }
    data.set("reports", reports);
    return data;
}

Result<QString> readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Failure::internal(tr("The mail template %1 is missing from the program.").arg(path));
    return QString::fromUtf8(file.readAll());
}

} // namespace

EmailRenderer::EmailRenderer(std::string htmlTemplate, std::string textTemplate)
    : m_htmlTemplate(std::move(htmlTemplate))
    , m_textTemplate(std::move(textTemplate))
{ }

Result<EmailRenderer> EmailRenderer::fromResources()
{
    const auto html = readResource(u":/calloutdesk/notify/critical-results.html.mustache"_s);
    if (!html)
        return html.failure();
    const auto text = readResource(u":/calloutdesk/notify/critical-results.txt.mustache"_s);
    if (!text)
        return text.failure();
    return fromTemplates(html.value(), text.value());
}

Result<EmailRenderer> EmailRenderer::fromTemplates(const QString &htmlTemplate,
                                                   const QString &textTemplate)
{
    // Parsed once here so that a broken template is found when the channel is built,
    // not when the first callout is sent.
    for (const QString *source : {&htmlTemplate, &textTemplate}) {
        const mustache::mustache parsed{utf8(*source)};
        if (!parsed.is_valid()) {
            return Failure::internal(
                tr("A mail template is broken: %1")
                    .arg(QString::fromStdString(parsed.error_message())));
        }
    }
    return EmailRenderer(utf8(htmlTemplate), utf8(textTemplate));
}

Result<EmailRenderer::Email> EmailRenderer::render(const NotificationContent &content) const
{
    const mustache::data data = contentData(content);
    mustache::mustache html{m_htmlTemplate};
    mustache::mustache text{m_textTemplate};
    // The plain-text part shows values as they are: "&" stays "&".
    text.set_custom_escape([](const std::string &value) { return value; });
    Email email;
    email.subject = content.subject();
    email.html = QString::fromStdString(html.render(data));
    email.text = QString::fromStdString(text.render(data));
    if (!html.error_message().empty() || !text.error_message().empty()) {
        return Failure::internal(
            tr("A mail template could not be rendered: %1")
                .arg(QString::fromStdString(html.error_message() + text.error_message())));
    }
    return email;
}

} // namespace calloutdesk
