#pragma once

#include "listenaddress.h"
#include "otlphttphandler.h"

#include <QObject>
#include <QString>

#include <cstddef>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace Spanwise {

// An OTLP/HTTP receiver on a TCP port (handleOtlpRequest answers, HttpRequestParser frames).
// Each accepted request arrives as batchReceived(); what was refused as requestRefused().
// Clients that stall are dropped after a while, and at most maxConnections are served at once,
// so nothing a client does holds more than (connections × the body cap) of memory.
// Lives in one thread: the window moves it to its own, the headless command keeps it in main.
class OtlpReceiver : public QObject
{
    Q_OBJECT

public:
    static constexpr std::size_t defaultMaxBodyBytes = 64 * 1024 * 1024;
    static constexpr int maxConnections = 64;
    static constexpr int stallTimeoutMs = 30'000;

    explicit OtlpReceiver(QObject* parent = nullptr);
    ~OtlpReceiver() override;

    void setMaxBodyBytes(std::size_t bytes) { m_maxBodyBytes = bytes; }
    // False with errorString() when the address cannot be bound.
    bool listen(const ListenAddress& address);
    void close();
    // Where it listens (the real port when 0 was asked), once listen() succeeded.
    ListenAddress address() const { return m_bound; }
    QString errorString() const { return m_error; }
    // Writes every pending answer out (before a headless receiver exits).
    void flushAnswers(int timeoutMs);

signals:
    void batchReceived(std::shared_ptr<const Spanwise::ReceivedBatch> batch);
    // A request answered with an error status, in one sentence with the peer.
    void requestRefused(const QString& message);

private:
    void accept();

    QTcpServer* m_server;
    ListenAddress m_bound;
    QString m_error;
    std::size_t m_maxBodyBytes = defaultMaxBodyBytes;
};

} // namespace Spanwise
