#pragma once

#include "DatabaseUrl.h"
#include "services/Failure.h"

#include <QFuture>
#include <QString>

namespace calloutdesk {

// What a desk does with its database before showing data: connect, bring the schema up
// to date and, for the embedded demo only, fill an empty database with sample data.
// prepare() blocks and is meant for a worker thread; start() runs it on the thread pool.
class DatabaseStartup
{
public:
    struct Report
    {
        QString location; // the URL without password
        int schemaVersion = 0;
        bool demoDataWritten = false;
        QStringList labNames;
        qint64 orders = 0;
    };

    DatabaseStartup(const DatabaseUrl &url, bool fillEmptyWithDemoData);

    Result<Report> prepare() const;
    QFuture<Result<Report>> start() const;

    const DatabaseUrl &url() const { return m_url; }

private:
    DatabaseUrl m_url;
    bool m_fillEmptyWithDemoData;
};

} // namespace calloutdesk
