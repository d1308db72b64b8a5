// The password of a desk's sign-in in memory (SPEC A6): SecretText overwrites a buffer it
// alone holds and leaves a shared one to its other holders; DatabaseLogin keeps its own
// copy apart from the URL, wipes it and takes it back.
#include "services/db/DatabaseLogin.h"
#include "services/db/DatabaseUrl.h"
#include "services/db/SecretText.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

class TestDatabaseLogin : public QObject
{
    Q_OBJECT

private slots:
    void overwriteZeroesABufferHeldAlone()
    {
        QString typed = QString::fromLatin1("hunter2");
        const QChar *buffer = typed.constData();
        QVERIFY(SecretText::overwrite(typed));
        // The same memory, now zeros: not a new empty string beside the old one.
        QCOMPARE(typed.constData(), buffer);
        QCOMPARE(typed, QString(7, QChar(0)));
    }

    void overwriteLeavesSharedAndStaticTextAlone()
    {
        QString mine = QString::fromLatin1("hunter2");
        const QString theirs = mine;
        QVERIFY(!SecretText::overwrite(mine));
        QCOMPARE(theirs, u"hunter2"_s);
        QCOMPARE(mine, u"hunter2"_s);
        // A literal lives in read-only memory: writing to it would crash.
        QString literal = u"literal"_s;
        QVERIFY(!SecretText::overwrite(literal));
        QCOMPARE(literal, u"literal"_s);
    }

    void copiesShareUntilTheLastGoes()
    {
        SecretText first(QString::fromLatin1("pw-1"));
        {
            SecretText second = first;
            QVERIFY(second.text().isSharedWith(first.text()));
            second.clear();
            QVERIFY(second.isEmpty());
        }
        // Not the last copy: the other keeps its text.
        QCOMPARE(first.text(), u"pw-1"_s);
        const SecretText apart = first.detached();
        QCOMPARE(apart.text(), u"pw-1"_s);
        QVERIFY(!apart.text().isSharedWith(first.text()));
    }

    void aLoginKeepsThePasswordApartFromItsUrl()
    {
        const auto signedIn = DatabaseUrl::parse(u"postgresql://hana:pw-2@db.lab.example/lab"_s);
        QVERIFY(signedIn.ok());
        DatabaseLogin login(signedIn.value());
        QVERIFY(login.needsPassword());
        QVERIFY(login.hasSecret());
        QVERIFY(login.url().password().isEmpty());
        QCOMPARE(login.url().userName(), u"hana"_s);
        // The login's copy is its own: wiping it cannot reach a URL still in use.
        QVERIFY(!login.forOpening().value().password().isSharedWith(signedIn.value().password()));
        QCOMPARE(login.forOpening().value().password(), u"pw-2"_s);

        login.wipe();
        QVERIFY(!login.hasSecret());
        const auto refused = login.forOpening();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.failure().message, DatabaseLogin::lockedMessage());
        QCOMPARE(signedIn.value().password(), u"pw-2"_s);

        login.rearm(signedIn.value().passwordSecret());
        QVERIFY(login.hasSecret());
        QCOMPARE(login.forOpening().value().password(), u"pw-2"_s);
    }

    void aLoginWithoutPasswordHasNothingToWipe()
    {
        // ~/.pgpass, Kerberos or a client certificate; SQLite.
        for (const QString &text : {u"postgresql://hana@db.lab.example/lab"_s,
                                    u"sqlite:///tmp/desk.db"_s}) {
            DatabaseLogin login(DatabaseUrl::parse(text).value());
            QVERIFY(!login.needsPassword());
            QVERIFY(!login.hasSecret());
            login.wipe();
            QVERIFY(login.forOpening().ok());
        }
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLogin)
#include "tst_databaselogin.moc"
