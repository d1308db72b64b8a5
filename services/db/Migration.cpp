#include "Migration.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

Migration::Set Migration::Set::of(DatabaseUrl::Engine engine)
{
    return {engine == DatabaseUrl::Engine::PostgreSql ? u":/calloutdesk/migrations/postgresql"_s
                                                      : u":/calloutdesk/migrations/sqlite"_s,
            u"schema_version"_s};
}

Migration::Set Migration::Set::offlineCache()
{
    return {u":/calloutdesk/migrations/cache"_s, u"cache_schema_version"_s};
}

QList<Migration> Migration::bundled(DatabaseUrl::Engine engine)
{
    return bundled(Set::of(engine));
}

QList<Migration> Migration::bundled(const Set &set)
{
    const QString &folder = set.folder;
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
    return latestVersion(Set::of(engine));
}

int Migration::latestVersion(const Set &set)
{
    const QList<Migration> all = bundled(set);
    return all.isEmpty() ? 0 : all.constLast().version;
}

} // namespace calloutdesk
