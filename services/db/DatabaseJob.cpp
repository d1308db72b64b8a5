#include "DatabaseJob.h"

namespace calloutdesk {

QThreadPool *DatabaseJob::pool()
{
    static QThreadPool *const pool = [] {
        auto *created = new QThreadPool;
        // The threads wait on servers, not on the CPU: more of them than cores keeps the
        // three worklist tabs' index reads and a password check from queueing behind each other.
        created->setMaxThreadCount(8);
        return created;
    }();
    return pool;
}

} // namespace calloutdesk
