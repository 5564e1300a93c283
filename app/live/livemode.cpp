#include "livemode.h"

#include "livecapture.h"
#include "otlpexport.h"
#include "receivedialog.h"
#include "receivedtraces.h"
#include "traceloader.h"
#include "traceset.h"

#include <QFileDialog>
#include <QFutureWatcher>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QtConcurrent>

namespace Spanwise {
namespace {

constexpr int refreshIntervalMs = 500;

// Writes what was received as OTLP JSON Lines (as held) or as one protobuf TracesData
// message; an error sentence, or empty. Blocking: runs on a worker.
QString writeReceived(const std::shared_ptr<ReceivedTraces>& received, const QString& path, bool protobuf)
{
    std::string bytes = received->jsonLines();
    if (protobuf) {
        std::vector<NamedBuffer> buffers;
        buffers.push_back({"received", PaddedBuffer(bytes)});
        const LoadResult loaded = loadTraceBuffers(buffers);
        std::vector<SpanIndex> all(loaded.traces->spans().size());
        for (std::uint32_t i = 0; i < all.size(); ++i)
            all[i] = SpanIndex {i};
        bytes = otlpProtobufOfSpans(*loaded.traces, all);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) ||
        !file.commit())
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace

LiveMode::LiveMode(QWidget* window, std::function<bool()> loading)
    : QObject(window)
    , m_window(window)
    , m_loading(std::move(loading))
    , m_capture(new LiveCapture(this))
    , m_status(new QLabel(window))
{
    m_status->setObjectName(QStringLiteral("liveStatus"));
    m_status->setTextFormat(Qt::RichText);
    m_status->hide();
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(refreshIntervalMs);
    connect(&m_refresh, &QTimer::timeout, this, &LiveMode::refresh);
    connect(m_capture, &LiveCapture::spansReceived, this, [this] {
        if (!m_refresh.isActive())
            m_refresh.start();
    });
    connect(m_capture, &LiveCapture::requestRefused, this, &LiveMode::updateStatus);
    connect(m_capture, &LiveCapture::listeningChanged, this, &LiveMode::updateStatus);
}

LiveMode::~LiveMode() = default;

void LiveMode::addActions(QMenu* file)
{
    QAction* receive = file->addAction(tr("&Receive OTLP…"), this, &LiveMode::chooseAndStart);
    receive->setStatusTip(tr("Listen for OTLP/HTTP exports and show spans as they arrive"));
    m_stopAction = file->addAction(tr("S&top Receiving"), this, &LiveMode::stop);
    m_stopAction->setEnabled(false);
    m_saveAction = file->addAction(tr("Save Recei&ved…"), this, &LiveMode::saveReceived);
    m_saveAction->setStatusTip(tr("Write what was received as OTLP JSON Lines or protobuf"));
    m_saveAction->setEnabled(false);
}

bool LiveMode::start(const ListenAddress& address, std::size_t maxSpans, QString* error)
{
    if (!m_capture->start(address, maxSpans, error))
        return false;
    m_shownVersion = ~std::uint64_t(0);
    refresh(); // shows the (empty) received set at once, under its name
    return true;
}

void LiveMode::stop()
{
    m_capture->stop();
}

bool LiveMode::isListening() const
{
    return m_capture->isListening();
}

QString LiveMode::sourceName() const
{
    return tr("OTLP on %1").arg(m_capture->address().toString());
}

void LiveMode::chooseAndStart()
{
    auto* dialog = new ReceiveDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // A port that cannot be bound is said in the dialog, which stays open for another try.
    dialog->setListener([this](const ListenAddress& address, std::size_t maxSpans, QString* error) {
        return start(address, maxSpans, error);
    });
    dialog->open();
}

void LiveMode::refresh()
{
    if (m_loading()) {
        m_refresh.start(); // a load runs: try again shortly
        return;
    }
    const std::shared_ptr<ReceivedTraces> received = m_capture->received();
    const std::uint64_t version = received->figures().version;
    updateStatus();
    if (version == m_shownVersion)
        return;
    m_shownVersion = version;
    emit snapshotWanted([received] { return received->jsonLines(); }, sourceName());
}

void LiveMode::updateStatus()
{
    const bool listening = m_capture->isListening();
    const ReceivedTraces::Figures figures = m_capture->received()->figures();
    if (m_stopAction) {
        m_stopAction->setEnabled(listening);
        m_saveAction->setEnabled(figures.spans > 0);
    }
    if (!listening && figures.spansReceived == 0) {
        m_status->hide();
        return;
    }
    const QLocale locale;
    // The dot is green while listening, the colour of a live indicator in both themes.
    QString text = listening ? QStringLiteral("<span style=\"color:#2ea043\">●</span> ") +
            tr("Receiving on %1").arg(m_capture->address().toString())
                             : tr("Stopped receiving on %1").arg(m_capture->address().toString());
    text += tr(" — %1 spans in %2 traces")
                .arg(locale.toString(qulonglong(figures.spans)), locale.toString(qulonglong(figures.traces)));
    if (figures.evictedTraces)
        text += tr(" · %1 oldest traces dropped (%2 spans)")
                    .arg(locale.toString(qulonglong(figures.evictedTraces)),
                        locale.toString(qulonglong(figures.evictedSpans)));
    if (figures.rejectedSpans)
        text += tr(" · %1 spans rejected").arg(locale.toString(qulonglong(figures.rejectedSpans)));
    if (m_capture->refusedRequests())
        text += tr(" · %1 requests refused").arg(locale.toString(qulonglong(m_capture->refusedRequests())));
    m_status->setText(text);
    m_status->setToolTip(m_capture->refusals().isEmpty()
            ? tr("OTLP/HTTP: POST http://%1/v1/traces, protobuf or JSON").arg(m_capture->address().toString())
            : tr("Refused lately:\n") + m_capture->refusals().join(QLatin1Char('\n')));
    m_status->show();
}

void LiveMode::saveReceived()
{
    QString filter;
    const QString jsonl = tr("OTLP JSON Lines (*.jsonl)"), protobuf = tr("OTLP protobuf (*.pb)");
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save Received"), QStringLiteral("received.jsonl"),
        jsonl + QStringLiteral(";;") + protobuf, &filter);
    if (path.isEmpty())
        return;
    saveTo(path, filter == protobuf || path.endsWith(QLatin1String(".pb")));
}

void LiveMode::saveTo(const QString& path, bool protobuf)
{
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QString error = watcher->result();
        emit saved(error);
        if (!error.isEmpty()) {
            // Not modal: the window keeps receiving meanwhile.
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Save Received"), error, QMessageBox::Ok, m_window);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    });
    watcher->setFuture(QtConcurrent::run(writeReceived, m_capture->received(), path, protobuf));
}

} // namespace Spanwise
