#include "FileSizeLimit.h"

#include <csignal>

namespace calloutdesk::test {

namespace {

void limit(qint64 bytes)
{
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited{};
    getrlimit(RLIMIT_FSIZE, &limited);
    limited.rlim_cur = rlim_t(bytes);
    setrlimit(RLIMIT_FSIZE, &limited);
}

} // namespace

FileSizeLimit::FileSizeLimit(qint64 bytes)
{
    getrlimit(RLIMIT_FSIZE, &m_previous);
    m_previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    limit(bytes);
}

FileSizeLimit::~FileSizeLimit()
{
    // Only the soft limit was lowered, which an unprivileged process may raise again.
    setrlimit(RLIMIT_FSIZE, &m_previous);
    std::signal(SIGXFSZ, m_previousHandler);
}

std::function<void()> FileSizeLimit::inChild(qint64 bytes)
{
    return [bytes] {
        limit(bytes);
    };
}

} // namespace calloutdesk::test
