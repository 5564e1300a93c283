#pragma once

#include "listenaddress.h"
#include "receivedtraces.h"

#include <QObject>
#include <QStringList>
#include <QThread>

#include <memory>

namespace Spanwise {

class OtlpReceiver;

// Live mode's engine: an OTLP/HTTP receiver in a thread of its own, filling a bounded
// ReceivedTraces there (decoding and re-encoding never touch the GUI thread). The window reads
// snapshots of what was received; stopping keeps them until the next start.
class LiveCapture : public QObject
{
    Q_OBJECT

public:
    explicit LiveCapture(QObject* parent = nullptr);
    ~LiveCapture() override;

    // Starts listening (stopping first); false with the reason when the address cannot be bound.
    bool start(const ListenAddress& address, std::size_t maxSpans, QString* error);
    void stop();
    bool isListening() const { return m_receiver != nullptr; }
    // Where it listens, the real port when 0 was asked.
    ListenAddress address() const { return m_address; }
    const std::shared_ptr<ReceivedTraces>& received() const { return m_received; }
    // The last refusals, newest last (at most 20), one sentence each.
    const QStringList& refusals() const { return m_refusals; }
    std::uint64_t refusedRequests() const { return m_refusedRequests; }

signals:
    // Spans arrived (queued from the receiver's thread; the window throttles its reloads).
    void spansReceived();
    void requestRefused(const QString& message);
    void listeningChanged(bool listening);

private:
    QThread m_thread;
    OtlpReceiver* m_receiver = nullptr;
    ListenAddress m_address;
    std::shared_ptr<ReceivedTraces> m_received = std::make_shared<ReceivedTraces>();
    QStringList m_refusals;
    std::uint64_t m_refusedRequests = 0;
};

} // namespace Spanwise
