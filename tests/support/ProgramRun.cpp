#include "ProgramRun.h"

#include <QProcess>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

ProgramRun ProgramRun::of(const QString &program, const QStringList &arguments,
                          const QMap<QString, QString> &environment)
{
    QProcess process;
    QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
    variables.remove(u"CALLOUTDESK_DB"_s);
    for (auto it = environment.begin(); it != environment.end(); ++it) {
        if (it.value().isEmpty())
            variables.remove(it.key());
        else
            variables.insert(it.key(), it.value());
    }
    process.setProcessEnvironment(variables);
    process.start(program, arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace calloutdesk::test
