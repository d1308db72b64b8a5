#pragma once

#include "services/Failure.h"

#include <QStringList>
#include <QTextStream>

namespace calloutdesk {

// calloutctl: everything an administrator might script, on the same services as the
// desktop program. Exit codes: 0 done, 2 refused input, 3 stale or conflicting,
// 1 internal error or unreachable server.
class CommandLineTool
{
public:
    enum ExitCode
    {
        Success = 0,
        InternalError = 1,
        InvalidInput = 2,
        Conflict = 3
    };

    CommandLineTool(QTextStream &out, QTextStream &err);
    int run(const QStringList &arguments);

    static int exitCodeFor(const Failure &failure);

private:
    int fail(const Failure &failure);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace calloutdesk
