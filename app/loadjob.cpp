#include "loadjob.h"

#include "logging.h"
#include "traceset.h"

#include <QElapsedTimer>

#include "tracesetpresentation.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Spanwise {

LoadJob::LoadJob(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const LoadOutcome>>::finished, this,
        [this] { emit finished(m_watcher.result()); });
}

LoadJob::~LoadJob()
{
    cancel();
    m_watcher.waitForFinished();
}

template <typename Load> void LoadJob::run(Load&& load)
{
    cancel();
    m_watcher.waitForFinished();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = m_cancel;
    QPointer<LoadJob> self(this);
    auto progress = [self](double fraction) {
        const int perMille = static_cast<int>(fraction * 1000);
        QMetaObject::invokeMethod(
            self.data(),
            [self, perMille] {
                if (self)
                    emit self->progressChanged(perMille);
            },
            Qt::QueuedConnection);
    };
    m_watcher.setFuture(QtConcurrent::run([load = std::forward<Load>(load), cancelFlag, progress] {
        LoadOptions options;
        options.cancel = cancelFlag.get();
        options.progress = progress;
        auto outcome = std::make_shared<LoadOutcome>();
        QElapsedTimer clock;
        clock.start();
        outcome->result = load(options);
        for (const ImportReport& report : outcome->result.reports)
            qCDebug(lcImport) << report.path.c_str() << report.format.c_str() << report.spans << "spans,"
                              << report.warningCount << "warnings," << report.errorCount << "errors"
                              << (report.failed ? "(failed)" : "");
        qCDebug(lcImport) << "loaded" << outcome->result.traces->spans().size() << "spans in" << clock.elapsed() << "ms"
                          << (outcome->result.cancelled ? "(cancelled)" : "");
        outcome->presentation = std::make_shared<TraceSetPresentation>(outcome->result.traces);
        return std::shared_ptr<const LoadOutcome>(std::move(outcome));
    }));
}

void LoadJob::start(std::vector<std::string> paths)
{
    run([paths = std::move(paths)](const LoadOptions& options) { return loadTraceFiles(paths, options); });
}

void LoadJob::start(std::vector<NamedBuffer> buffers)
{
    run([buffers = std::move(buffers)](const LoadOptions& options) { return loadTraceBuffers(buffers, options); });
}

void LoadJob::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace Spanwise
