#include "otlpreceiver.h"

#include "httpconnection.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace Spanwise {

OtlpReceiver::OtlpReceiver(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    m_server->setMaxPendingConnections(maxConnections);
    connect(m_server, &QTcpServer::newConnection, this, &OtlpReceiver::accept);
}

OtlpReceiver::~OtlpReceiver() = default;

bool OtlpReceiver::listen(const ListenAddress& address)
{
    if (!m_server->listen(address.address, address.port)) {
        m_error = QStringLiteral("cannot listen on %1: %2").arg(address.toString(), m_server->errorString());
        return false;
    }
    m_bound = {m_server->serverAddress(), m_server->serverPort()};
    return true;
}

void OtlpReceiver::close()
{
    m_server->close();
}

void OtlpReceiver::flushAnswers(int timeoutMs)
{
    for (HttpConnection* connection : findChildren<HttpConnection*>(Qt::FindDirectChildrenOnly))
        connection->flush(timeoutMs);
}

void OtlpReceiver::accept()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        if (findChildren<HttpConnection*>(Qt::FindDirectChildrenOnly).size() >= maxConnections) {
            const std::string busy = httpErrorResponse(503, "too many connections; try again").serialize(false);
            socket->write(busy.data(), static_cast<qint64>(busy.size()));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        const HttpLimits limits {64 * 1024, m_maxBodyBytes};
        auto* connection = new HttpConnection(
            socket, limits, stallTimeoutMs,
            [this](const HttpRequest& request) {
                OtlpHandling handling = handleOtlpRequest(request, m_maxBodyBytes);
                if (handling.batch)
                    emit batchReceived(handling.batch);
                if (handling.response.status >= 400)
                    emit requestRefused(
                        QStringLiteral("%1 %2: %3 %4")
                            .arg(QString::fromStdString(request.method), QString::fromStdString(request.target))
                            .arg(handling.response.status)
                            .arg(QString::fromStdString(handling.response.body)));
                return handling.response;
            },
            this);
        connect(connection, &HttpConnection::refused, this, &OtlpReceiver::requestRefused);
    }
}

} // namespace Spanwise
