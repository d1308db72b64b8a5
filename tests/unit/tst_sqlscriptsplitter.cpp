#include "services/db/SqlScriptSplitter.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

class TestSqlScriptSplitter : public QObject
{
    Q_OBJECT

private slots:
    void plainStatements()
    {
        const QStringList parts = SqlScriptSplitter::split(
            u"-- header; with a semicolon\nCREATE TABLE a (x int);\n\n/* b; */ CREATE TABLE b (y int);\n"_s);
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(0), u"CREATE TABLE a (x int)"_s);
        QVERIFY(parts.at(1).endsWith(u"CREATE TABLE b (y int)"_s));
    }

    void quotesKeepSemicolons()
    {
        const QStringList parts = SqlScriptSplitter::split(
            u"INSERT INTO t VALUES ('a;b', 'it''s; fine'); SELECT \"x;y\" FROM t;"_s);
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(0), u"INSERT INTO t VALUES ('a;b', 'it''s; fine')"_s);
    }

    void dollarQuotedFunction()
    {
        const QString function = u"CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                                 "BEGIN\n  NEW.v := 1;\n  RETURN NEW;\nEND;\n$$"_s;
        const QStringList parts = SqlScriptSplitter::split(function + u";\nSELECT 1;"_s);
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(0), function);
    }

    void sqliteTriggerBody()
    {
        const QString trigger = u"CREATE TRIGGER t AFTER UPDATE ON r FOR EACH ROW WHEN NEW.a = 1\n"
                                "BEGIN\n  UPDATE r SET b = CASE WHEN b > 0 THEN 1 ELSE 0 END;\n"
                                "  SELECT RAISE(ABORT, 'no; never');\nEND"_s;
        const QStringList parts
            = SqlScriptSplitter::split(trigger + u";\nCREATE INDEX i ON r (a);"_s);
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(0), trigger);
        QCOMPARE(parts.at(1), u"CREATE INDEX i ON r (a)"_s);
    }

    void identifiersContainingKeywords()
    {
        // "begin_date" and "legend" must not open or close a block.
        const QStringList parts = SqlScriptSplitter::split(
            u"CREATE TABLE x (begin_date text, legend text); SELECT 1;"_s);
        QCOMPARE(parts.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSqlScriptSplitter)
#include "tst_sqlscriptsplitter.moc"
