#pragma once

#include <QString>

namespace calloutdesk {

// Where the desk suggests saving an export: the user's Documents folder, made if it is
// missing (a file dialog pointed at a missing folder falls back to the program's working
// folder, where nobody looks); the home folder if the system names no Documents folder.
class ExportFolder
{
public:
    static QString documents();
};

} // namespace calloutdesk
