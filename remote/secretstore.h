#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace Spanwise {

// Where backend tokens and passwords live: the desktop's keyring (Secret Service, KWallet,
// through QtKeychain) when one is running, and otherwise only in this process's memory for the
// session, never in the settings file. Asynchronous, as keyrings are (they may ask the user).
class SecretStore : public QObject
{
    Q_OBJECT

public:
    explicit SecretStore(QObject* parent = nullptr);

    // Keeps the secret for this session, and in the keyring when `persist` and one answers.
    // An empty secret forgets it.
    void store(const QString& key, const QString& secret, bool persist);
    // The secret (empty when none), from this session first, else from the keyring.
    void load(const QString& key, std::function<void(const QString&)> done);
    // Whether the last keyring call worked; false until one did.
    bool keyringWorks() const { return m_keyringWorks; }
    // Why the keyring could not be used, for the dialog to say; empty when it could.
    const QString& keyringProblem() const { return m_keyringProblem; }

    // The keyring's service name, and the key of a connection's secret.
    static QString serviceName() { return QStringLiteral("Spanwise"); }
    static QString keyOf(const QString& backend, const QString& url, const QString& user);

signals:
    void keyringStateChanged();

private:
    void noteKeyring(bool works, const QString& problem);

    QHash<QString, QString> m_session;
    bool m_keyringWorks = false;
    QString m_keyringProblem;
};

} // namespace Spanwise
