#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QTemporaryDir>

namespace calloutdesk::test {

// A self-signed certificate for 127.0.0.1, made by openssl in a folder of its own, for the
// TLS tests: a test server presents it, and the program trusts it only when told to (ca=).
class TestCertificate
{
public:
    // Makes the certificate and its key; false, with the reason, when openssl fails.
    bool make(QString *error = nullptr);

    QString certificateFile() const { return m_dir.filePath(QStringLiteral("cert.pem")); }
    QString keyFile() const { return m_dir.filePath(QStringLiteral("key.pem")); }
    QSslCertificate certificate() const;
    QSslKey key() const;

private:
    QTemporaryDir m_dir;
};

} // namespace calloutdesk::test
