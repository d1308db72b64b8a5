#include "SchemaCommand.h"

#include "CommandLineTool.h"
#include "CommandOutput.h"
#include "services/access/DeskLogins.h"
#include "services/db/DatabaseConnection.h"
#include "services/db/MigrationRunner.h"

namespace calloutdesk {

SchemaCommand::SchemaCommand(CommandOutput &output)
    : m_output(output)
{ }

Result<DemoDataGenerator::Options> SchemaCommand::demoOptions(const DemoArguments &arguments)
{
    DemoDataGenerator::Options demo;
    bool ok = false;
    demo.seed = arguments.seed.toULongLong(&ok);
    if (!ok) {
        return Failure::invalidInput(
            tr("--seed must be a whole number of zero or more, not \"%1\".").arg(arguments.seed));
    }
    demo.orders = arguments.orders.toInt(&ok);
    if (!ok || demo.orders < 1 || demo.orders > DemoDataGenerator::maxOrders) {
        return Failure::invalidInput(tr("--orders must be a whole number from 1 to %1, not \"%2\".")
                                         .arg(DemoDataGenerator::maxOrders)
                                         .arg(arguments.orders));
    }
    if (!arguments.anchor.isEmpty()) {
        demo.anchor = QDate::fromString(arguments.anchor, Qt::ISODate);
        if (!demo.anchor.isValid()) {
            return Failure::invalidInput(
                tr("--anchor must be a date written YYYY-MM-DD, not \"%1\".")
                    .arg(arguments.anchor));
        }
    }
    return demo;
}

int SchemaCommand::migrate(DatabaseConnection &db)
{
    const auto migrated = MigrationRunner(db).migrate();
    if (!migrated)
        return m_output.fail(migrated.failure());
    const MigrationRunner::Outcome &outcome = migrated.value();
    if (outcome.applied.isEmpty()) {
        m_output.out() << tr("Schema of %1 is at version %2; nothing to apply.")
                              .arg(db.url().displayString())
                              .arg(outcome.toVersion)
                       << Qt::endl;
    } else {
        m_output.out() << tr("Schema of %1 upgraded from version %2 to %3.")
                              .arg(db.url().displayString())
                              .arg(outcome.fromVersion)
                              .arg(outcome.toVersion)
                       << Qt::endl;
    }
    return CommandLineTool::Success;
}

int SchemaCommand::demo(DatabaseConnection &db, const DemoDataGenerator::Options &options)
{
    if (const int migrated = migrate(db); migrated != CommandLineTool::Success)
        return migrated;
    const auto generated = DemoDataGenerator(db).generate(options);
    if (!generated)
        return m_output.fail(generated.failure());
    const DemoDataGenerator::Summary &summary = generated.value();
    m_output.out() << tr("Demo data written in %1 s: %2 labs, %3 patients, %4 orders, %5 reports, "
                         "%6 report values, %7 callout records.")
                          .arg(QString::number(double(summary.milliseconds) / 1000.0, 'f', 1))
                          .arg(summary.labs)
                          .arg(summary.patients)
                          .arg(summary.orders)
                          .arg(summary.reports)
                          .arg(summary.reportValues)
                          .arg(summary.callouts)
                   << Qt::endl;
    if (!db.isPostgreSql())
        return CommandLineTool::Success;
    // On PostgreSQL each sample person gets a login to try the sign-in with (SPEC A7).
    DeskLogins logins(db);
    const auto people = logins.people();
    if (!people)
        return m_output.fail(people.failure());
    for (const DeskLogins::Person &person : people.value()) {
        const QString login = DeskLogins::demoLoginName(db.url().databaseName(), person);
        Status made = logins.add(login, person, demoPassword);
        if (!made && made.failure().kind == Failure::Kind::Conflict)
            made = logins.link(login, person);
        if (!made)
            return m_output.fail(made.failure());
    }
    m_output.out() << tr("%1 demo logins, password \"%2\" (calloutctl user list).")
                          .arg(people.value().size())
                          .arg(demoPassword)
                   << Qt::endl;
    return CommandLineTool::Success;
}

} // namespace calloutdesk
