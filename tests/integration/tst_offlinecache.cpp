#include "services/db/DatabaseConnection.h"
#include "services/db/Migration.h"
#include "services/db/MigrationRunner.h"
#include "services/offline/OfflineCache.h"
#include "services/offline/OfflineCacheLocation.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

constexpr QFile::Permissions othersMay = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
    | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;

DatabaseUrl server()
{
    return DatabaseUrl::parse(u"postgresql://db.lab.example:5433/calloutdesk"_s).value();
}

QString failureOf(const Result<std::unique_ptr<DatabaseConnection>> &opened)
{
    return opened ? QString() : opened.failure().message;
}

} // namespace

class TestOfflineCache : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        qputenv("XDG_DATA_HOME", m_home->path().toLocal8Bit());
    }

    void aPersonsCacheIsPrivateAndCarriesBothSchemas()
    {
        const OfflineCacheLocation location(server(), u"anna"_s);
        QVERIFY(location.filePath().startsWith(m_home->path() + u'/'));
        QVERIFY(!QFile::exists(location.filePath()));
        auto cache = OfflineCache::open(location);
        QVERIFY2(cache.ok(), qPrintable(failureOf(cache)));

        const QFileInfo file(location.filePath());
        QVERIFY(file.exists());
        QCOMPARE(file.permissions() & othersMay, QFile::Permissions());
        QVERIFY(file.permissions().testFlags(QFile::ReadOwner | QFile::WriteOwner));
        for (QDir folder = file.dir(); folder.path() != m_home->path(); folder.cdUp()) {
            QCOMPARE(QFileInfo(folder.path()).permissions() & othersMay, QFile::Permissions());
            if (folder.path() == OfflineCacheLocation::rootFolder())
                break;
        }

        QCOMPARE(MigrationRunner(*cache.value()).currentVersion().value(),
                 Migration::latestVersion(DatabaseUrl::Engine::Sqlite));
        QCOMPARE(MigrationRunner(*cache.value(), Migration::Set::offlineCache())
                     .currentVersion()
                     .value(),
                 Migration::latestVersion(Migration::Set::offlineCache()));
        QVERIFY(Migration::latestVersion(Migration::Set::offlineCache()) >= 1);
    }

    void aCacheMadePublicIsMadePrivateAgainWhenOpened()
    {
        const OfflineCacheLocation location(server(), u"anna"_s);
        QVERIFY(OfflineCache::open(location).ok());
        QVERIFY(QFile::setPermissions(location.filePath(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        auto again = OfflineCache::open(location);
        QVERIFY2(again.ok(), qPrintable(failureOf(again)));
        QCOMPARE(QFileInfo(location.filePath()).permissions() & othersMay, QFile::Permissions());
    }

    void twoPersonsAndTwoServersGetFilesOfTheirOwn()
    {
        const OfflineCacheLocation anna(server(), u"anna"_s);
        const OfflineCacheLocation ben(server(), u"ben"_s);
        const OfflineCacheLocation annaElsewhere(
            DatabaseUrl::parse(u"postgresql://db.lab.example:5433/training"_s).value(), u"anna"_s);
        QVERIFY(anna.filePath() != ben.filePath());
        QVERIFY(anna.filePath() != annaElsewhere.filePath());
        QVERIFY(OfflineCache::open(anna).ok());
        QVERIFY(OfflineCache::open(ben).ok());
        QVERIFY(QFile::exists(anna.filePath()) && QFile::exists(ben.filePath()));

        // A login's text never leaves the cache folder.
        const OfflineCacheLocation sly(server(), u"../../escape"_s);
        QVERIFY(
            QDir::cleanPath(sly.filePath()).startsWith(OfflineCacheLocation::rootFolder() + u'/'));
        QCOMPARE(QFileInfo(sly.filePath()).dir().path(), QFileInfo(anna.filePath()).dir().path());
    }

    void aCacheOpensOnlyForThePersonItWasMadeFor()
    {
        const OfflineCacheLocation anna(server(), u"anna"_s);
        const OfflineCacheLocation ben(server(), u"ben"_s);
        QVERIFY(OfflineCache::open(anna).ok());
        QVERIFY(ben.prepare().ok());
        QVERIFY(QFile::remove(ben.filePath()));
        QVERIFY(QFile::copy(anna.filePath(), ben.filePath()));

        auto opened = OfflineCache::open(ben);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.failure().kind, Failure::Kind::Conflict);
        QVERIFY2(opened.failure().message.contains(u"belongs to anna"_s),
                 qPrintable(opened.failure().message));
        // Opening again is not a new claim: the owner stays.
        auto annaAgain = OfflineCache::open(anna);
        QVERIFY2(annaAgain.ok(), qPrintable(failureOf(annaAgain)));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_GUILESS_MAIN(TestOfflineCache)
#include "tst_offlinecache.moc"
