#pragma once

#include <QString>

#include <cstdio>

namespace calloutdesk {

// Takes file descriptor 2 from the terminal while it lives, for a library that prints
// there itself: libxlsxwriter writes "[ERROR] …" lines of its own when a file of its
// fails, while calloutctl says what went wrong in one sentence. What was printed is given
// back by take(), for a log category; the terminal is given back in any case.
class StandardErrorCapture
{
public:
    StandardErrorCapture();
    ~StandardErrorCapture();

    StandardErrorCapture(const StandardErrorCapture &) = delete;
    StandardErrorCapture &operator=(const StandardErrorCapture &) = delete;

    // Gives the terminal back and returns what was printed meanwhile.
    QString take();

private:
    void restore();

    int m_saved = -1;
    std::FILE *m_capture = nullptr;
};

} // namespace calloutdesk
