#include "IndexSchema.h"

#include <QFile>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QJsonDocument IndexSchema::mapping()
{
    QFile file(u":/calloutdesk/index/patient_reports.json"_s);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll());
}

QString IndexSchema::applyIfNewerSource()
{
    QFile file(u":/calloutdesk/index/apply_if_newer.painless"_s);
    file.open(QIODevice::ReadOnly);
    QStringList lines;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (!line.trimmed().startsWith(u"//"_s))
            lines << line;
    }
    return lines.join(u'\n').trimmed();
}

void IndexSchema::ensureScript(IndexClient &client, std::function<void(const IndexResponse &)> done)
{
    const QJsonDocument script(QJsonObject{
        {u"script"_s,
         QJsonObject{{u"lang"_s, u"painless"_s}, {u"source"_s, applyIfNewerSource()}}}});
    client.sendJson("PUT", u"/_scripts/"_s + QLatin1StringView(applyIfNewerScript), script,
                    std::move(done));
}

void IndexSchema::ensureIndex(IndexClient &client, const QString &index,
                              std::function<void(const IndexResponse &)> done)
{
    const QString path = u"/"_s + index;
    client.send("HEAD", path, {}, [&client, path, done](const IndexResponse &head) {
        if (head.ok() || head.httpStatus != 404) {
            done(head);
            return;
        }
        client.sendJson("PUT", path, mapping(), [done](const IndexResponse &created) {
            // Another desk may have created it a moment ago.
            const bool exists = created.httpStatus == 400
                && IndexClient::describeError(created.body)
                       .startsWith(u"resource_already_exists"_s);
            done(exists ? IndexResponse{created.httpStatus, created.body, {}, false} : created);
        });
    });
}

} // namespace calloutdesk
