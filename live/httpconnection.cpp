#include "httpconnection.h"

#include <QTcpSocket>
#include <QTimer>

namespace Spanwise {

HttpConnection::HttpConnection(
    QTcpSocket* socket, HttpLimits limits, int stallTimeoutMs, Responder respond, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_parser(limits)
    , m_stall(new QTimer(this))
    , m_respond(std::move(respond))
{
    m_socket->setParent(this);
    m_stall->setSingleShot(true);
    m_stall->setInterval(stallTimeoutMs);
    connect(m_stall, &QTimer::timeout, this, [this] {
        if (!m_closing && m_parser.state() == HttpRequestParser::State::Incomplete)
            emit refused(
                QStringLiteral("%1 stalled mid-request; connection dropped").arg(m_socket->peerAddress().toString()));
        m_socket->abort();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::read);
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            deleteLater();
    });
    m_stall->start();
    read();
}

void HttpConnection::flush(int timeoutMs)
{
    if (m_socket->bytesToWrite() > 0)
        m_socket->waitForBytesWritten(timeoutMs);
}

void HttpConnection::read()
{
    if (m_closing)
        return;
    m_stall->start();
    QByteArray bytes = m_socket->readAll();
    auto state = m_parser.feed(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    // A request can be answered and the next one already complete in the same bytes.
    while (true) {
        if (state == HttpRequestParser::State::Failed) {
            const QString message = QString::fromStdString(m_parser.errorMessage());
            emit refused(QStringLiteral("%1: %2").arg(m_socket->peerAddress().toString(), message));
            answer(httpErrorResponse(m_parser.errorStatus(), m_parser.errorMessage()), false);
            return;
        }
        if (state == HttpRequestParser::State::Incomplete) {
            if (m_parser.expectsContinue() && !m_continueSent) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                m_continueSent = true;
            }
            return;
        }
        const HttpRequest& request = m_parser.request();
        const bool keepAlive = request.keepAlive();
        answer(m_respond(request), keepAlive);
        if (!keepAlive)
            return;
        m_continueSent = false;
        state = m_parser.next();
    }
}

void HttpConnection::answer(const HttpResponse& response, bool keepAlive)
{
    const std::string bytes = response.serialize(keepAlive);
    m_socket->write(bytes.data(), static_cast<qint64>(bytes.size()));
    if (keepAlive)
        return;
    m_closing = true;
    m_stall->start(); // a client that never reads the answer is still dropped
    m_socket->disconnectFromHost();
}

} // namespace Spanwise
