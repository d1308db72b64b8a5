#pragma once

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace calloutdesk::test {

// One run of a program of ours (calloutctl) as a real process: its exit code (-1 when it
// did not end within two minutes, -2 when it crashed) and what it printed.
struct ProgramRun
{
    int exitCode = -1;
    QString out;
    QString err;

    // Runs program with the test's environment minus CALLOUTDESK_DB, plus `environment`
    // (an empty value unsets that variable); standard input is closed at once.
    static ProgramRun of(const QString &program, const QStringList &arguments,
                         const QMap<QString, QString> &environment = {});

    // That environment, for a test that drives the process itself (a long-running one).
    static QProcessEnvironment environmentWith(const QMap<QString, QString> &changes);
};

} // namespace calloutdesk::test
