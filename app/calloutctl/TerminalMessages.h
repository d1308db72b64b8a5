#pragma once

#include <QLoggingCategory>

// What Qt itself and the libraries print, which is not for the user's terminal unless asked
// for: QT_LOGGING_RULES="calloutdesk.libraries.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcLibraries)

namespace calloutdesk {

// calloutctl's standard error carries its own sentences (one line per failure) and the log
// messages of CalloutDesk's categories that QT_LOGGING_RULES turns on, nothing else. Qt's
// own warnings, such as QtSql's "Unable to free statement: no connection to the server"
// and "QSqlQuery::exec: database not open" when the server dies in the middle of a
// command, become debug messages of calloutdesk.libraries, after the command's one
// sentence has said what happened.
class TerminalMessages
{
public:
    // Installs the message handler for the life of the process.
    static void install();
    // Where the handler writes: the standard error the process started with, even while a
    // StandardErrorCapture has taken file descriptor 2.
    static FILE *terminal();
};

} // namespace calloutdesk
