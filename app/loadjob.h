#pragma once

#include "traceloader.h"

#include <QObject>

#include <functional>

#include <memory>
#include <vector>

namespace Spanwise {

class BackgroundWork;
class TraceSetPresentation;

// What a load hands back to the GUI: the files' reports and traces, and the display caches
// built on the worker too, so the GUI thread only swaps them in.
struct LoadOutcome {
    LoadResult result;
    std::shared_ptr<const TraceSetPresentation> presentation;
};

// Loads trace files on a worker thread (through BackgroundWork: a new load replaces a running
// one). Progress arrives a few times a second, in per mille; cancel() asks the importers to stop
// at the next record, and finished() still delivers what loaded.
class LoadJob : public QObject
{
    Q_OBJECT

public:
    explicit LoadJob(QObject* parent = nullptr);

    void start(std::vector<std::string> paths);
    void start(std::vector<NamedBuffer> buffers);
    // The buffers made on the worker too (a snapshot of what live mode received).
    void start(std::function<std::vector<NamedBuffer>()> makeBuffers);
    void cancel();
    bool isRunning() const;

signals:
    void progressChanged(int perMille);
    void finished(std::shared_ptr<const Spanwise::LoadOutcome> outcome);

private:
    template <typename Load> void run(Load&& load);

    BackgroundWork* m_work;
};

} // namespace Spanwise
