#include "CommandLineTool.h"

#include "services/db/DatabaseConnection.h"
#include "services/db/DatabaseUrl.h"
#include "services/db/DatabaseUrlSource.h"
#include "services/db/DemoDataGenerator.h"
#include "services/db/MigrationRunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("calloutctl", text);
}

const QStringList commands = {u"migrate"_s, u"demo"_s};

} // namespace

CommandLineTool::CommandLineTool(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int CommandLineTool::exitCodeFor(const Failure &failure)
{
    switch (failure.kind) {
    case Failure::Kind::InvalidInput:
        return InvalidInput;
    case Failure::Kind::Conflict:
        return Conflict;
    case Failure::Kind::Unavailable:
    case Failure::Kind::Internal:
        return InternalError;
    }
    return InternalError;
}

int CommandLineTool::fail(const Failure &failure)
{
    m_err << "calloutctl: " << failure.message << Qt::endl;
    return exitCodeFor(failure);
}

int CommandLineTool::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Command-line tool of CalloutDesk.\n\nCommands:\n"
           "  migrate   create or upgrade the database schema\n"
           "  demo      migrate, then fill an empty database with a deterministic sample lab"));
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, tr("Show this help."));
    const QCommandLineOption versionOption(u"version"_s, tr("Show the version."));
    const QCommandLineOption dbOption(
        u"db"_s,
        tr("Database URL (postgresql://user@host:port/db or sqlite:///path/file.db); default "
           "$CALLOUTDESK_DB, then the settings."),
        u"url"_s);
    const QCommandLineOption seedOption(u"seed"_s, tr("demo: random seed (default 1)."), u"n"_s,
                                        u"1"_s);
    const QCommandLineOption ordersOption(u"orders"_s, tr("demo: number of orders (default 400)."),
                                          u"n"_s, u"400"_s);
    const QCommandLineOption anchorOption(
        u"anchor"_s, tr("demo: the day the sample orders end on, YYYY-MM-DD (default today)."),
        u"date"_s);
    parser.addOptions(
        {helpOption, versionOption, dbOption, seedOption, ordersOption, anchorOption});
    parser.addPositionalArgument(u"command"_s, commands.join(u" | "_s));

    if (!parser.parse(arguments))
        return fail(Failure::invalidInput(parser.errorText()));
    if (parser.isSet(helpOption)) {
        m_out << parser.helpText();
        return Success;
    }
    if (parser.isSet(versionOption)) {
        m_out << "calloutctl " << QCoreApplication::applicationVersion() << Qt::endl;
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !commands.contains(positional.first())) {
        return fail(Failure::invalidInput(
            positional.isEmpty()
                ? tr("No command given; expected one of: %1.").arg(commands.join(u", "_s))
                : tr("Unknown command \"%1\"; expected one of: %2.")
                      .arg(positional.join(u' '), commands.join(u", "_s))));
    }
    const QString command = positional.first();

    DemoDataGenerator::Options demo;
    if (command == u"demo") {
        bool ok = false;
        demo.seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok) {
            return fail(Failure::invalidInput(
                tr("--seed must be a whole number of zero or more, not \"%1\".")
                    .arg(parser.value(seedOption))));
        }
        demo.orders = parser.value(ordersOption).toInt(&ok);
        if (!ok || demo.orders < 1 || demo.orders > DemoDataGenerator::maxOrders) {
            return fail(Failure::invalidInput(
                tr("--orders must be a whole number from 1 to %1, not \"%2\".")
                    .arg(DemoDataGenerator::maxOrders)
                    .arg(parser.value(ordersOption))));
        }
        if (parser.isSet(anchorOption)) {
            demo.anchor = QDate::fromString(parser.value(anchorOption), Qt::ISODate);
            if (!demo.anchor.isValid()) {
                return fail(Failure::invalidInput(
                    tr("--anchor must be a date written YYYY-MM-DD, not \"%1\".")
                        .arg(parser.value(anchorOption))));
            }
        }
    }

    const QSettings settings;
    const auto choice = DatabaseUrlSource::choose(parser.value(dbOption), settings);
    if (!choice) {
        return fail(Failure::invalidInput(
            tr("No database given: use --db URL or set %1.")
                .arg(QLatin1StringView(DatabaseUrlSource::environmentVariable))));
    }
    const auto url = DatabaseUrl::parse(choice->url);
    if (!url)
        return fail(url.failure());

    auto connection = DatabaseConnection::open(url.value(), u"calloutctl"_s);
    if (!connection)
        return fail(connection.failure());

    MigrationRunner migrations(*connection.value());
    const auto migrated = migrations.migrate();
    if (!migrated)
        return fail(migrated.failure());
    const MigrationRunner::Outcome &outcome = migrated.value();
    if (outcome.applied.isEmpty()) {
        m_out << tr("Schema of %1 is at version %2; nothing to apply.")
                     .arg(url.value().displayString())
                     .arg(outcome.toVersion)
              << Qt::endl;
    } else {
        m_out << tr("Schema of %1 upgraded from version %2 to %3.")
                     .arg(url.value().displayString())
                     .arg(outcome.fromVersion)
                     .arg(outcome.toVersion)
              << Qt::endl;
    }
    if (command == u"migrate")
        return Success;

    const auto generated = DemoDataGenerator(*connection.value()).generate(demo);
    if (!generated)
        return fail(generated.failure());
    const DemoDataGenerator::Summary &summary = generated.value();
    m_out << tr("Demo data written in %1 s: %2 labs, %3 patients, %4 orders, %5 reports, "
                "%6 report values, %7 callout records.")
                 .arg(QString::number(double(summary.milliseconds) / 1000.0, 'f', 1))
                 .arg(summary.labs)
                 .arg(summary.patients)
                 .arg(summary.orders)
                 .arg(summary.reports)
                 .arg(summary.reportValues)
                 .arg(summary.callouts)
          << Qt::endl;
    return Success;
}

} // namespace calloutdesk
