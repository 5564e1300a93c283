#pragma once

#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <type_traits>

class QTimer;

namespace Spanwise {

// What a running job sees of its request: whether a newer one cancelled it, and where to say
// how far it got. Copies share one state, which lives as long as any of them.
class WorkTicket
{
public:
    WorkTicket();
    bool isCancelled() const { return m_state->cancelled.load(std::memory_order_relaxed); }
    // For model functions that take a stop flag (StatsOptions::cancel, GraphLayoutOptions::cancel).
    const std::atomic<bool>* cancelFlag() const { return &m_state->cancelled; }
    void setProgress(double fraction) const;

private:
    friend class BackgroundWork;
    struct State {
        std::atomic<bool> cancelled {false};
        std::atomic<int> permille {0};
    };
    std::shared_ptr<State> m_state;
};

// The one way views run work off the GUI thread: the newest request wins. Starting a request
// cancels the running one (its ticket says so; its result is dropped) and never waits for it,
// so the GUI thread never blocks. A job must capture what it reads by value or shared_ptr: it
// may outlive the view that started it. `done` runs on this object's thread, only for the
// newest request, always from the event loop (never inside run()), and never after this
// object is gone.
class BackgroundWork : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundWork(QObject* parent = nullptr);
    ~BackgroundWork() override;

    template <typename Work, typename Done> void run(Work work, Done done);
    // Cancels the running request, if any; nothing is delivered for it.
    void cancel();
    // Asks the running request to stop early through its ticket; what it returns is still
    // delivered (a cancelled load keeps what was read).
    void requestStop();
    bool isRunning() const { return m_running; }

signals:
    void runningChanged(bool running);
    // The running request's progress in thousandths, a few times a second.
    void progressChanged(int permille);

private:
    // Where a finished job posts its result: the owner, or nothing once it is gone. The owner's
    // destructor clears it under the lock, so a job never posts to a dead object (QFuture::then
    // with a context asserts in Qt 6.4 when the context dies first).
    struct Mailbox {
        std::mutex mutex;
        BackgroundWork* owner = nullptr;
    };

    WorkTicket begin();
    bool finish(std::uint64_t generation);

    std::shared_ptr<Mailbox> m_mailbox;
    std::uint64_t m_generation = 0;
    WorkTicket m_ticket;
    bool m_running = false;
    QTimer* m_progressTimer;
};

template <typename Work, typename Done> void BackgroundWork::run(Work work, Done done)
{
    using Result = std::invoke_result_t<Work&, const WorkTicket&>;
    static_assert(std::is_copy_constructible_v<Result>, "return a value or a shared_ptr");
    const WorkTicket ticket = begin();
    // The future is not kept: the result travels through the mailbox, always queued, so it
    // arrives from the event loop even when the job finished at once.
    (void)QtConcurrent::run([work = std::move(work), done = std::move(done), ticket, mailbox = m_mailbox,
                                generation = m_generation]() mutable {
        Result result = work(ticket);
        const std::lock_guard lock(mailbox->mutex);
        if (BackgroundWork* owner = mailbox->owner)
            QMetaObject::invokeMethod(
                owner,
                [owner, generation, done = std::move(done), result = std::move(result)]() mutable {
                    if (owner->finish(generation))
                        done(std::move(result));
                },
                Qt::QueuedConnection);
    });
}

} // namespace Spanwise
