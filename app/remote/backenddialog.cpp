#include "backenddialog.h"

#include "connectionform.h"
#include "query.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Spanwise {
namespace {

// The lookback choices: label and seconds.
const std::pair<const char*, int> lookbacks[] = {{"Last 15 minutes", 900}, {"Last hour", 3600},
    {"Last 6 hours", 6 * 3600}, {"Last 24 hours", 24 * 3600}, {"Last 7 days", 7 * 24 * 3600}};

} // namespace

BackendDialog::BackendDialog(SecretStore* secrets, QWidget* parent)
    : QDialog(parent)
    , m_secrets(secrets)
    , m_connection(new ConnectionForm(secrets, this))
    , m_network(new QNetworkAccessManager(this))
    , m_service(new QComboBox(this))
    , m_operation(new QComboBox(this))
    , m_tags(new QLineEdit(this))
    , m_minDuration(new QLineEdit(this))
    , m_lookback(new QComboBox(this))
    , m_limit(new QSpinBox(this))
    , m_traceQl(new QLineEdit(this))
    , m_traceId(new QLineEdit(this))
    , m_connect(new QPushButton(tr("&Connect"), this))
    , m_search(new QPushButton(tr("&Search"), this))
    , m_open(new QPushButton(tr("&Open Trace"), this))
    , m_cancel(new QPushButton(tr("Cancel Request"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Open from Backend"));
    setMinimumWidth(820);
    m_service->setEditable(true);
    m_service->setObjectName(QStringLiteral("service"));
    m_operation->setEditable(true);
    m_operation->setObjectName(QStringLiteral("operation"));
    m_tags->setPlaceholderText(tr("http.status_code=500 error=true"));
    m_tags->setObjectName(QStringLiteral("tags"));
    m_minDuration->setPlaceholderText(tr("e.g. 250ms"));
    m_minDuration->setObjectName(QStringLiteral("minDuration"));
    for (const auto& [label, seconds] : lookbacks)
        m_lookback->addItem(tr(label), seconds);
    m_limit->setRange(1, 1500);
    m_traceQl->setPlaceholderText(QStringLiteral("{ resource.service.name = \"checkout\" && status = error }"));
    m_traceQl->setObjectName(QStringLiteral("traceQl"));
    m_traceId->setPlaceholderText(tr("16 or 32 hex digits"));
    m_traceId->setObjectName(QStringLiteral("traceId"));
    m_connect->setToolTip(tr("List the backend's services"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("status"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumHeight(12);
    m_progress->setTextVisible(false);

    auto* connectionBox = new QGroupBox(tr("Connection"), this);
    auto* connectionLayout = new QVBoxLayout(connectionBox);
    connectionLayout->addWidget(m_connection);
    connectionLayout->addWidget(m_connect, 0, Qt::AlignRight);
    connectionLayout->addStretch();

    auto* searchBox = new QGroupBox(tr("Search traces"), this);
    auto* searchForm = new QFormLayout(searchBox);
    searchForm->addRow(tr("Se&rvice:"), m_service);
    searchForm->addRow(tr("O&peration:"), m_operation);
    searchForm->addRow(tr("T&ags:"), m_tags);
    searchForm->addRow(tr("&Min duration:"), m_minDuration);
    searchForm->addRow(tr("&When:"), m_lookback);
    searchForm->addRow(tr("&Limit:"), m_limit);
    searchForm->addRow(tr("Trace&QL:"), m_traceQl);
    searchForm->addRow(QString(), m_search);

    auto* openBox = new QGroupBox(tr("Open a trace by id"), this);
    auto* openLayout = new QHBoxLayout(openBox);
    openLayout->addWidget(m_traceId, 1);
    openLayout->addWidget(m_open);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_progress, 1);
    statusRow->addWidget(m_cancel);

    // Side by side, so the dialog fits a 768-pixel-high screen.
    auto* columns = new QHBoxLayout;
    columns->addWidget(connectionBox, 1);
    auto* right = new QVBoxLayout;
    right->addWidget(searchBox);
    right->addWidget(openBox);
    columns->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addLayout(statusRow);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    const QSettings settings;
    m_service->setEditText(settings.value(QStringLiteral("backend/service")).toString());
    m_operation->setEditText(settings.value(QStringLiteral("backend/operation")).toString());
    m_lookback->setCurrentIndex(settings.value(QStringLiteral("backend/lookback"), 1).toInt());
    m_limit->setValue(settings.value(QStringLiteral("backend/limit"), 20).toInt());

    connect(m_connect, &QPushButton::clicked, this, &BackendDialog::listServices);
    connect(m_search, &QPushButton::clicked, this, &BackendDialog::search);
    connect(m_open, &QPushButton::clicked, this, &BackendDialog::openTrace);
    connect(m_traceId, &QLineEdit::returnPressed, this, &BackendDialog::openTrace);
    connect(m_cancel, &QPushButton::clicked, this, &BackendDialog::cancel);
    connect(m_service, &QComboBox::textActivated, this, &BackendDialog::listOperations);
    connect(m_connection, &ConnectionForm::backendChanged, this, &BackendDialog::updateForBackend);
    m_search->setDefault(true);
    setBusy(false);
    updateForBackend();
}

void BackendDialog::updateForBackend()
{
    const bool tempo = m_connection->backend() == Backend::Tempo;
    m_traceQl->setEnabled(tempo);
    m_traceQl->setToolTip(tempo ? tr("Replaces the fields above when given") : tr("Grafana Tempo only"));
}

QString BackendDialog::hostOf() const
{
    const auto connection = m_connection->connection();
    return connection ? connection->base.toDisplayString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash) : QString();
}

void BackendDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    for (QPushButton* button : {m_connect, m_search, m_open})
        button->setEnabled(!busy);
}

void BackendDialog::showStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #d1242f") : QString());
}

void BackendDialog::send(const QString& what, const std::function<void(BackendRequest&)>& start, Finish finish)
{
    const auto connection = m_connection->connection();
    if (!connection) {
        showStatus(connection.error(), true);
        return;
    }
    m_connection->remember();
    cancel();
    m_request = new BackendRequest(*connection, m_network, this);
    connect(m_request, &BackendRequest::progress, this, [this, what](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        showStatus(tr("%1: trace %2 of %3…").arg(what).arg(done + 1).arg(total), false);
    });
    connect(
        m_request, &BackendRequest::finished, this, [this, finish = std::move(finish)](const BackendResult& result) {
            m_request->deleteLater();
            m_request = nullptr;
            setBusy(false);
            if (result.cancelled)
                showStatus(tr("Cancelled."), false);
            else if (!result.error.isEmpty())
                showStatus(result.error, true);
            else
                finish(result);
        });
    m_progress->setRange(0, 0);
    setBusy(true);
    showStatus(what + QStringLiteral("…"), false);
    start(*m_request);
}

void BackendDialog::cancel()
{
    if (m_request)
        m_request->cancel();
}

void BackendDialog::listServices()
{
    send(
        tr("Listing services"), [](BackendRequest& r) { r.listServices(); },
        [this](const BackendResult& result) {
            const QString typed = m_service->currentText();
            m_service->clear();
            m_service->addItems(result.names);
            m_service->setEditText(typed.isEmpty() && !result.names.isEmpty() ? result.names.front() : typed);
            showStatus(tr("Connected: %n service(s).", nullptr, int(result.names.size())), false);
            if (!m_service->currentText().isEmpty())
                listOperations();
        });
}

void BackendDialog::listOperations()
{
    const QString service = m_service->currentText().trimmed();
    if (service.isEmpty())
        return;
    send(
        tr("Listing the operations of %1").arg(service), [service](BackendRequest& r) { r.listOperations(service); },
        [this, service](const BackendResult& result) {
            const QString typed = m_operation->currentText();
            m_operation->clear();
            m_operation->addItem(QString()); // any operation
            m_operation->addItems(result.names);
            m_operation->setEditText(typed);
            showStatus(tr("%1: %n operation(s).", nullptr, int(result.names.size())).arg(service), false);
        });
}

void BackendDialog::search()
{
    TraceSearch search;
    search.service = m_service->currentText().trimmed();
    search.operation = m_operation->currentText().trimmed();
    search.traceQl = m_traceQl->isEnabled() ? m_traceQl->text().trimmed() : QString();
    if (search.service.isEmpty() && search.traceQl.isEmpty()) {
        showStatus(tr("Choose a service to search (Connect lists them)."), true);
        m_service->setFocus();
        return;
    }
    for (const QString& term : QProcess::splitCommand(m_tags->text())) {
        const qsizetype equals = term.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            showStatus(tr("A tag is KEY=VALUE, not \"%1\".").arg(term), true);
            m_tags->setFocus();
            return;
        }
        search.tags.append({term.left(equals), term.mid(equals + 1)});
    }
    if (!m_minDuration->text().trimmed().isEmpty()) {
        search.minDurationNs = parseDuration(m_minDuration->text().trimmed().toStdString());
        if (!search.minDurationNs) {
            showStatus(tr("The minimum duration needs its unit, e.g. 250ms."), true);
            m_minDuration->setFocus();
            return;
        }
    }
    search.lookbackSeconds = m_lookback->currentData().toInt();
    search.limit = m_limit->value();
    QSettings settings;
    settings.setValue(QStringLiteral("backend/service"), search.service);
    settings.setValue(QStringLiteral("backend/operation"), search.operation);
    settings.setValue(QStringLiteral("backend/lookback"), m_lookback->currentIndex());
    settings.setValue(QStringLiteral("backend/limit"), search.limit);
    const QString name = tr("%1 search: %2").arg(hostOf(), search.traceQl.isEmpty() ? search.service : search.traceQl);
    send(
        tr("Searching"), [search](BackendRequest& r) { r.search(search); },
        [this, name](const BackendResult& result) {
            emit documentFetched(result.document, name);
            accept();
        });
}

void BackendDialog::openTrace()
{
    const auto id = normalizedTraceId(m_traceId->text());
    if (!id) {
        showStatus(tr("A trace id is 16 or 32 hex digits."), true);
        m_traceId->setFocus();
        return;
    }
    const QString name = tr("%1 trace %2").arg(hostOf(), *id);
    send(
        tr("Fetching trace %1").arg(*id), [id = *id](BackendRequest& r) { r.fetchTrace(id); },
        [this, name](const BackendResult& result) {
            emit documentFetched(result.document, name);
            accept();
        });
}

} // namespace Spanwise
