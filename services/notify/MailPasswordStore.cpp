#include "MailPasswordStore.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>

using namespace Qt::Literals::StringLiterals;

namespace calloutdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MailPasswordStore", text);
}

// Runs a keychain job to its end in the calling thread.
void runToEnd(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

} // namespace

QString MailPasswordStore::keyFor(const SmtpSettings &settings)
{
    return u"smtp:%1@%2:%3"_s.arg(settings.userName(), settings.host()).arg(settings.port());
}

Result<QString> MailPasswordStore::read(const SmtpSettings &settings)
{
    QKeychain::ReadPasswordJob job(QString::fromLatin1(service));
    // Never fall back to a plain file: that is what the keychain is for.
    job.setInsecureFallback(false);
    job.setKey(keyFor(settings));
    runToEnd(job);
    if (job.error() != QKeychain::NoError)
        return Failure::unavailable(
            tr("The keychain has no password for %1 (%2).").arg(keyFor(settings), job.errorString()));
    return job.textData();
}

Status MailPasswordStore::store(const SmtpSettings &settings, const QString &password)
{
    QKeychain::WritePasswordJob job(QString::fromLatin1(service));
    job.setInsecureFallback(false);
    job.setKey(keyFor(settings));
    job.setTextData(password);
    runToEnd(job);
    if (job.error() != QKeychain::NoError)
        return Failure::unavailable(
            tr("The password could not be stored in the keychain: %1.").arg(job.errorString()));
    return Done{};
}

} // namespace calloutdesk
