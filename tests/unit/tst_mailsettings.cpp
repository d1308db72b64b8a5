// The mail pieces that need no server: the SMTP URL (SmtpSettings), header encoding and
// address checks (MailAddress), and the templates' layouts and escaping (EmailRenderer).
#include "services/notify/EmailRenderer.h"
#include "services/notify/MailAddress.h"
#include "services/notify/NotificationSetup.h"
#include "services/notify/SmtpSettings.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

NotificationContent content(int reports)
{
    NotificationContent content;
    content.labName = u"Riverside Lab"_s;
    content.labBillId = u"RL-1"_s;
    content.recipientName = u"Dr. Jones"_s;
    content.calledOutBy = u"Sam Support"_s;
    for (int i = 1; i <= reports; ++i) {
        content.reports.append({i, u"Test %1"_s.arg(i), u"Biochemistry"_s,
                                {{u"Potassium"_s, u"7.1"_s, u"mmol/L"_s, u"3.5 - 5.1"_s, 2.8,
                                  std::nullopt}}});
    }
    return content;
}

} // namespace

class TestMailSettings : public QObject
{
    Q_OBJECT

private slots:
    void parsesTheThreeSecurities()
    {
        const auto plain = SmtpSettings::parse(u"smtp://127.0.0.1/?from=lab@lab.example"_s);
        QVERIFY(plain.ok());
        QCOMPARE(plain.value().security(), SmtpSettings::Security::None);
        QCOMPARE(plain.value().port(), 25);
        QCOMPARE(plain.value().fromAddress(), u"lab@lab.example"_s);
        QVERIFY(!plain.value().needsPassword());

        const auto starttls = SmtpSettings::parse(
            u"smtp://desk:p%40ss@mail.lab.example:587/?from=lab@lab.example&starttls=1&timeout=5000"_s);
        QVERIFY(starttls.ok());
        QCOMPARE(starttls.value().security(), SmtpSettings::Security::StartTls);
        QCOMPARE(starttls.value().port(), 587);
        QCOMPARE(starttls.value().userName(), u"desk"_s);
        QCOMPARE(starttls.value().password(), u"p@ss"_s);
        QCOMPARE(starttls.value().timeoutMs(), 5000);
        QCOMPARE(starttls.value().serverUrl(), u"smtp://mail.lab.example:587"_s);
        // Never the password in what is shown.
        QCOMPARE(starttls.value().displayString(), u"smtp://desk@mail.lab.example:587 (STARTTLS)"_s);

        const auto implicit
            = SmtpSettings::parse(u"smtps://desk@mail.lab.example/?from=lab@lab.example"_s);
        QVERIFY(implicit.ok());
        QCOMPARE(implicit.value().security(), SmtpSettings::Security::ImplicitTls);
        QCOMPARE(implicit.value().port(), 465);
        QVERIFY(implicit.value().needsPassword());
    }

