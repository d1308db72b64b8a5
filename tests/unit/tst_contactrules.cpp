// SPEC C10: the rules a typed contact must pass before a callout is recorded — email
// addresses, fax and phone numbers, names — and the form each is sent in.
#include "models/EmailAddress.h"
#include "models/PersonName.h"
#include "models/PhoneNumber.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

Q_DECLARE_METATYPE(calloutdesk::EmailAddress::Problem)
Q_DECLARE_METATYPE(calloutdesk::PhoneNumber::Problem)
Q_DECLARE_METATYPE(calloutdesk::PersonName::Problem)

class TestContactRules : public QObject
{
    Q_OBJECT

private slots:
    void validEmail_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("deliverable");
        QTest::newRow("plain") << u"jane@example.com"_s << u"jane@example.com"_s;
        QTest::newRow("case kept") << u"Jane.Doe@Clinic.Example"_s << u"Jane.Doe@Clinic.Example"_s;
        QTest::newRow("surrounding spaces") << u"  jane@example.com "_s << u"jane@example.com"_s;
        QTest::newRow("plus tag") << u"lab+critical@example.org"_s << u"lab+critical@example.org"_s;
        QTest::newRow("atext") << u"a!#$%&'*+/=?^_`{|}~-z@example.org"_s
                               << u"a!#$%&'*+/=?^_`{|}~-z@example.org"_s;
        QTest::newRow("subdomains")
            << u"x@mail.north.clinic.example"_s << u"x@mail.north.clinic.example"_s;
        QTest::newRow("digits and dashes") << u"9@a-1.b2.example"_s << u"9@a-1.b2.example"_s;
        QTest::newRow("IDN domain") << u"user@bücher.example"_s << u"user@xn--bcher-kva.example"_s;
        QTest::newRow("IDN upper case")
            << u"user@BÜCHER.example"_s << u"user@xn--bcher-kva.example"_s;
        QTest::newRow("IDN German sharp s non-transitional")
            << u"info@faß.de"_s << u"info@xn--fa-hia.de"_s;
        QTest::newRow("IDN Japanese") << u"lab@例え.テスト"_s << u"lab@xn--r8jz45g.xn--zckzah"_s;
        QTest::newRow("IDN symbol domain") << u"user@☃.example"_s << u"user@xn--n3h.example"_s;
        QTest::newRow("ACE domain as typed")
            << u"user@xn--bcher-kva.example"_s << u"user@xn--bcher-kva.example"_s;
        QTest::newRow("local part 64")
            << QString(64, u'a') + u"@example.org"_s << QString(64, u'a') + u"@example.org"_s;
        const QString label63(63, u'b');
        const QString longest
            = QString(64, u'a') + u'@' + label63 + u'.' + label63 + u'.' + QString(61, u'c');
        QCOMPARE(longest.size(), 254);
        QTest::newRow("254 in all") << longest << longest;
    }

    void validEmail()
    {
        QFETCH(QString, typed);
        QFETCH(QString, deliverable);
        const EmailAddress address = EmailAddress::parse(typed);
        QVERIFY2(address.isValid(), qPrintable(address.problemText()));
        QCOMPARE(address.problem(), EmailAddress::Problem::None);
        QVERIFY(address.problemText().isEmpty());
        QCOMPARE(address.deliverable(), deliverable);
        QCOMPARE(address.text(), typed.trimmed());
        // What is sent is plain ASCII, whatever was typed.
        for (const QChar c : address.deliverable())
            QVERIFY(c.unicode() > 0x20 && c.unicode() < 0x7f);
    }

    void invalidEmail_data()
    {
        using P = EmailAddress::Problem;
        QTest::addColumn<QString>("typed");
        QTest::addColumn<EmailAddress::Problem>("problem");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << u""_s << P::Empty << u"empty"_s;
        QTest::newRow("only spaces") << u"   "_s << P::Empty << u"empty"_s;
        QTest::newRow("not an address") << u"not an address"_s << P::NoAt << u"no @"_s;
        QTest::newRow("space inside") << u"jane doe@example.com"_s << P::Whitespace << u"space"_s;
        QTest::newRow("word") << u"jane"_s << P::NoAt << u"no @"_s;
        QTest::newRow("comma list") << u"a@example.com, b@example.com"_s << P::SeveralAddresses
                                    << u"more than one address"_s;
        QTest::newRow("comma no space") << u"a@example.com,b@example.com"_s << P::SeveralAddresses
                                        << u"more than one address"_s;
        QTest::newRow("semicolon list") << u"a@example.com;b@example.com"_s << P::SeveralAddresses
                                        << u"more than one address"_s;
        QTest::newRow("space list") << u"a@example.com b@example.com"_s << P::SeveralAddresses
                                    << u"more than one address"_s;
        QTest::newRow("CRLF injection") << u"a@example.com\r\nRCPT TO:<x@evil.example>"_s
                                        << P::ControlCharacter << u"line break"_s;
        QTest::newRow("LF alone") << u"a@exam\nple.com"_s << P::ControlCharacter << u"line break"_s;
        QTest::newRow("trailing LF")
            << u"a@example.com\n"_s << P::ControlCharacter << u"line break"_s;
        // Pasted from a spreadsheet: the cell's tab is not part of the address, but a
        // field holding more than it shows is refused rather than guessed at.
        QTest::newRow("trailing tab")
            << u"a@example.com\t"_s << P::ControlCharacter << u"control character"_s;
        QTest::newRow("tab inside")
            << u"a@exa\tmple.com"_s << P::ControlCharacter << u"control character"_s;
        QTest::newRow("NUL") << u"a@example.com"_s + QChar(0) << P::ControlCharacter
                             << u"control character"_s;
        QTest::newRow("ESC") << u"a\x1b[31m@example.com"_s << P::ControlCharacter
                             << u"control character"_s;
        QTest::newRow("DEL") << u"a\x7f@example.com"_s << P::ControlCharacter
                             << u"control character"_s;
        QTest::newRow("line separator")
            << u"a@example.com\u2028b"_s << P::ControlCharacter << u"line break"_s;
        QTest::newRow("zero width space")
            << u"a\u200b@example.com"_s << P::Whitespace << u"invisible"_s;
        QTest::newRow("zero width joiner in domain")
            << u"a@ex\u200dample.com"_s << P::Whitespace << u"invisible"_s;
        QTest::newRow("no-break space") << u"a\u00a0b@example.com"_s << P::Whitespace << u"space"_s;
        QTest::newRow("display name")
            << u"Jane Doe <jane@example.com>"_s << P::NameOrBrackets << u"address alone"_s;
        QTest::newRow("angle brackets")
            << u"<jane@example.com>"_s << P::NameOrBrackets << u"brackets"_s;
        QTest::newRow("quoted local")
            << u"\"jane doe\"@example.com"_s << P::NameOrBrackets << u"quotes"_s;
        QTest::newRow("comment") << u"jane(work)@example.com"_s << P::NameOrBrackets
                                 << u"brackets"_s;
        QTest::newRow("two at") << u"a@b@example.com"_s << P::SeveralAts << u"more than one @"_s;
        QTest::newRow("nothing before")
            << u"@example.com"_s << P::LocalPartEmpty << u"before the @"_s;
        QTest::newRow("nothing after") << u"jane@"_s << P::DomainEmpty << u"after the @"_s;
        QTest::newRow("non-ASCII local")
            << u"tomás@example.com"_s << P::LocalPartNotAscii << u"SMTPUTF8"_s;
        QTest::newRow("non-ASCII local, IDN domain")
            << u"tomás@bücher.example"_s << P::LocalPartNotAscii << u"a-z only"_s;
        QTest::newRow("Cyrillic local")
            << u"иван@example.com"_s << P::LocalPartNotAscii << u"outside plain ASCII"_s;
        QTest::newRow("leading dot") << u".jane@example.com"_s << P::LocalPartInvalid << u"dots"_s;
        QTest::newRow("trailing dot local")
            << u"jane.@example.com"_s << P::LocalPartInvalid << u"dots"_s;
        QTest::newRow("double dot local")
            << u"ja..ne@example.com"_s << P::LocalPartInvalid << u"not two in a row"_s;
        QTest::newRow("backslash")
            << u"ja\\ne@example.com"_s << P::LocalPartInvalid << u"may hold only"_s;
        QTest::newRow("colon") << u"mailto:jane@example.com"_s << P::LocalPartInvalid
                               << u"may hold only"_s;
        QTest::newRow("local 65") << QString(65, u'a') + u"@example.org"_s << P::LocalPartTooLong
                                  << u"65 characters; at most 64"_s;
        QTest::newRow("no dot") << u"jane@localhost"_s << P::DomainNoDot << u"full domain"_s;
        QTest::newRow("trailing dot domain")
            << u"jane@example.com."_s << P::DomainInvalid << u"valid domain"_s;
        QTest::newRow("double dot domain")
            << u"jane@example..com"_s << P::DomainInvalid << u"valid domain"_s;
        QTest::newRow("leading dot domain")
            << u"jane@.example.com"_s << P::DomainInvalid << u"valid domain"_s;
        QTest::newRow("dash at label start")
            << u"jane@-example.com"_s << P::DomainInvalid << u"valid domain"_s;
        QTest::newRow("dash at label end")
            << u"jane@example-.com"_s << P::DomainInvalid << u"valid domain"_s;
        QTest::newRow("underscore")
            << u"jane@my_clinic.example"_s << P::DomainInvalid << u"valid domain"_s;
        QTest::newRow("IP address") << u"jane@192.0.2.1"_s << P::DomainInvalid << u"valid domain"_s;
        QTest::newRow("address literal")
            << u"jane@[192.0.2.1]"_s << P::DomainInvalid << u"valid domain"_s;
        QTest::newRow("percent") << u"jane@exa%41mple.com"_s << P::DomainInvalid
                                 << u"valid domain"_s;
        QTest::newRow("label 64") << u"jane@"_s + QString(64, u'b') + u".example"_s
                                  << P::LabelTooLong << u"64 characters; at most 63"_s;
        QString domain254;
        while (domain254.size() < 250)
            domain254 += QString(49, u'd') + u'.';
        domain254 += u"exam"_s;
        QTest::newRow("domain too long")
            << u"j@"_s + domain254 << P::TooLong << u"an address has at most 254"_s;
        QTest::newRow("255 in all") << QString(64, u'a') + u'@' + QString(63, u'b') + u'.'
                + QString(63, u'b') + u'.' + QString(62, u'c')
                                    << P::TooLong << u"255 characters"_s;
        QTest::newRow("100 KB") << QString(100 * 1024, u'a') + u"@example.org"_s << P::TooLong
                                << u"102412 characters"_s;
        // The ASCII form is what is sent, so it is what is measured: 20 letters ü make a
        // label of 26 characters (xn--tdaaaaaaaaaaaaaaaaaaaa).
        QString idnLabels;
        for (int i = 0; i < 9; ++i)
            idnLabels += QString(20, u'ü') + u'.';
        QTest::newRow("ASCII form too long")
            << QString(30, u'a') + u'@' + idnLabels + u"de"_s << P::TooLong << u"276 characters"_s;
        QTest::newRow("ASCII domain too long") << u"a@"_s + QString(20, u'ü') + u'.' + idnLabels
                + u"de"_s << P::DomainTooLong << u"272 characters; at most 253"_s;
        QTest::newRow("IDN label too long for IDNA")
            << u"a@"_s + QString(60, u'ü') + u".example"_s << P::DomainInvalid << u"valid domain"_s;
    }

    void invalidEmail()
    {
        QFETCH(QString, typed);
        QFETCH(EmailAddress::Problem, problem);
        QFETCH(QString, says);
        const EmailAddress address = EmailAddress::parse(typed);
        QVERIFY(!address.isValid());
        QCOMPARE(address.problem(), problem);
        QVERIFY2(address.problemText().contains(says), qPrintable(address.problemText()));
        QVERIFY(address.deliverable().isEmpty());
    }

    void validNumber_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("deliverable");
        QTest::newRow("digits") << u"4930123456"_s << u"4930123456"_s;
        QTest::newRow("international") << u"+4930123456"_s << u"+4930123456"_s;
        QTest::newRow("spaces") << u"+1 555 1234567"_s << u"+15551234567"_s;
        QTest::newRow("dashes") << u"030-123-456"_s << u"030123456"_s;
        QTest::newRow("mixed") << u"  +44 20 7946-0958 "_s << u"+442079460958"_s;
        QTest::newRow("short code") << u"112"_s << u"112"_s;
        QTest::newRow("15 after +") << u"+123456789012345"_s << u"+123456789012345"_s;
        QTest::newRow("18 with a dialled prefix")
            << u"011 123456789012345"_s << u"011123456789012345"_s;
    }

    void validNumber()
    {
        QFETCH(QString, typed);
        QFETCH(QString, deliverable);
        const PhoneNumber number = PhoneNumber::parse(typed);
        QVERIFY2(number.isValid(), qPrintable(number.problemText()));
        QVERIFY(number.problemText().isEmpty());
        QCOMPARE(number.deliverable(), deliverable);
        QCOMPARE(number.text(), typed.trimmed());
    }

    void invalidNumber_data()
    {
        using P = PhoneNumber::Problem;
        QTest::addColumn<QString>("typed");
        QTest::addColumn<PhoneNumber::Problem>("problem");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << u" "_s << P::Empty << u"empty"_s;
        QTest::newRow("letters") << u"555-CALL-NOW"_s << P::Letters << u"letters (\"C\")"_s;
        QTest::newRow("word") << u"unknown"_s << P::Letters << u"letters"_s;
        QTest::newRow("letter O for zero")
            << u"+49 3O 123456"_s << P::Letters << u"digits, spaces and dashes"_s;
        QTest::newRow("extension") << u"555 1234 x12"_s << P::Letters << u"letters"_s;
        QTest::newRow("brackets") << u"(030) 123456"_s << P::OtherCharacter << u"\"(\""_s;
        QTest::newRow("dots") << u"030.123.456"_s << P::OtherCharacter << u"\".\""_s;
        QTest::newRow("slash") << u"030/123456"_s << P::OtherCharacter << u"\"/\""_s;
        QTest::newRow("two numbers")
            << u"030123456, 030654321"_s << P::OtherCharacter << u"\",\""_s;
        QTest::newRow("Arabic-Indic digits")
            << u"٠١٢٣٤٥"_s << P::OtherCharacter << u"only digits"_s;
        QTest::newRow("plus inside")
            << u"49+30123456"_s << P::PlusNotAtStart << u"not at the start"_s;
        QTest::newRow("two plus") << u"++4930123456"_s << P::PlusNotAtStart
                                  << u"not at the start"_s;
        QTest::newRow("CRLF") << u"030123456\r\n"_s << P::ControlCharacter << u"line break"_s;
        QTest::newRow("tab") << u"030\t123456"_s << P::ControlCharacter << u"control character"_s;
        QTest::newRow("plus alone") << u"+"_s << P::TooFewDigits << u"0 digits"_s;
        QTest::newRow("dashes alone") << u"---"_s << P::TooFewDigits << u"at least 3"_s;
        QTest::newRow("two digits") << u"12"_s << P::TooFewDigits << u"2 digits"_s;
        QTest::newRow("16 after +") << u"+1234567890123456"_s << P::TooManyDigits << u"16 digits"_s;
        QTest::newRow("19 without +")
            << u"1234567890123456789"_s << P::TooManyDigits << u"19 digits"_s;
        QTest::newRow("too long") << u"1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1"_s << P::TooLong
                                  << u"41 characters"_s;
        QTest::newRow("100 KB") << QString(100 * 1024, u'5') << P::TooLong << u"at most 40"_s;
    }

    void invalidNumber()
    {
        QFETCH(QString, typed);
        QFETCH(PhoneNumber::Problem, problem);
        QFETCH(QString, says);
        const PhoneNumber number = PhoneNumber::parse(typed);
        QVERIFY(!number.isValid());
        QCOMPARE(number.problem(), problem);
        QVERIFY2(number.problemText().contains(says), qPrintable(number.problemText()));
        QVERIFY(number.deliverable().isEmpty());
    }

    void names_data()
    {
        using P = PersonName::Problem;
        QTest::addColumn<QString>("typed");
        QTest::addColumn<PersonName::Problem>("problem");
        QTest::addColumn<QString>("says");
        QTest::newRow("plain") << u"Dr. Jones"_s << P::None << QString();
        QTest::newRow("empty") << u""_s << P::None << QString();
        QTest::newRow("accents") << u"Tomás García"_s << P::None << QString();
        QTest::newRow("apostrophe") << u"Aoife O'Brien"_s << P::None << QString();
        QTest::newRow("Persian with ZWNJ") << u"می\u200cخواهم"_s << P::None << QString();
        QTest::newRow("200") << QString(200, u'n') << P::None << QString();
        QTest::newRow("200 after trimming")
            << u"  "_s + QString(200, u'n') + u" "_s << P::None << QString();
        QTest::newRow("201") << QString(201, u'n') << P::TooLong << u"201 characters"_s;
        QTest::newRow("100 KB") << QString(100 * 1024, u'n') << P::TooLong << u"at most 200"_s;
        QTest::newRow("newline") << u"Jane\nDoe"_s << P::ControlCharacter << u"line break"_s;
        QTest::newRow("CR at the end") << u"Jane Doe\r"_s << P::ControlCharacter << u"line break"_s;
        QTest::newRow("terminal escape")
            << u"Jane \x1b]0;owned\x07"_s << P::ControlCharacter << u"control character"_s;
        QTest::newRow("C1 control")
            << u"Jane\u0085Doe"_s << P::ControlCharacter << u"control character"_s;
        QTest::newRow("paragraph separator")
            << u"Jane\u2029Doe"_s << P::ControlCharacter << u"line break"_s;
    }

    void names()
    {
        QFETCH(QString, typed);
        QFETCH(PersonName::Problem, problem);
        QFETCH(QString, says);
        const PersonName name = PersonName::parse(typed);
        QCOMPARE(name.problem(), problem);
        QCOMPARE(name.isValid(), problem == PersonName::Problem::None);
        QVERIFY2(name.problemText().contains(says), qPrintable(name.problemText()));
        QCOMPARE(name.problemText().isEmpty(), name.isValid());
    }
};

QTEST_GUILESS_MAIN(TestContactRules)
#include "tst_contactrules.moc"
