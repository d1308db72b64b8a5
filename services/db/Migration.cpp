#include "Migration.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

QList<Migration> Migration::bundled(DatabaseUrl::Engine engine)
{
    const QString folder = engine == DatabaseUrl::Engine::PostgreSql
        ? u":/calloutdesk/migrations/postgresql"_s
        : u":/calloutdesk/migrations/sqlite"_s;
    static const QRegularExpression fileName(u"^(\\d{4})_([a-z0-9_]+)\\.sql$"_s);

    QList<Migration> migrations;
    const QStringList files = QDir(folder).entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto match = fileName.match(file);
        if (!match.hasMatch())
            continue;
        QFile source(folder + u'/' + file);
        if (!source.open(QIODevice::ReadOnly))
            continue;
        migrations.append(
            {match.captured(1).toInt(), match.captured(2), QString::fromUtf8(source.readAll())});
    }
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return migrations;
}

int Migration::latestVersion(DatabaseUrl::Engine engine)
{
    const QList<Migration> all = bundled(engine);
    return all.isEmpty() ? 0 : all.constLast().version;
}

} // namespace calloutdesk
