// Offline sign-in (SPEC O5): the offline cache keeps an Argon2id hash of a password the
// server accepted, never the password; only that password of that person opens the desk
// offline, and only on a desk where they signed in while online.
#include "models/SessionScope.h"
#include "services/db/DatabaseConnection.h"
#include "services/offline/OfflineCache.h"
#include "services/offline/OfflineCacheLocation.h"
#include "services/offline/OfflineCredential.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

const QString annasPassword = u"Kalium-7.1 ist kritisch"_s;

DatabaseUrl server()
{
    return DatabaseUrl::parse(u"postgresql://db.lab.example:5433/calloutdesk"_s).value();
}

SessionScope anna()
{
    return SessionScope::labUser(4, 17, u"Anna Berg"_s, 1, {3, 5});
}

// Every byte SQLite has written for a cache: the file and any journal beside it.
QByteArray cacheBytes(const OfflineCacheLocation &location)
{
    QByteArray bytes;
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-journal"_s, u"-shm"_s}) {
        QFile file(location.filePath() + suffix);
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

} // namespace

class TestOfflineCredential : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        qputenv("XDG_DATA_HOME", m_home->path().toLocal8Bit());
    }

    void theRightPasswordOpensTheKeptPersonAndAWrongOneNothing()
    {
        const OfflineCacheLocation location(server(), u"anna"_s);
        const OfflineCredential credential(location);
        QVERIFY(!credential.isKept());
        const Status kept = credential.keep(SecretText(annasPassword), anna());
        QVERIFY2(kept.ok(), qPrintable(kept ? QString() : kept.failure().message));
        QVERIFY(credential.isKept());

        QElapsedTimer timer;
        timer.start();
        const auto person = credential.verify(SecretText(annasPassword));
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(person.ok(), qPrintable(person ? QString() : person.failure().message));
        qInfo("one offline verification with the shipped cost took %lld ms", elapsed);
        QCOMPARE(person.value().labId(), qint64(4));
        QCOMPARE(person.value().userId(), qint64(17));
        QCOMPARE(person.value().userName(), u"Anna Berg"_s);
        QCOMPARE(person.value().kind(), SessionKind::LabUserLinkedDepartments);
        QCOMPARE(person.value().departmentIds(), (QList<qint64>{3, 5}));

        for (const QString &wrong :
             {u"kalium-7.1 ist kritisch"_s, annasPassword + u' ', u"x"_s, QString()}) {
            const auto refused = credential.verify(SecretText(wrong));
            QVERIFY2(!refused.ok(), qPrintable(wrong));
            QCOMPARE(refused.failure().kind, Failure::Kind::InvalidInput);
            QCOMPARE(refused.failure().field, u"password"_s);
        }
    }

    void everyKindOfPersonComesBackAsItWasKept()
    {
        const QList<SessionScope> persons{
            SessionScope::support(2, 9, u"Sam Support"_s),
            SessionScope::doctor(2, 3, u"Dr Jones"_s, 0, {1, 2}),
            SessionScope::doctor(2, 4, u"Dr Assigned"_s, 2, {}),
            SessionScope::labUser(2, 8, u"Lee Session"_s, 0, {6}),
        };
        // A cheap cost: this test is about who comes back, not about the cost.
        const OfflineCredential::Cost fast{1, 8 * 1024, 1};
        for (const SessionScope &person : persons) {
            const OfflineCacheLocation location(server(), person.userName());
            const OfflineCredential credential(location, fast);
            const Status kept = credential.keep(SecretText(annasPassword), person);
            QVERIFY2(kept.ok(), qPrintable(kept ? QString() : kept.failure().message));
            const auto back = credential.verify(SecretText(annasPassword));
            QVERIFY(back.ok());
            QCOMPARE(back.value().kind(), person.kind());
            QCOMPARE(back.value().userId(), person.userId());
            QCOMPARE(back.value().departmentIds(), person.departmentIds());
        }
    }

    void theHashIsArgon2idWithTheShippedCostAndARandomSalt()
    {
        const auto first = OfflineCredential::hash(SecretText(annasPassword), {});
        const auto second = OfflineCredential::hash(SecretText(annasPassword), {});
        QVERIFY(first.ok() && second.ok());
        QVERIFY2(first.value().startsWith("$argon2id$v=19$m=65536,t=3,p=1$"),
                 first.value().constData());
        QVERIFY(first.value() != second.value());
        // The salt is the part after the parameters; it differs too, not only the hash.
        QVERIFY(first.value().split('$').at(4) != second.value().split('$').at(4));
        QVERIFY(OfflineCredential::matches(first.value(), SecretText(annasPassword)));
        QVERIFY(OfflineCredential::matches(second.value(), SecretText(annasPassword)));
        QVERIFY(!OfflineCredential::matches(first.value(), SecretText(u"Kalium"_s)));
    }

    void thePasswordIsNowhereInTheCacheFile()
    {
        const OfflineCacheLocation location(server(), u"anna"_s);
        QVERIFY(OfflineCredential(location).keep(SecretText(annasPassword), anna()).ok());
        const QByteArray bytes = cacheBytes(location);
        QVERIFY(bytes.contains("$argon2id$"));
        QVERIFY(!bytes.contains(annasPassword.toUtf8()));
        QVERIFY(!bytes.contains(QByteArray(reinterpret_cast<const char *>(annasPassword.utf16()),
                                           annasPassword.size() * 2)));
        QVERIFY(!bytes.contains("Kalium"));
    }

    void aPersonWhoNeverSignedInHereCannotSignInOffline()
    {
        const OfflineCacheLocation ben(server(), u"ben"_s);
        const auto refused = OfflineCredential(ben).verify(SecretText(annasPassword));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().field, u"login"_s);
        QVERIFY2(refused.failure().message.contains(u"ben has not signed in with a password on this desk"_s),
                 qPrintable(refused.failure().message));
        // Asking made no cache for ben.
        QVERIFY(!QFile::exists(ben.filePath()));

        // A cache of ben's without a credential (a Kerberos login, say) does not open either.
        QVERIFY(OfflineCache::open(ben).ok());
        const auto stillRefused = OfflineCredential(ben).verify(SecretText(annasPassword));
        QVERIFY(!stillRefused.ok());
        QCOMPARE(stillRefused.failure().field, u"login"_s);
    }

    void annasCredentialDoesNotOpenBensCache()
    {
        const OfflineCacheLocation annaHere(server(), u"anna"_s);
        const OfflineCacheLocation benHere(server(), u"ben"_s);
        QVERIFY(OfflineCredential(annaHere).keep(SecretText(annasPassword), anna()).ok());
        QVERIFY(OfflineCredential(benHere)
                    .keep(SecretText(u"bens own"_s), SessionScope::support(4, 18, u"Ben"_s))
                    .ok());
        const auto asBen = OfflineCredential(benHere).verify(SecretText(annasPassword));
        QVERIFY(!asBen.ok());
        QCOMPARE(asBen.failure().field, u"password"_s);

        // Anna's file put in Ben's place is refused as Anna's, whatever password is given.
        QVERIFY(QFile::remove(benHere.filePath()));
        QVERIFY(QFile::copy(annaHere.filePath(), benHere.filePath()));
        const auto copied = OfflineCredential(benHere).verify(SecretText(annasPassword));
        QVERIFY(!copied.ok());
        QCOMPARE(copied.failure().kind, Failure::Kind::Conflict);
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_GUILESS_MAIN(TestOfflineCredential)
#include "tst_offlinecredential.moc"
