#include "connectionform.h"

#include "secretstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QSettings>
#include <QSpinBox>

namespace Spanwise {
namespace {

enum AuthKind { NoAuth, BearerToken, BasicAuth };

const QString settingsGroup = QStringLiteral("backend/");

} // namespace

ConnectionForm::ConnectionForm(SecretStore* secrets, QWidget* parent)
    : QWidget(parent)
    , m_secrets(secrets)
    , m_backend(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_auth(new QComboBox(this))
    , m_token(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_headers(new QLineEdit(this))
    , m_verifyTls(new QCheckBox(tr("&Verify TLS certificates"), this))
    , m_keepSecret(new QCheckBox(tr("&Keep the secret in the desktop keyring"), this))
    , m_keyringNote(new QLabel(this))
    , m_timeout(new QSpinBox(this))
{
    m_backend->addItem(QStringLiteral("Jaeger"), int(Backend::Jaeger));
    m_backend->addItem(QStringLiteral("Grafana Tempo"), int(Backend::Tempo));
    m_backend->addItem(QStringLiteral("Zipkin"), int(Backend::Zipkin));
    m_backend->setObjectName(QStringLiteral("backend"));
    m_url->setObjectName(QStringLiteral("url"));
    m_auth->addItems({tr("None"), tr("Bearer token"), tr("User and password")});
    m_auth->setObjectName(QStringLiteral("auth"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setObjectName(QStringLiteral("token"));
    m_password->setEchoMode(QLineEdit::Password);
    m_headers->setPlaceholderText(tr("X-Scope-OrgID: team-a; Other-Header: value"));
    m_headers->setObjectName(QStringLiteral("headers"));
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(tr(" s"));
    m_keyringNote->setWordWrap(true);
    m_keyringNote->setObjectName(QStringLiteral("keyringNote"));

    auto* credentials = new QWidget(this);
    auto* credentialsLayout = new QHBoxLayout(credentials);
    credentialsLayout->setContentsMargins(0, 0, 0, 0);
    credentialsLayout->addWidget(m_token);
    credentialsLayout->addWidget(m_user);
    credentialsLayout->addWidget(m_password);
    m_token->setPlaceholderText(tr("token"));
    m_user->setPlaceholderText(tr("user"));
    m_password->setPlaceholderText(tr("password"));

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Backend:"), m_backend);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Authentication:"), m_auth);
    form->addRow(QString(), credentials);
    form->addRow(QString(), m_keepSecret);
    form->addRow(QString(), m_keyringNote);
    form->addRow(tr("&Headers:"), m_headers);
    form->addRow(QString(), m_verifyTls);
    form->addRow(tr("&Timeout:"), m_timeout);

    restore();
    connect(m_backend, &QComboBox::currentIndexChanged, this, [this] {
        m_url->setPlaceholderText(defaultBaseUrl(backend()));
        updateFields();
        loadSecret();
        emit backendChanged(backend());
    });
    connect(m_auth, &QComboBox::currentIndexChanged, this, &ConnectionForm::updateFields);
    connect(m_url, &QLineEdit::editingFinished, this, &ConnectionForm::loadSecret);
    connect(m_user, &QLineEdit::editingFinished, this, &ConnectionForm::loadSecret);
    connect(m_secrets, &SecretStore::keyringStateChanged, this, &ConnectionForm::updateFields);
    updateFields();
    loadSecret();
}

Backend ConnectionForm::backend() const
{
    return static_cast<Backend>(m_backend->currentData().toInt());
}

void ConnectionForm::restore()
{
    const QSettings settings;
    const auto backend = backendNamed(settings.value(settingsGroup + QStringLiteral("kind")).toString());
    m_backend->setCurrentIndex(std::max(0, m_backend->findData(int(backend.value_or(Backend::Jaeger)))));
    m_url->setPlaceholderText(defaultBaseUrl(this->backend()));
    m_url->setText(settings.value(settingsGroup + QStringLiteral("url")).toString());
    m_auth->setCurrentIndex(settings.value(settingsGroup + QStringLiteral("auth"), NoAuth).toInt());
    m_user->setText(settings.value(settingsGroup + QStringLiteral("user")).toString());
    m_headers->setText(settings.value(settingsGroup + QStringLiteral("headers")).toString());
    m_verifyTls->setChecked(settings.value(settingsGroup + QStringLiteral("verifyTls"), true).toBool());
    m_keepSecret->setChecked(settings.value(settingsGroup + QStringLiteral("keepSecret"), true).toBool());
    m_timeout->setValue(settings.value(settingsGroup + QStringLiteral("timeout"), 30).toInt());
}

void ConnectionForm::remember()
{
    QSettings settings;
    settings.setValue(settingsGroup + QStringLiteral("kind"), backendName(backend()));
    settings.setValue(settingsGroup + QStringLiteral("url"), m_url->text().trimmed());
    settings.setValue(settingsGroup + QStringLiteral("auth"), m_auth->currentIndex());
    settings.setValue(settingsGroup + QStringLiteral("user"), m_user->text().trimmed());
    settings.setValue(settingsGroup + QStringLiteral("headers"), m_headers->text());
    settings.setValue(settingsGroup + QStringLiteral("verifyTls"), m_verifyTls->isChecked());
    settings.setValue(settingsGroup + QStringLiteral("keepSecret"), m_keepSecret->isChecked());
    settings.setValue(settingsGroup + QStringLiteral("timeout"), m_timeout->value());
    const QString secret = m_auth->currentIndex() == BearerToken ? m_token->text()
        : m_auth->currentIndex() == BasicAuth                    ? m_password->text()
                                                                 : QString();
    if (m_auth->currentIndex() != NoAuth)
        m_secrets->store(secretKey(), secret, m_keepSecret->isChecked());
}

QString ConnectionForm::secretKey() const
{
    const QString url = m_url->text().trimmed().isEmpty() ? defaultBaseUrl(backend()) : m_url->text().trimmed();
    return SecretStore::keyOf(backendName(backend()), url,
        m_auth->currentIndex() == BasicAuth ? m_user->text().trimmed() : QStringLiteral("(token)"));
}

void ConnectionForm::loadSecret()
{
    if (m_auth->currentIndex() == NoAuth)
        return;
    QLineEdit* field = m_auth->currentIndex() == BearerToken ? m_token : m_password;
    m_secrets->load(secretKey(), [field = QPointer<QLineEdit>(field)](const QString& secret) {
        if (field && field->text().isEmpty())
            field->setText(secret);
    });
}

void ConnectionForm::updateFields()
{
    const int auth = m_auth->currentIndex();
    m_token->setVisible(auth == BearerToken);
    m_user->setVisible(auth == BasicAuth);
    m_password->setVisible(auth == BasicAuth);
    m_keepSecret->setVisible(auth != NoAuth);
    m_keyringNote->setVisible(auth != NoAuth && !m_secrets->keyringProblem().isEmpty());
    m_keyringNote->setText(tr("No keyring answers: the secret is kept for this session only."));
    m_keyringNote->setToolTip(m_secrets->keyringProblem());
}

std::expected<BackendConnection, QString> ConnectionForm::connection() const
{
    BackendConnection connection;
    connection.backend = backend();
    const QString urlText = m_url->text().trimmed().isEmpty() ? defaultBaseUrl(backend()) : m_url->text().trimmed();
    connection.base = QUrl(urlText, QUrl::StrictMode);
    if (!connection.base.isValid() ||
        (connection.base.scheme() != QLatin1String("http") && connection.base.scheme() != QLatin1String("https")))
        return std::unexpected(tr("\"%1\" is not an http:// or https:// URL").arg(urlText));
    if (m_auth->currentIndex() == BearerToken)
        connection.token = m_token->text();
    if (m_auth->currentIndex() == BasicAuth) {
        connection.user = m_user->text().trimmed();
        connection.password = m_password->text();
        if (connection.user.isEmpty())
            return std::unexpected(tr("Basic authentication needs a user name"));
    }
    for (const QString& header : m_headers->text().split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype colon = header.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return std::unexpected(tr("A header is \"Name: value\", not \"%1\"").arg(header.trimmed()));
        connection.headers.append({header.left(colon).trimmed().toUtf8(), header.mid(colon + 1).trimmed().toUtf8()});
    }
    connection.insecure = !m_verifyTls->isChecked();
    connection.timeoutMs = m_timeout->value() * 1000;
    return connection;
}

} // namespace Spanwise
