#include "StandardErrorCapture.h"

#include <QByteArray>

#include <unistd.h>

namespace calloutdesk {

StandardErrorCapture::StandardErrorCapture()
{
    std::fflush(stderr);
    m_capture = std::tmpfile();
    if (!m_capture)
        return; // nothing taken: the library's lines reach the terminal, nothing is lost
    m_saved = dup(STDERR_FILENO);
    if (m_saved >= 0 && dup2(fileno(m_capture), STDERR_FILENO) >= 0)
        return;
    if (m_saved >= 0)
        close(m_saved);
    m_saved = -1;
    std::fclose(m_capture);
    m_capture = nullptr;
}

StandardErrorCapture::~StandardErrorCapture()
{
    restore();
    if (m_capture)
        std::fclose(m_capture);
}

void StandardErrorCapture::restore()
{
    if (m_saved < 0)
        return;
    std::fflush(stderr);
    dup2(m_saved, STDERR_FILENO);
    close(m_saved);
    m_saved = -1;
}

QString StandardErrorCapture::take()
{
    restore();
    if (!m_capture)
        return {};
    QByteArray printed;
    std::rewind(m_capture);
    char chunk[4096];
    for (size_t read = 0; (read = std::fread(chunk, 1, sizeof chunk, m_capture)) > 0;)
        printed.append(chunk, qsizetype(read));
    return QString::fromLocal8Bit(printed);
}

} // namespace calloutdesk
