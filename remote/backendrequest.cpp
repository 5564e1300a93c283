#include "backendrequest.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace Spanwise {

BackendRequest::BackendRequest(BackendConnection connection, QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_connection(std::move(connection))
    , m_network(network)
{ }

BackendRequest::~BackendRequest()
{
    if (m_reply)
        m_reply->abort();
}

void BackendRequest::listServices()
{
    get(servicesUrl(m_connection.backend, m_connection.base), Kind::Names);
}

void BackendRequest::listOperations(const QString& service)
{
    const QUrl url = operationsUrl(m_connection.backend, m_connection.base, service);
    if (url.isEmpty()) {
        // Tempo keeps no operation list: the dialog takes a name as typed.
        QTimer::singleShot(0, this, [this] { finish({}); });
        return;
    }
    get(url, Kind::Names);
}

void BackendRequest::fetchTrace(const QString& traceId)
{
    const auto id = normalizedTraceId(traceId);
    if (!id) {
        QTimer::singleShot(0, this, [this, traceId] {
            BackendResult result;
            result.error = QStringLiteral("\"%1\" is not a trace id (16 or 32 hex digits)").arg(traceId);
            finish(std::move(result));
        });
        return;
    }
    get(traceUrl(m_connection.backend, m_connection.base, *id), Kind::Trace);
}

void BackendRequest::search(const TraceSearch& search)
{
    const QUrl url = searchUrl(m_connection.backend, m_connection.base, search, QDateTime::currentDateTimeUtc());
    get(url, m_connection.backend == Backend::Tempo ? Kind::TempoSearch : Kind::Search);
}

void BackendRequest::cancel()
{
    if (!m_reply)
        return;
    BackendResult result;
    result.cancelled = true;
    result.error = QStringLiteral("cancelled");
    finish(std::move(result));
}

void BackendRequest::get(const QUrl& url, Kind kind)
{
    m_kind = kind;
    QNetworkRequest request(url);
    request.setTransferTimeout(m_connection.timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    // Tempo answers protobuf unless asked for JSON.
    request.setRawHeader("Accept", "application/json");
    if (!m_connection.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_connection.token.toUtf8());
    else if (!m_connection.user.isEmpty())
        request.setRawHeader("Authorization",
            "Basic " + (m_connection.user + QLatin1Char(':') + m_connection.password).toUtf8().toBase64());
    for (const auto& [name, value] : m_connection.headers)
        request.setRawHeader(name, value);
    m_reply = m_network->get(request);
    if (m_connection.insecure)
        m_reply->ignoreSslErrors();
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > m_connection.maxAnswerBytes) {
            BackendResult result;
            result.error = QStringLiteral("the answer from %1 is larger than %2 MiB; narrow the search")
                               .arg(m_reply->url().toDisplayString(QUrl::RemoveUserInfo))
                               .arg(m_connection.maxAnswerBytes / (1024 * 1024));
            finish(std::move(result));
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &BackendRequest::replied);
}

void BackendRequest::replied()
{
    QNetworkReply* reply = m_reply;
    if (!reply || m_done)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where = reply->url().toDisplayString(QUrl::RemoveUserInfo);
    BackendResult result;
    result.httpStatus = status;
    if (reply->error() == QNetworkReply::OperationCanceledError) {
        result.error = QStringLiteral("%1 did not answer within %2 s").arg(where).arg(m_connection.timeoutMs / 1000.0);
        finish(std::move(result));
        return;
    }
    if (status >= 400 || (status == 0 && reply->error() != QNetworkReply::NoError)) {
        const QString message = serverMessage(body);
        result.error = status ? QStringLiteral("HTTP %1 from %2").arg(status).arg(where)
                              : QStringLiteral("%1: %2").arg(where, reply->errorString());
        if (!message.isEmpty())
            result.error += QStringLiteral(": ") + message;
        finish(std::move(result));
        return;
    }
    switch (m_kind) {
    case Kind::Names: {
        auto names = parseNameList(m_connection.backend, body);
        if (names)
            result.names = std::move(*names);
        else
            result.error = QStringLiteral("%1: %2").arg(where, names.error());
        finish(std::move(result));
        return;
    }
    case Kind::Trace:
    case Kind::Search:
        result.document = body;
        finish(std::move(result));
        return;
    case Kind::TempoSearch: {
        auto ids = parseTempoSearch(body);
        if (!ids) {
            result.error = QStringLiteral("%1: %2").arg(where, ids.error());
            finish(std::move(result));
            return;
        }
        m_tempoIds = *ids;
        m_tempoTraces.clear();
        emit progress(0, static_cast<int>(m_tempoIds.size()));
        fetchNextTempoTrace();
        return;
    }
    case Kind::TempoTrace:
        m_tempoTraces.append(body.trimmed());
        emit progress(static_cast<int>(m_tempoTraces.size()), static_cast<int>(m_tempoIds.size()));
        fetchNextTempoTrace();
        return;
    }
}

void BackendRequest::fetchNextTempoTrace()
{
    if (m_tempoTraces.size() < m_tempoIds.size()) {
        get(traceUrl(Backend::Tempo, m_connection.base, m_tempoIds[m_tempoTraces.size()]), Kind::TempoTrace);
        return;
    }
    // One OTLP JSON file: an array of Tempo's trace answers ({"batches": [...]} each).
    BackendResult result;
    result.document = '[' + m_tempoTraces.join(",\n") + "]\n";
    result.traces = static_cast<int>(m_tempoTraces.size());
    finish(std::move(result));
}

void BackendRequest::finish(BackendResult result)
{
    if (m_done)
        return;
    m_done = true;
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    emit finished(result);
}

} // namespace Spanwise