    void refusesBadUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("http") << u"http://mail.lab.example/?from=lab@lab.example"_s;
        QTest::newRow("no host") << u"smtp:///?from=lab@lab.example"_s;
        QTest::newRow("no sender") << u"smtp://mail.lab.example"_s;
        QTest::newRow("bad sender") << u"smtp://mail.lab.example/?from=lab"_s;
        QTest::newRow("starttls on smtps")
            << u"smtps://mail.lab.example/?from=lab@lab.example&starttls=1"_s;
        QTest::newRow("bad timeout") << u"smtp://mail.lab.example/?from=lab@lab.example&timeout=x"_s;
        QTest::newRow("missing ca")
            << u"smtps://mail.lab.example/?from=lab@lab.example&ca=/nonexistent/ca.pem"_s;
        QTest::newRow("clear text to another host")
            << u"smtp://relay.lab.example/?from=lab@lab.example"_s;
        QTest::newRow("clear text, insecure=0")
            << u"smtp://10.0.0.25/?from=lab@lab.example&insecure=0"_s;
    }

    void clearTextOnlyOnLoopbackOrWhenSaid_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<SmtpSettings::Security>("security");
        QTest::newRow("127.0.0.1")
            << u"smtp://127.0.0.1:2525/?from=lab@lab.example"_s << SmtpSettings::Security::None;
        QTest::newRow("127.8.9.10")
            << u"smtp://127.8.9.10/?from=lab@lab.example"_s << SmtpSettings::Security::None;
        QTest::newRow("::1") << u"smtp://[::1]:2525/?from=lab@lab.example"_s
                             << SmtpSettings::Security::None;
        QTest::newRow("localhost")
            << u"smtp://LocalHost/?from=lab@lab.example"_s << SmtpSettings::Security::None;
        QTest::newRow("insecure=1")
            << u"smtp://relay.lab.example/?from=lab@lab.example&insecure=1"_s
            << SmtpSettings::Security::None;
        QTest::newRow("starttls") << u"smtp://relay.lab.example/?from=lab@lab.example&starttls=1"_s
                                  << SmtpSettings::Security::StartTls;
        QTest::newRow("smtps") << u"smtps://relay.lab.example/?from=lab@lab.example"_s
                               << SmtpSettings::Security::ImplicitTls;
    }

    void clearTextOnlyOnLoopbackOrWhenSaid()
    {
        QFETCH(QString, url);
        QFETCH(SmtpSettings::Security, security);
        const auto parsed = SmtpSettings::parse(url);
        QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.failure().message));
        QCOMPARE(parsed.value().security(), security);
    }

    void clearTextRefusalSaysWhatToDo()
    {
        const auto parsed = SmtpSettings::parse(
            u"smtp://desk:t0psecret@relay.lab.example/?from=lab@lab.example"_s);
        QVERIFY(!parsed.ok());
        const QString &message = parsed.failure().message;
        QVERIFY2(message.contains(u"smtps://"_s) && message.contains(u"starttls=1"_s)
                     && message.contains(u"insecure=1"_s),
                 qPrintable(message));
        QVERIFY(!message.contains(u"t0psecret"_s));
    }

    void refusesBadUrls()
    {
        QFETCH(QString, url);
        const auto parsed = SmtpSettings::parse(url);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.failure().kind, Failure::Kind::InvalidInput);
    }

    void passwordNeverInTheFailure()
    {
        for (const QString &url :
             {u"smtp://desk:t0psecret@mail.lab.example"_s,
              u"smtp://desk:t0psecret@mail.lab.example:99999/?from=lab@lab.example"_s,
              u"smtp://desk:t0p secret@mail.lab.example/?from=lab@lab.example"_s}) {
            const auto parsed = SmtpSettings::parse(url);
            QVERIFY(!parsed.ok());
            QVERIFY2(!parsed.failure().message.contains(u"t0p"_s),
                     qPrintable(parsed.failure().message));
        }
    }

    void configuredOrder()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
        qunsetenv(SmtpSettings::environmentVariable);
        QVERIFY(!SmtpSettings::configured(QString(), settings));
        settings.setValue(u"mail/url"_s,
                          u"smtp://from-settings/?from=lab@lab.example&insecure=1"_s);
        QCOMPARE(SmtpSettings::configured(QString(), settings)->value().host(), u"from-settings"_s);
        qputenv(SmtpSettings::environmentVariable, "smtps://desk@from-env/?from=lab@lab.example");
        qputenv(SmtpSettings::passwordVariable, "from-variable");
        const auto fromEnvironment = *SmtpSettings::configured(QString(), settings);
        QCOMPARE(fromEnvironment.value().host(), u"from-env"_s);
        QCOMPARE(fromEnvironment.value().password(), u"from-variable"_s);
        QCOMPARE(SmtpSettings::configured(u"smtp://from-option/?from=lab@lab.example&starttls=1"_s,
                                          settings)
                     ->value()
                     .host(),
                 u"from-option"_s);
        qunsetenv(SmtpSettings::environmentVariable);
        qunsetenv(SmtpSettings::passwordVariable);
    }

    void addresses()
    {
        QVERIFY(MailAddress::isValid(u"city@hospital.example"_s));
        QVERIFY(MailAddress::isValid(u"first.last+tag@sub.hospital.example"_s));
        QVERIFY(!MailAddress::isValid(u"city@hospital.example>\r\nBcc: x@y.example"_s));
        QVERIFY(!MailAddress::isValid(u"a@b.example, c@d.example"_s));
        QVERIFY(!MailAddress::isValid(u"<a@b.example>"_s));
        QVERIFY(!MailAddress::isValid(u"nobody"_s));
        QVERIFY(!MailAddress::isValid(QString()));
    }

    void headerText()
    {
        QCOMPARE(MailAddress::encodeHeaderText(u"Plain subject"_s), QByteArray("Plain subject"));
        // A line break cannot start a header of its own.
        QCOMPARE(MailAddress::encodeHeaderText(u"a\r\nBcc: x"_s), QByteArray("a  Bcc: x"));
        const QString text = u"Critical Results Alert from Laboratoire Saint-Éloi à Zürich 🧪 "
                             "for Order ID - RL-1"_s;
        const QByteArray encoded = MailAddress::encodeHeaderText(text);
        QByteArray decoded;
        for (const QByteArray &word : encoded.split(' ')) {
            QVERIFY(word.startsWith("=?UTF-8?B?") && word.endsWith("?="));
            QVERIFY(word.size() <= 75);
            decoded += QByteArray::fromBase64(word.mid(10, word.size() - 12));
        }
        QCOMPARE(QString::fromUtf8(decoded), text);
        QCOMPARE(MailAddress::mailbox(u"Dr. \"Who\""_s, u"a@b.example"_s),
                 QByteArray("\"Dr. \\\"Who\\\"\" <a@b.example>"));
        QCOMPARE(MailAddress::mailbox(QString(), u"a@b.example"_s), QByteArray("<a@b.example>"));
    }

    void singleAndMultiLayouts()
    {
        const auto renderer = EmailRenderer::fromResources();
        QVERIFY2(renderer.ok(), qPrintable(renderer ? QString() : renderer.failure().message));
        const auto one = renderer.value().render(content(1));
        QVERIFY(one.ok());
        QCOMPARE(one.value().subject, u"Critical Results Alert from Riverside Lab for Order ID - RL-1"_s);
        QVERIFY(one.value().html.contains(u"data-layout=\"single\""_s));
        QVERIFY(one.value().text.contains(u"\nTest 1 - Biochemistry\n  * Potassium: 7.1 mmol/L "
                                          "(reference range 3.5 - 5.1; critical low 2.8, critical "
                                          "high \u2014)\n"_s));
        const auto three = renderer.value().render(content(3));
        QVERIFY(three.ok());
        QVERIFY(three.value().html.contains(u"data-layout=\"multi\""_s));
        QCOMPARE(three.value().html.count(u"class=\"report-heading\""_s), 3);
        QVERIFY(three.value().text.contains(u"\n3. Test 3 - Biochemistry\n"_s));
    }

    void everyValueEscapedInHtmlOnly()
    {
        NotificationContent markup = content(1);
        markup.patientName = u"<b>Eve</b> & Co"_s;
        markup.comment = u"<script>alert('x')</script>"_s;
        markup.reports[0].testName = u"K<sup>+</sup>"_s;
        markup.reports[0].parameters[0].referenceRange = u"\"<3.5\""_s;
        const auto email = EmailRenderer::fromResources().value().render(markup);
        QVERIFY(email.ok());
        const QString &html = email.value().html;
        QVERIFY(html.contains(u"&lt;b&gt;Eve&lt;/b&gt; &amp; Co"_s));
        QVERIFY(html.contains(u"&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"_s));
        QVERIFY(html.contains(u"K&lt;sup&gt;+&lt;/sup&gt;"_s));
        QVERIFY(html.contains(u"&quot;&lt;3.5&quot;"_s));
        QVERIFY(!html.contains(u"<script>"_s));
        QVERIFY(!html.contains(u"<b>Eve"_s));
        const QString &text = email.value().text;
        QVERIFY(text.contains(u"Patient: <b>Eve</b> & Co\n"_s));
        QVERIFY(text.contains(u"Comment: <script>alert('x')</script>"_s));
    }

    void brokenTemplateIsFoundEarly()
    {
        const auto broken = EmailRenderer::fromTemplates(u"{{#reports}}"_s, u"ok"_s);
        QVERIFY(!broken.ok());
        QCOMPARE(broken.failure().kind, Failure::Kind::Internal);
    }

    void aLoginWithoutPasswordLooksInTheKeychainThenSaysWhatToDo()
    {
        // No desktop session: no keychain to ask, whatever the machine running the test has.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
        qunsetenv(SmtpSettings::passwordVariable);
        QTemporaryDir dir;
        QSettings settings(QDir(dir.path()).filePath(u"empty.ini"_s), QSettings::IniFormat);
        const NotificationSetup::CommandLine login{
            u"smtp://lab@127.0.0.1:2525/?from=lab@riverside.example"_s, {}, {}, {}};
        QElapsedTimer timer;
        timer.start();
        const NotificationSetup::Channels without = NotificationSetup::fromConfiguration(login, settings);
        QVERIFY2(timer.elapsed() < 20000, "the keychain lookup must not hang");
        QVERIFY(without.channels->find(u"email"_s) == nullptr);
        QCOMPARE(without.problems.size(), 1);
        QVERIFY2(without.problems.first().contains(u"calloutctl mail-password"_s)
                     && without.problems.first().contains(u"CALLOUTDESK_SMTP_PASSWORD"_s),
                 qPrintable(without.problems.first()));

        // The quick check at start does not ask the keychain at all.
        const NotificationSetup::Channels check = NotificationSetup::fromConfiguration(
            login, settings, NotificationSetup::Keychain::Skip);
        QVERIFY(check.problems.isEmpty());

        // The variable wins over the keychain.
        qputenv(SmtpSettings::passwordVariable, "s3cret");
        const NotificationSetup::Channels with = NotificationSetup::fromConfiguration(login, settings);
        qunsetenv(SmtpSettings::passwordVariable);
        QVERIFY(with.problems.isEmpty());
        QVERIFY(with.channels->find(u"email"_s) != nullptr);
    }
};

QTEST_GUILESS_MAIN(TestMailSettings)
#include "tst_mailsettings.moc"
