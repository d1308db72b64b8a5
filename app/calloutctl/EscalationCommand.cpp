#include "EscalationCommand.h"

#include "CommandLineTool.h"
#include "CommandOutput.h"
#include "services/callout/EscalationContacts.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QJsonObject toJson(const EscalationContact &contact)
{
    return {{u"id"_s, contact.id},
            {u"lab_id"_s, contact.labId},
            {u"department_id"_s, contact.departmentId},
            {u"department"_s, contact.departmentName},
            {u"name"_s, contact.name},
            {u"role"_s, contact.role},
            {u"phone"_s, contact.phone},
            {u"email"_s, contact.email},
            {u"order"_s, contact.callOrder}};
}

// A positive whole number typed after `option`, or why not.
Result<qint64> wholeNumber(const std::optional<QString> &typed, const QString &option,
                           const QString &what)
{
    bool ok = false;
    const qint64 value = typed ? typed->trimmed().toLongLong(&ok) : 0;
    if (!typed || !ok || value <= 0)
        return Failure::invalidInput(
            EscalationCommand::tr("Name the %1 with %2 ID (a whole number).").arg(what, option));
    return value;
}

} // namespace

EscalationCommand::EscalationCommand(DatabaseConnection &connection, CommandOutput &output)
    : m_db(connection)
    , m_output(output)
{ }

Result<EscalationCommand::Plan> EscalationCommand::plan(const Arguments &arguments)
{
    Plan plan;
    plan.action = arguments.action;
    if (plan.action == u"remove") {
        const auto id = wholeNumber(arguments.id, u"--id"_s, tr("escalation contact"));
        if (!id)
            return id.failure();
        plan.id = id.value();
        return plan;
    }
    if (plan.action != u"add" && plan.action != u"list")
        return Failure::invalidInput(
            tr("Say what to do: escalation add, escalation list or escalation remove."));
    const auto lab = wholeNumber(arguments.lab, u"--lab"_s, tr("lab"));
    if (!lab)
        return lab.failure();
    plan.contact.labId = lab.value();
    if (plan.action == u"list") {
        if (arguments.department) {
            const auto department
                = wholeNumber(arguments.department, u"--department"_s, tr("department"));
            if (!department)
                return department.failure();
            plan.contact.departmentId = department.value();
            plan.oneDepartment = true;
        }
        return plan;
    }
    const auto department = wholeNumber(arguments.department, u"--department"_s, tr("department"));
    if (!department)
        return department.failure();
    EscalationContact typed;
    typed.labId = lab.value();
    typed.departmentId = department.value();
    typed.name = arguments.name;
    typed.role = arguments.role;
    typed.phone = arguments.phone;
    typed.email = arguments.email;
    if (arguments.order) {
        bool ok = false;
        typed.callOrder = arguments.order->trimmed().toInt(&ok);
        if (!ok || typed.callOrder < 1 || typed.callOrder > EscalationContact::maxCallOrder)
            return Failure::invalidInput(tr("--order must be a whole number from 1 to %1, not "
                                            "\"%2\".")
                                             .arg(EscalationContact::maxCallOrder)
                                             .arg(*arguments.order));
    }
    const auto contact = EscalationContacts::checked(typed);
    if (!contact)
        return contact.failure();
    plan.contact = contact.value();
    return plan;
}

void EscalationCommand::print(const EscalationContact &contact)
{
    m_output.out() << contact.id << u"  "_s << CommandOutput::oneLine(contact.departmentName)
                   << u" #"_s << contact.callOrder << u"  "_s
                   << CommandOutput::oneLine(contact.who()) << u"  "_s
                   << CommandOutput::oneLine(contact.reach()) << Qt::endl;
}

int EscalationCommand::run(const Plan &plan)
{
    EscalationContacts contacts(m_db);
    if (plan.action == u"add") {
        return m_output.show(contacts.add(plan.contact), toJson,
                             [this](const EscalationContact &added) {
                                 m_output.out() << tr("Added escalation contact:") << Qt::endl;
                                 print(added);
                             });
    }
    if (plan.action == u"remove") {
        return m_output.show(contacts.remove(plan.id), toJson,
                             [this](const EscalationContact &removed) {
                                 m_output.out() << tr("Removed escalation contact:") << Qt::endl;
                                 print(removed);
                             });
    }
    const auto listed = contacts.list(plan.contact.labId,
                                      plan.oneDepartment ? std::optional(plan.contact.departmentId)
                                                         : std::nullopt);
    return m_output.show(
        listed,
        [](const QList<EscalationContact> &all) {
            QJsonArray array;
            for (const EscalationContact &contact : all)
                array.append(toJson(contact));
            return array;
        },
        [this, &plan](const QList<EscalationContact> &all) {
            if (all.isEmpty())
                m_output.out()
                    << tr("Lab %1 has no escalation contacts%2.")
                           .arg(plan.contact.labId)
                           .arg(plan.oneDepartment
                                    ? tr(" in department %1").arg(plan.contact.departmentId)
                                    : QString())
                    << Qt::endl;
            for (const EscalationContact &contact : all)
                print(contact);
        });
}

} // namespace calloutdesk
