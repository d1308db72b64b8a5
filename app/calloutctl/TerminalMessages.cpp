#include "TerminalMessages.h"

#include <cstdio>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcLibraries, "calloutdesk.libraries", QtWarningMsg)

namespace calloutdesk {

namespace {

FILE *terminalStream = nullptr;

void write(const QString &line)
{
    std::fprintf(TerminalMessages::terminal(), "%s\n", qPrintable(line));
    std::fflush(TerminalMessages::terminal());
}

void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // A category of ours reaches here only when QT_LOGGING_RULES has it on; a fatal
    // message is said whatever it is, as the program ends.
    const QByteArrayView category(context.category ? context.category : "");
    if (category.startsWith("calloutdesk.") || type == QtFatalMsg) {
        write(qFormatLogMessage(type, context, message));
        return;
    }
    if (lcLibraries().isDebugEnabled()) {
        write(QStringLiteral("calloutdesk.libraries: %1: %2")
                  .arg(QLatin1StringView(category), QString(message).replace(u'\n', u' ')));
    }
}

} // namespace

void TerminalMessages::install()
{
    if (const int descriptor = dup(STDERR_FILENO); descriptor >= 0)
        terminalStream = fdopen(descriptor, "w");
    qInstallMessageHandler(handle);
}

FILE *TerminalMessages::terminal()
{
    return terminalStream ? terminalStream : stderr;
}

} // namespace calloutdesk
