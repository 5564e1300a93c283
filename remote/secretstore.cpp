#include "secretstore.h"

#include <qt6keychain/keychain.h>

namespace Spanwise {

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
{ }

QString SecretStore::keyOf(const QString& backend, const QString& url, const QString& user)
{
    return backend + QLatin1Char(' ') + url + (user.isEmpty() ? QString() : QLatin1Char(' ') + user);
}

void SecretStore::noteKeyring(bool works, const QString& problem)
{
    if (works == m_keyringWorks && problem == m_keyringProblem)
        return;
    m_keyringWorks = works;
    m_keyringProblem = problem;
    emit keyringStateChanged();
}

void SecretStore::store(const QString& key, const QString& secret, bool persist)
{
    if (secret.isEmpty())
        m_session.remove(key);
    else
        m_session.insert(key, secret);
    if (!persist && !secret.isEmpty())
        return;
    QKeychain::Job* job = nullptr;
    if (secret.isEmpty()) {
        job = new QKeychain::DeletePasswordJob(serviceName(), this);
    } else {
        auto* write = new QKeychain::WritePasswordJob(serviceName(), this);
        write->setTextData(secret);
        job = write;
    }
    // Never QtKeychain's plain-text fallback: that is the settings file this class avoids.
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* done) {
        const bool works = done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound;
        noteKeyring(works, works ? QString() : done->errorString());
    });
    job->start();
}

void SecretStore::load(const QString& key, std::function<void(const QString&)> done)
{
    if (m_session.contains(key)) {
        done(m_session.value(key));
        return;
    }
    auto* read = new QKeychain::ReadPasswordJob(serviceName(), this);
    read->setInsecureFallback(false);
    read->setKey(key);
    connect(read, &QKeychain::Job::finished, this, [this, key, done = std::move(done)](QKeychain::Job* job) {
        const auto* result = static_cast<QKeychain::ReadPasswordJob*>(job);
        const bool works = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        noteKeyring(works, works ? QString() : job->errorString());
        const QString secret = job->error() == QKeychain::NoError ? result->textData() : QString();
        if (!secret.isEmpty())
            m_session.insert(key, secret);
        done(secret);
    });
    read->start();
}

} // namespace Spanwise
