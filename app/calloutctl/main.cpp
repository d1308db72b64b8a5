// The command-line tool's composition root.
#include "CommandLineTool.h"
#include "TerminalMessages.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    calloutdesk::TerminalMessages::install();
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"CalloutDesk"_s);
    QCoreApplication::setApplicationName(u"calloutdesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(CALLOUTDESK_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    return calloutdesk::CommandLineTool(out, err).run(QCoreApplication::arguments());
}
