#include "backgroundwork.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

namespace Spanwise {

WorkTicket::WorkTicket()
    : m_state(std::make_shared<State>())
{ }

void WorkTicket::setProgress(double fraction) const
{
    m_state->permille.store(
        static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)), std::memory_order_relaxed);
}

BackgroundWork::BackgroundWork(QObject* parent)
    : QObject(parent)
    , m_mailbox(std::make_shared<Mailbox>())
    , m_progressTimer(new QTimer(this))
{
    m_mailbox->owner = this;
    // Polled rather than signalled from the worker: a job may outlive this object, and a
    // counter in the shared ticket is all it ever touches.
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this,
        [this] { emit progressChanged(m_ticket.m_state->permille.load(std::memory_order_relaxed)); });
}

BackgroundWork::~BackgroundWork()
{
    m_ticket.m_state->cancelled.store(true);
    // After this no job posts here; what was posted already is discarded with this object.
    const std::lock_guard lock(m_mailbox->mutex);
    m_mailbox->owner = nullptr;
}

WorkTicket BackgroundWork::begin()
{
    m_ticket.m_state->cancelled.store(true);
    m_ticket = WorkTicket();
    ++m_generation;
    if (!m_running) {
        m_running = true;
        m_progressTimer->start();
        emit runningChanged(true);
    }
    emit progressChanged(0);
    return m_ticket;
}

bool BackgroundWork::finish(std::uint64_t generation)
{
    if (generation != m_generation || !m_running)
        return false;
    m_running = false;
    m_progressTimer->stop();
    emit runningChanged(false);
    return true;
}

void BackgroundWork::requestStop()
{
    m_ticket.m_state->cancelled.store(true);
}

void BackgroundWork::cancel()
{
    m_ticket.m_state->cancelled.store(true);
    ++m_generation;
    if (m_running) {
        m_running = false;
        m_progressTimer->stop();
        emit runningChanged(false);
    }
}

} // namespace Spanwise
