#pragma once

#include <QtGlobal>

#include <sys/resource.h>

#include <functional>

namespace calloutdesk::test {

// The most a process may write into one file (RLIMIT_FSIZE), as a full disk would stop
// it, without root or a small file system. A write past the limit fails with EFBIG
// ("File too large") instead of the SIGXFSZ that would kill the process.
class FileSizeLimit
{
public:
    // In this process, until the object goes.
    explicit FileSizeLimit(qint64 bytes);
    ~FileSizeLimit();

    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

    // For QProcess::setChildProcessModifier: in a child process only.
    static std::function<void()> inChild(qint64 bytes);

private:
    rlimit m_previous{};
    void (*m_previousHandler)(int) = nullptr;
};

} // namespace calloutdesk::test
