// The command-line tool's composition root.
#include "CommandLineTool.h"
#include "TerminalMessages.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

// A report written as a PDF is painted, and painting text needs fonts, which only a
// QGuiApplication has. On a server or in a cron job there is no display: it paints
// offscreen. Every other command stays a QCoreApplication, and needs no display plugin.
bool paintsPages(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView argument(argv[i]);
        if (argument == "--format=pdf"
            || (argument == "--format" && i + 1 < argc && QByteArrayView(argv[i + 1]) == "pdf"))
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    calloutdesk::TerminalMessages::install();
    std::unique_ptr<QCoreApplication> app;
    if (paintsPages(argc, argv)) {
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(u"CalloutDesk"_s);
    QCoreApplication::setApplicationName(u"calloutdesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(CALLOUTDESK_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    return calloutdesk::CommandLineTool(out, err).run(QCoreApplication::arguments());
}
