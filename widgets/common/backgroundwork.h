#pragma once

#include <QFuture>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cstdint>
#include <memory>
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
    WorkTicket begin();
    bool finish(std::uint64_t generation);

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
    QtConcurrent::run([work = std::move(work), ticket]() mutable {
        return work(ticket);
    }).then(this, [this, generation = m_generation, done = std::move(done)](Result result) mutable {
        // Always a turn of the event loop later: a job that finished before .then() was
        // attached would otherwise deliver inside run(), before its caller is ready.
        QMetaObject::invokeMethod(
            this,
            [this, generation, done = std::move(done), result = std::move(result)]() mutable {
                if (finish(generation))
                    done(std::move(result));
            },
            Qt::QueuedConnection);
    });
}

} // namespace Spanwise
