#pragma once

#include "backendconnection.h"

#include <expected>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Spanwise {

class SecretStore;

// The "where and as whom" half of the backend dialog: backend, URL, authentication (none,
// bearer token, basic), extra headers, TLS verification and timeout. Everything but the secret
// is remembered in the settings; the token or password goes to the SecretStore (the keyring
// when one runs, else this session only), and comes back from it when the same backend, URL
// and user are chosen again.
class ConnectionForm : public QWidget
{
    Q_OBJECT

public:
    ConnectionForm(SecretStore* secrets, QWidget* parent = nullptr);

    // The connection the fields describe, or why they do not make one.
    std::expected<BackendConnection, QString> connection() const;
    // Remembers the fields (the secret in the store); call when a request is sent.
    void remember();
    Backend backend() const;

signals:
    void backendChanged(Spanwise::Backend backend);

private:
    void restore();
    void updateFields();
    void loadSecret();
    QString secretKey() const;

    SecretStore* m_secrets;
    QComboBox* m_backend;
    QLineEdit* m_url;
    QComboBox* m_auth;
    QLineEdit* m_token;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QLineEdit* m_headers;
    QCheckBox* m_verifyTls;
    QCheckBox* m_keepSecret;
    QLabel* m_keyringNote;
    QSpinBox* m_timeout;
};

} // namespace Spanwise
