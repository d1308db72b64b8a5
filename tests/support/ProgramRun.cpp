#include "ProgramRun.h"

#include <QProcess>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

ProgramRun ProgramRun::of(const QString &program, const QStringList &arguments,
                          const QMap<QString, QString> &environment)
{
    QProcess process;
    process.setProcessEnvironment(environmentWith(environment));
    process.start(program, arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QProcessEnvironment ProgramRun::environmentWith(const QMap<QString, QString> &changes)
{
    QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
    variables.remove(u"CALLOUTDESK_DB"_s);
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isEmpty())
            variables.remove(it.key());
        else
            variables.insert(it.key(), it.value());
    }
    return variables;
}

} // namespace calloutdesk::test
