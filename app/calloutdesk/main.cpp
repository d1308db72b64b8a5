// The desktop program's composition root: read the configuration, build the services,
// hand them to the window.
#include "services/db/ConnectionPool.h"
#include "services/db/DatabaseStartup.h"
#include "services/db/DatabaseUrl.h"
#include "services/db/DatabaseUrlSource.h"
#include "services/search/IndexEndpoint.h"
#include "services/search/IndexSyncWorker.h"
#include "services/notify/NotificationContentReader.h"
#include "services/notify/NotificationSetup.h"
#include "services/notify/NotificationWorker.h"
#include "services/offline/ServerReachability.h"
#include "ui/MainWindow.h"
#include "ui/SignInDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSettings>

#include <cstdio>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

namespace {

// --help and --version need no window, so they are answered before QApplication exists:
// without a display it aborts looking for one. Qt's own options (-platform, -reverse …)
// are still in argv here, so single-dash words are read as whole options, never as
// bundles of letters ("-reverse" is not -r -e -v …).
std::optional<int> answerWithoutDisplay(QCommandLineParser &parser, int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.parse(arguments); // other mistakes are said once the application exists
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    const bool help = parser.isSet(u"help"_s) || parser.isSet(u"help-all"_s);
    if (!help && !parser.isSet(u"version"_s))
        return std::nullopt;
    // A core application needs no display; the help text names the program from it.
    const QCoreApplication withoutDisplay(argc, argv);
    const QString answer = help ? parser.helpText()
                                : u"%1 %2\n"_s.arg(QCoreApplication::applicationName(),
                                                   QCoreApplication::applicationVersion());
    std::fputs(qPrintable(answer), stdout);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(u"CalloutDesk"_s);
    QCoreApplication::setApplicationName(u"calloutdesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(CALLOUTDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Critical-result callouts for clinical laboratories."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        u"db"_s,
        QApplication::translate("main",
                                "Database URL: postgresql://user@host:port/db or "
                                "sqlite:///path/file.db. Default: $CALLOUTDESK_DB, then the "
                                "settings, then the embedded demo."),
        u"url"_s);
    const QCommandLineOption demoOption(
        u"demo"_s, QApplication::translate("main", "Open the embedded demo database."));
    const QCommandLineOption indexOption(
        u"index"_s,
        QApplication::translate("main",
                                "Search index URL, http(s)://[user:password@]host:9200. Default: "
                                "$CALLOUTDESK_INDEX, then the settings; none means no index."),
        u"url"_s);
    const QCommandLineOption asOption(
        u"as"_s,
        QApplication::translate("main",
                                "Who is at the desk: doctor:ID, labuser:ID or support:ID "
                                "(the demo signs in its support login)."),
        u"kind:id"_s);
    parser.addOption(dbOption);
    parser.addOption(demoOption);
    parser.addOption(indexOption);
    parser.addOption(asOption);
    const QCommandLineOption smtpOption(
        u"smtp"_s,
        QApplication::translate("main",
                                "Mail server for callout emails, smtp[s]://[user@]host:port/"
                                "?from=address[&starttls=1]. Default: $CALLOUTDESK_SMTP, then "
                                "the settings; password from $CALLOUTDESK_SMTP_PASSWORD."),
        u"url"_s);
    const QCommandLineOption faxOption(
        u"fax-gateway"_s, QApplication::translate("main", "Fax gateway URL (see the README)."),
        u"url"_s);
    const QCommandLineOption smsOption(
        u"sms-gateway"_s, QApplication::translate("main", "SMS gateway URL (see the README)."),
        u"url"_s);
    const QCommandLineOption whatsappOption(
        u"whatsapp-gateway"_s,
        QApplication::translate("main", "WhatsApp gateway URL (see the README)."), u"url"_s);
    parser.addOption(smtpOption);
    parser.addOption(faxOption);
    parser.addOption(smsOption);
    parser.addOption(whatsappOption);
    if (const std::optional<int> answered = answerWithoutDisplay(parser, argc, argv))
        return *answered;

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"CalloutDesk"_s);
    QApplication::setDesktopFileName(u"calloutdesk"_s);
    parser.process(app);

    const QSettings settings;
    const auto configured = DatabaseUrlSource::choose(parser.value(dbOption), settings);

    std::optional<DatabaseStartup> startup;
    // Signed in while the server could not be reached (SPEC O5).
    std::optional<SessionScope> offlinePerson;
    QString problem;
    if (!parser.isSet(demoOption) && configured && !*configured) {
        // A password in the settings file: refused, so no database rather than the demo,
        // which would hide that the lab's own database is not in use.
        problem = configured->failure().message;
    } else {
        const DatabaseUrlSource::Choice choice = parser.isSet(demoOption) || !configured
            ? DatabaseUrlSource::embeddedDemo()
            : configured->value();
        const auto url = DatabaseUrl::parse(choice.url);
        if (url) {
            DatabaseUrl database = url.value();
            // A PostgreSQL URL that names no login: the person at the desk signs in with
            // their own (SPEC A1). The password stays in this process's memory only.
            if (database.isPostgreSql() && database.userName().isEmpty()) {
                SignInDialog signIn(database);
                if (signIn.exec() != QDialog::Accepted || !signIn.signedIn())
                    return 0;
                database = *signIn.signedIn();
                offlinePerson = signIn.offlinePerson();
            }
            startup.emplace(database, choice.origin == DatabaseUrlSource::Origin::EmbeddedDemo,
                            parser.value(asOption));
        } else {
            problem = QApplication::translate("main", "The database URL from %1 is wrong: %2")
                          .arg(DatabaseUrlSource::describe(choice.origin), url.failure().message);
        }
    }
    if (!problem.isEmpty())
        std::fprintf(stderr, "calloutdesk: %s\n", qPrintable(problem));

