#include "receiverharness.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

namespace Spanwise::Test {

ReceiverHarness::ReceiverHarness(std::size_t maxBodyBytes)
    : m_receiver(new OtlpReceiver)
{
    m_receiver->setMaxBodyBytes(maxBodyBytes);
    m_receiver->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_receiver, &QObject::deleteLater);
    QObject::connect(
        m_receiver, &OtlpReceiver::batchReceived, m_receiver,
        [this](std::shared_ptr<const ReceivedBatch> batch) {
            const std::lock_guard lock(m_mutex);
            m_batches.push_back(std::move(batch));
        },
        Qt::DirectConnection);
    QObject::connect(
        m_receiver, &OtlpReceiver::requestRefused, m_receiver,
        [this](const QString& message) {
            const std::lock_guard lock(m_mutex);
            m_refusals.append(message);
        },
        Qt::DirectConnection);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_receiver,
        [this] {
            ListenAddress address;
            address.port = 0;
            if (m_receiver->listen(address))
                m_port = m_receiver->address().port;
        },
        Qt::BlockingQueuedConnection);
}

ReceiverHarness::~ReceiverHarness()
{
    m_thread.quit();
    m_thread.wait();
}

std::vector<std::shared_ptr<const ReceivedBatch>> ReceiverHarness::batches() const
{
    const std::lock_guard lock(m_mutex);
    return m_batches;
}

QStringList ReceiverHarness::refusals() const
{
    const std::lock_guard lock(m_mutex);
    return m_refusals;
}

QByteArray HttpAnswer::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers)
        if (key == name)
            return value;
    return {};
}

HttpAnswer exchange(quint16 port, const QByteArray& request)
{
    HttpAnswer answer;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return answer;
    socket.write(request);
    QByteArray bytes;
    QElapsedTimer clock;
    clock.start();
    qsizetype headEnd = -1;
    qsizetype length = -1;
    while (clock.elapsed() < 10'000) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(100)) {
            if (socket.state() != QAbstractSocket::ConnectedState)
                break;
            continue;
        }
        bytes += socket.readAll();
        // A 100 Continue comes before the answer.
        while (bytes.startsWith("HTTP/1.1 100 ")) {
            const qsizetype end = bytes.indexOf("\r\n\r\n");
            if (end < 0)
                break;
            bytes.remove(0, end + 4);
        }
        headEnd = bytes.indexOf("\r\n\r\n");
        if (headEnd < 0)
            continue;
        const QList<QByteArray> lines = bytes.left(headEnd).split('\n');
        answer.status = lines.value(0).split(' ').value(1).toInt();
        answer.headers.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            answer.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
        }
        length = answer.header("content-length").toLongLong();
        if (bytes.size() >= headEnd + 4 + length)
            break;
    }
    if (headEnd < 0 || bytes.size() < headEnd + 4 + length) {
        answer.status = 0;
        return answer;
    }
    answer.body = bytes.mid(headEnd + 4, length);
    if (answer.header("connection") == "close")
        answer.closed = socket.state() == QAbstractSocket::UnconnectedState || socket.waitForDisconnected(5000);
    return answer;
}

QByteArray exportRequest(const QByteArray& contentType, const QByteArray& body, const QByteArray& extraHeaders)
{
    return "POST /v1/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType +
        "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

} // namespace Spanwise::Test
