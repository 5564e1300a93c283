#include "replayserver.h"

#include "corpus.h"
#include "httprequestparser.h"

#include <QFile>

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace Spanwise::Test {

QByteArray corpusAnswer(const QString& corpusPath)
{
    bool ok = false;
    const QByteArray bytes = corpusBytes(corpusPath, &ok);
    return ok ? bytes : QByteArray();
}

QByteArray remoteAnswer(const QString& name)
{
    QFile file(QString::fromStdString(dataFile(QStringLiteral("remote/") + name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray ReplayedRequest::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers)
        if (key == name)
            return value;
    return {};
}

ReplayServer::ReplayServer()
{
    m_thread.start();
    m_server = new QTcpServer;
    m_server->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    QMetaObject::invokeMethod(
        m_server,
        [this] {
            if (m_server->listen(QHostAddress::LocalHost, 0))
                m_port = m_server->serverPort();
            QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] { serve(m_server); });
        },
        Qt::BlockingQueuedConnection);
}

ReplayServer::~ReplayServer()
{
    m_thread.quit();
    m_thread.wait();
}

void ReplayServer::answer(const QByteArray& path, ReplayAnswer answer)
{
    const std::lock_guard lock(m_mutex);
    m_answers.insert(path, std::move(answer));
}

QList<ReplayedRequest> ReplayServer::requests() const
{
    const std::lock_guard lock(m_mutex);
    return m_requests;
}

void ReplayServer::serve(QTcpServer* server)
{
    while (QTcpSocket* socket = server->nextPendingConnection()) {
        auto parser = std::make_shared<HttpRequestParser>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, parser] {
            const QByteArray bytes = socket->readAll();
            if (parser->feed(std::string_view(bytes.constData(), std::size_t(bytes.size()))) !=
                HttpRequestParser::State::Complete)
                return;
            const HttpRequest& request = parser->request();
            ReplayedRequest seen {
                QByteArray::fromStdString(request.method), QByteArray::fromStdString(request.target), {}};
            for (const auto& [name, value] : request.headers)
                seen.headers.append({QByteArray::fromStdString(name), QByteArray::fromStdString(value)});
            ReplayAnswer answer {404, "404 page not found\n", 0, "text/plain"};
            {
                const std::lock_guard lock(m_mutex);
                m_requests.append(seen);
                const QByteArray path = QByteArray::fromStdString(std::string(request.path()));
                if (m_answers.contains(path))
                    answer = m_answers.value(path);
            }
            const QByteArray wire = "HTTP/1.1 " + QByteArray::number(answer.status) +
                " Replayed\r\nContent-Type: " + answer.contentType +
                "\r\nContent-Length: " + QByteArray::number(answer.body.size()) + "\r\nConnection: close\r\n\r\n" +
                answer.body;
            QTimer::singleShot(answer.delayMs, socket, [socket, wire] {
                socket->write(wire);
                socket->disconnectFromHost();
            });
        });
    }
}

} // namespace Spanwise::Test
