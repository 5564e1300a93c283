#pragma once

#include "traceloader.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>
#include <vector>

namespace Spanwise {

// Loads trace files on a worker thread. Progress arrives throttled, in per mille; cancel()
// asks the importers to stop at the next record, and finished() still delivers what loaded.
class LoadJob : public QObject
{
    Q_OBJECT

public:
    explicit LoadJob(QObject* parent = nullptr);
    ~LoadJob() override;

    void start(std::vector<std::string> paths);
    void start(std::vector<NamedBuffer> buffers);
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }

signals:
    void progressChanged(int perMille);
    void finished(std::shared_ptr<const Spanwise::LoadResult> result);

private:
    template <typename Load> void run(Load&& load);

    QFutureWatcher<std::shared_ptr<const LoadResult>> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace Spanwise
