#include "TestCertificate.h"

#include <QFile>
#include <QProcess>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

bool TestCertificate::make(QString *error)
{
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                   keyFile(), u"-out"_s, certificateFile(), u"-days"_s, u"2"_s, u"-subj"_s,
                   u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s});
    if (m_dir.isValid() && openssl.waitForFinished(60000)
        && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0
        && !certificate().isNull())
        return true;
    if (error)
        *error = u"openssl made no certificate: %1"_s.arg(
            QString::fromUtf8(openssl.readAllStandardError()));
    return false;
}

QSslCertificate TestCertificate::certificate() const
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificateFile());
    return certificates.size() == 1 ? certificates.first() : QSslCertificate();
}

QSslKey TestCertificate::key() const
{
    QFile file(keyFile());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QSslKey(&file, QSsl::Rsa);
}

} // namespace calloutdesk::test
