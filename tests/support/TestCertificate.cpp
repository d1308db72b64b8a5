#include "TestCertificate.h"

#include <QFile>
#include <QProcess>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk::test {

bool TestCertificate::make(QString *error)
{
    return run({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                keyFile(), u"-out"_s, certificateFile(), u"-days"_s, u"2"_s, u"-subj"_s,
                u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s},
               error)
        && valid(error);
}

bool TestCertificate::makeExpired(QString *error)
{
    QFile config(m_dir.filePath(u"ca.cnf"_s));
    QFile serial(m_dir.filePath(u"serial"_s));
    QFile database(m_dir.filePath(u"index.txt"_s));
    if (!config.open(QIODevice::WriteOnly) || !serial.open(QIODevice::WriteOnly)
        || !database.open(QIODevice::WriteOnly)) {
        if (error)
            *error = u"cannot write the CA files in %1"_s.arg(m_dir.path());
        return false;
    }
    config.write("[ca]\ndefault_ca = expired\n[expired]\ndatabase = index.txt\n"
                 "new_certs_dir = .\nserial = serial\ndefault_md = sha256\npolicy = any\n"
                 "x509_extensions = leaf\n[any]\ncommonName = supplied\n"
                 "[leaf]\nsubjectAltName = IP:127.0.0.1\n");
    serial.write("01\n");
    config.close();
    serial.close();
    database.close();
    const QString request = m_dir.filePath(u"request.csr"_s);
    return run({u"req"_s, u"-new"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                keyFile(), u"-out"_s, request, u"-subj"_s, u"/CN=127.0.0.1"_s},
               error)
        && run({u"ca"_s, u"-config"_s, config.fileName(), u"-selfsign"_s, u"-keyfile"_s, keyFile(),
                u"-in"_s, request, u"-out"_s, certificateFile(), u"-startdate"_s,
                u"20200101000000Z"_s, u"-enddate"_s, u"20200102000000Z"_s, u"-batch"_s,
                u"-notext"_s},
               error)
        && valid(error);
}

bool TestCertificate::run(const QStringList &arguments, QString *error)
{
    QProcess openssl;
    openssl.setWorkingDirectory(m_dir.path());
    openssl.start(u"openssl"_s, arguments);
    if (m_dir.isValid() && openssl.waitForFinished(60000)
        && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0)
        return true;
    if (error)
        *error = u"openssl %1 failed: %2"_s.arg(arguments.first(),
                                                QString::fromUtf8(openssl.readAllStandardError()));
    return false;
}

bool TestCertificate::valid(QString *error) const
{
    if (!certificate().isNull())
        return true;
    if (error)
        *error = u"openssl made no readable certificate in %1"_s.arg(m_dir.path());
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
