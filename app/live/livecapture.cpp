#include "livecapture.h"

#include "otlpreceiver.h"

namespace Spanwise {

LiveCapture::LiveCapture(QObject* parent)
    : QObject(parent)
{ }

LiveCapture::~LiveCapture()
{
    stop();
}

bool LiveCapture::start(const ListenAddress& address, std::size_t maxSpans, QString* error)
{
    stop();
    auto received = std::make_shared<ReceivedTraces>(maxSpans);
    auto* receiver = new OtlpReceiver;
    bool listening = false;
    QString why;
    receiver->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        receiver,
        [&] {
            listening = receiver->listen(address);
            why = receiver->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        QMetaObject::invokeMethod(
            receiver, [receiver] { delete receiver; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        if (error)
            *error = why;
        return false;
    }
    // Runs in the receiver's thread: the batch is split by trace and stored there.
    connect(
        receiver, &OtlpReceiver::batchReceived, receiver,
        [received](std::shared_ptr<const ReceivedBatch> batch) { received->add(*batch); }, Qt::DirectConnection);
    connect(receiver, &OtlpReceiver::batchReceived, this, &LiveCapture::spansReceived, Qt::QueuedConnection);
    connect(
        receiver, &OtlpReceiver::requestRefused, this,
        [this](const QString& message) {
            ++m_refusedRequests;
            m_refusals.append(message);
            if (m_refusals.size() > 20)
                m_refusals.removeFirst();
            emit requestRefused(message);
        },
        Qt::QueuedConnection);
    m_receiver = receiver;
    m_address = receiver->address();
    m_received = std::move(received);
    m_refusals.clear();
    m_refusedRequests = 0;
    emit listeningChanged(true);
    return true;
}

void LiveCapture::stop()
{
    if (!m_receiver)
        return;
    // Deleted in its own thread, with its sockets; nothing it queued reaches this any more.
    m_receiver->disconnect(this);
    OtlpReceiver* receiver = std::exchange(m_receiver, nullptr);
    QMetaObject::invokeMethod(
        receiver, [receiver] { delete receiver; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    emit listeningChanged(false);
}

} // namespace Spanwise
