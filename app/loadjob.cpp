#include "loadjob.h"

#include "anomalies.h"
#include "backgroundwork.h"
#include "logging.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QElapsedTimer>

namespace Spanwise {

LoadJob::LoadJob(QObject* parent)
    : QObject(parent)
    , m_work(new BackgroundWork(this))
{
    connect(m_work, &BackgroundWork::progressChanged, this, &LoadJob::progressChanged);
}

bool LoadJob::isRunning() const
{
    return m_work->isRunning();
}

template <typename Load> void LoadJob::run(Load&& load)
{
    m_work->run(
        [load = std::forward<Load>(load)](const WorkTicket& ticket) {
            LoadOptions options;
            options.cancel = ticket.cancelFlag();
            options.progress = [ticket](double fraction) { ticket.setProgress(fraction); };
            auto outcome = std::make_shared<LoadOutcome>();
            QElapsedTimer clock;
            clock.start();
            outcome->result = load(options);
            for (const ImportReport& report : outcome->result.reports)
                qCDebug(lcImport) << report.path.c_str() << report.format.c_str() << report.spans << "spans,"
                                  << report.warningCount << "warnings," << report.errorCount << "errors"
                                  << (report.failed ? "(failed)" : "");
            qCDebug(lcImport) << "loaded" << outcome->result.traces->spans().size() << "spans in" << clock.elapsed()
                              << "ms" << (outcome->result.cancelled ? "(cancelled)" : "");
            auto presentation = std::make_shared<TraceSetPresentation>(outcome->result.traces);
            // Anomalies are marked on the waterfall from the first paint (docs/analysis.md).
            presentation->markAnomalies(findAnomalies(*outcome->result.traces));
            outcome->presentation = std::move(presentation);
            return std::shared_ptr<const LoadOutcome>(std::move(outcome));
        },
        [this](const std::shared_ptr<const LoadOutcome>& outcome) { emit finished(outcome); });
}

void LoadJob::start(std::vector<std::string> paths)
{
    run([paths = std::move(paths)](const LoadOptions& options) { return loadTraceFiles(paths, options); });
}

void LoadJob::start(std::vector<NamedBuffer> buffers)
{
    run([buffers = std::move(buffers)](const LoadOptions& options) { return loadTraceBuffers(buffers, options); });
}

void LoadJob::start(std::function<std::vector<NamedBuffer>()> makeBuffers)
{
    run([makeBuffers = std::move(makeBuffers)](
            const LoadOptions& options) { return loadTraceBuffers(makeBuffers(), options); });
}

void LoadJob::cancel()
{
    m_work->requestStop();
}

} // namespace Spanwise
