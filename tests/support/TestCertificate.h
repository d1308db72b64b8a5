#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace calloutdesk::test {

// A self-signed certificate for 127.0.0.1, made by openssl in a folder of its own, for the
// TLS tests: a test server presents it, and the program trusts it only when told to (ca=).
class TestCertificate
{
public:
    // Makes the certificate and its key; false, with the reason, when openssl fails.
    bool make(QString *error = nullptr);
    // The same, but valid only on 1 January 2020: expired, whoever trusts it. openssl req
    // cannot date a certificate in the past; openssl ca can, given a minimal CA setup.
    bool makeExpired(QString *error = nullptr);

    QString certificateFile() const { return m_dir.filePath(QStringLiteral("cert.pem")); }
    QString keyFile() const { return m_dir.filePath(QStringLiteral("key.pem")); }
    QSslCertificate certificate() const;
    QSslKey key() const;

private:
    bool run(const QStringList &arguments, QString *error);
    bool valid(QString *error) const;

    QTemporaryDir m_dir;
};

} // namespace calloutdesk::test
