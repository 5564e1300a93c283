#pragma once

#include "otlpreceiver.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QThread>

#include <memory>
#include <mutex>
#include <vector>

namespace Spanwise::Test {

// An OtlpReceiver on a free loopback port in a thread of its own, as the window runs it, so a
// test can talk to it with blocking sockets. Collects what it accepted and refused.
class ReceiverHarness
{
public:
    explicit ReceiverHarness(std::size_t maxBodyBytes = OtlpReceiver::defaultMaxBodyBytes);
    ~ReceiverHarness();

    quint16 port() const { return m_port; }
    std::vector<std::shared_ptr<const ReceivedBatch>> batches() const;
    QStringList refusals() const;

private:
    QThread m_thread;
    OtlpReceiver* m_receiver;
    quint16 m_port = 0;
    mutable std::mutex m_mutex;
    std::vector<std::shared_ptr<const ReceivedBatch>> m_batches;
    QStringList m_refusals;
};

// One HTTP answer as a client read it.
struct HttpAnswer {
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    bool closed = false; // the server closed the connection after it

    QByteArray header(const QByteArray& name) const;
};

// Sends bytes on a new connection and reads one answer (ten seconds at most: status 0 then).
HttpAnswer exchange(quint16 port, const QByteArray& request);

// A POST /v1/traces request with these headers and body.
QByteArray exportRequest(const QByteArray& contentType, const QByteArray& body, const QByteArray& extraHeaders = {});

} // namespace Spanwise::Test