    // The window's connection pool keeps the password from here on; no other copy stays.
    const std::optional<DatabaseUrl> server
        = startup ? std::optional<DatabaseUrl>(startup->url().withoutPassword()) : std::nullopt;
    MainWindow window(offlinePerson ? std::nullopt : std::exchange(startup, std::nullopt), problem);
    // A password the server checks at sign-in is kept, hashed, for offline sign-in (O5).
    window.setKeepsOfflineCredential(true);
    // The person's offline cache is kept up to date online and read from offline (O1, O2).
    window.setKeepsOfflineCache(true);
    // On PostgreSQL the desk watches whether its server can be reached (SPEC O2).
    if (server && server->isPostgreSql())
        window.setReachability(new ServerReachability(*server, {}));
    if (offlinePerson)
        window.openOffline(*std::exchange(startup, std::nullopt), *offlinePerson);
    // Another person signing in at the locked desk (SPEC A5) starts a session of their own.
    // Who they are comes from their login, never from the first person's --as.
    window.setStartupFactory(
        [](const DatabaseUrl &signedIn) { return DatabaseStartup(signedIn, false); });
    // The background workers share the desk's writing lane, signed in as whoever is at
    // the desk.
    const std::shared_ptr<ConnectionPool> database = window.connectionPool();

    // With a search index configured, this desk also sends committed changes to it (E4).
    const auto index = IndexEndpoint::configured(parser.value(indexOption), settings);
    std::unique_ptr<IndexSyncWorker> indexSync;
    if (database && index) {
        if (*index) {
            window.setWorklistIndex(index->value());
            IndexSync::Options options;
            options.worker = u"calloutdesk:%1"_s.arg(QCoreApplication::applicationPid());
            indexSync = std::make_unique<IndexSyncWorker>(database, index->value(), options);
            QObject::connect(indexSync.get(), &IndexSyncWorker::drained, &window,
                             &MainWindow::showIndexSyncState);
            QObject::connect(indexSync.get(), &IndexSyncWorker::stopped, &window,
                             &MainWindow::showSchemaUpgradedPast);
            indexSync->start();
        } else {
            window.showIndexSyncState(0, 0, 0, index->failure().message);
        }
    }

    // This desk also sends the messages of done callouts through the channels it is
    // configured for (N1–N3); messages for other channels wait for a desk that has them.
    std::unique_ptr<NotificationWorker> notifications;
    QFileSystemWatcher settingsWatcher;
    if (database) {
        const NotificationSetup::CommandLine channels{
            parser.value(smtpOption), parser.value(faxOption), parser.value(smsOption),
            parser.value(whatsappOption)};
        // Checked here once, so a wrong setting is said at start rather than per message.
        const NotificationSetup::Channels check
            = NotificationSetup::fromConfiguration(channels, settings,
                                                   NotificationSetup::Keychain::Skip);
        for (const QString &problem : check.problems)
            std::fprintf(stderr, "calloutdesk: %s\n", qPrintable(problem));
        if (!check.channels->isEmpty()) {
            NotificationDispatcher::Options options;
            options.worker = u"calloutdesk:%1"_s.arg(QCoreApplication::applicationPid());
            notifications = std::make_unique<NotificationWorker>(
                database,
                [channels] {
                    return NotificationSetup::fromConfiguration(channels, QSettings()).channels;
                },
                [](DatabaseConnection &connection, const NotificationMessage &message) {
                    return NotificationContentReader(connection).read(message);
                },
                options);
            QObject::connect(notifications.get(), &NotificationWorker::drained, &window,
                             &MainWindow::showNotificationState);
            QObject::connect(notifications.get(), &NotificationWorker::stopped, &window,
                             &MainWindow::showSchemaUpgradedPast);
            notifications->start();
            // A channel paused because its settings were refused (N4) is tried again as
            // soon as the settings change, not only on the worker's slow timer.
            const QString settingsFolder = QFileInfo(settings.fileName()).absolutePath();
            if (QFileInfo::exists(settingsFolder))
                settingsWatcher.addPath(settingsFolder);
            QObject::connect(&settingsWatcher, &QFileSystemWatcher::directoryChanged,
                             notifications.get(), &NotificationWorker::reconfigure);
        }
        window.showNotificationChannels(check.channels->keys(), check.problems);
    }

    window.show();
    return app.exec();
}
