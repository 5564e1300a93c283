#include "mainwindow.h"

#include "formatting.h"
#include "loadjob.h"
#include "problemsdialog.h"
#include "tracelistmodel.h"
#include "traceset.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Spanwise {
namespace {

const QString demoResource = QStringLiteral(":/spanwise/demo/demo-trace.json");
const QString demoName = QStringLiteral("demo-trace.json (bundled demo)");

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_loadJob(new LoadJob(this))
{
    setWindowTitle(tr("Spanwise"));
    setAcceptDrops(true);
    createActions();
    createCentralWidget();
    createStatusBar();
    connect(m_loadJob, &LoadJob::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_loadJob, &LoadJob::finished, this, &MainWindow::loadFinished);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1200, 720);
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, [this] { chooseFiles(false); });
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open trace files, replacing what is loaded"));
    QAction* add = file->addAction(tr("&Add Files…"), this, [this] { chooseFiles(true); });
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    add->setStatusTip(tr("Load more trace files beside the ones loaded"));
    file->addAction(tr("Open &Demo Trace"), this, &MainWindow::openDemo);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Spanwise"), this, [this] {
        QMessageBox::about(this, tr("About Spanwise"),
            tr("<b>Spanwise %1</b><p>A desktop viewer for distributed traces and service "
               "dependency maps.</p><p>Opens Jaeger JSON, Zipkin v1 and v2 JSON, and OTLP JSON, JSON Lines and protobuf trace files, gzip or zstd compressed or not, offline.</p>")
                .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::createCentralWidget()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);

    m_filter = new QLineEdit(central);
    m_filter->setPlaceholderText(tr("Filter traces by service, operation, trace id or file (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    auto* focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filter, qOverload<>(&QWidget::setFocus));
    addAction(focusFilter);

    m_traceModel = new TraceListModel(this);
    m_traceProxy = new QSortFilterProxyModel(this);
    m_traceProxy->setSourceModel(m_traceModel);
    m_traceProxy->setSortRole(TraceListModel::SortRole);
    m_traceProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_traceProxy->setFilterKeyColumn(-1);

    // Debounced: refiltering a large list on every key press would stall typing.
    m_filterDebounce = new QTimer(this);
    m_filterDebounce->setSingleShot(true);
    m_filterDebounce->setInterval(300);
    connect(m_filter, &QLineEdit::textChanged, m_filterDebounce, qOverload<>(&QTimer::start));
    connect(m_filterDebounce, &QTimer::timeout, this, [this] { m_traceProxy->setFilterFixedString(m_filter->text()); });

    m_traceView = new QTableView(central);
    m_traceView->setModel(m_traceProxy);
    m_traceView->setSortingEnabled(true);
    m_traceView->sortByColumn(TraceListModel::Start, Qt::AscendingOrder);
    m_traceView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_traceView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_traceView->setAlternatingRowColors(true);
    m_traceView->setWordWrap(false);
    m_traceView->verticalHeader()->hide();
    m_traceView->verticalHeader()->setDefaultSectionSize(m_traceView->fontMetrics().height() + 8);
    m_traceView->horizontalHeader()->setStretchLastSection(true);
    m_traceView->horizontalHeader()->setSectionsMovable(true);
    layout->addWidget(m_traceView);
    setCentralWidget(central);
}

void MainWindow::createStatusBar()
{
    m_statusText = new QLabel(this);
    statusBar()->addWidget(m_statusText, 1);
    m_problemsButton = new QPushButton(this);
    m_problemsButton->setFlat(true);
    m_problemsButton->hide();
    connect(m_problemsButton, &QPushButton::clicked, this, &MainWindow::showProblems);
    statusBar()->addPermanentWidget(m_problemsButton);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setToolTip(tr("Stop loading (Esc); what was read so far is kept"));
    m_cancelButton->setShortcut(Qt::Key_Escape);
    m_cancelButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, m_loadJob, &LoadJob::cancel);
    statusBar()->addPermanentWidget(m_cancelButton);
}

void MainWindow::chooseFiles(bool add)
{
    const QStringList chosen = QFileDialog::getOpenFileNames(this, add ? tr("Add Trace Files") : tr("Open Trace Files"),
        QString(), tr("Trace files (*.json *.jsonl *.ndjson *.gz *.zst *.pb *.bin);;All files (*)"));
    if (chosen.isEmpty())
        return;
    openFiles(add ? m_paths + chosen : chosen);
}

void MainWindow::openFiles(const QStringList& paths)
{
    m_paths = paths;
    std::vector<std::string> files;
    for (const QString& path : paths)
        files.push_back(QFile::encodeName(path).toStdString());
    beginLoading(paths.size() == 1 ? paths.front() : countText(paths.size(), u"file", u"files"));
    m_loadJob->start(std::move(files));
}

void MainWindow::openDemo()
{
    QFile demo(demoResource);
    if (!demo.open(QIODevice::ReadOnly)) {
        QMessageBox::critical(this, tr("Spanwise"), tr("The bundled demo trace is missing from this build."));
        return;
    }
    m_paths.clear();
    const QByteArray bytes = demo.readAll();
    std::vector<NamedBuffer> buffers;
    buffers.push_back({demoName.toStdString(), std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()))});
    beginLoading(demoName);
    m_loadJob->start(std::move(buffers));
}

void MainWindow::beginLoading(const QString& what)
{
    m_statusText->setText(tr("Loading %1…").arg(what));
    m_progress->setValue(0);
    m_progress->show();
    m_cancelButton->show();
}

void MainWindow::loadFinished(const std::shared_ptr<const LoadResult>& result)
{
    m_progress->hide();
    m_cancelButton->hide();
    m_reports = result->reports;
    m_traceModel->setTraceSet(result->traces);
    m_traceView->resizeColumnsToContents();

    const TraceSet& set = *result->traces;
    const auto count = [](std::size_t n, QStringView one, QStringView many) {
        return countText(static_cast<std::int64_t>(n), one, many);
    };
    QString status = count(set.traces().size(), u"trace", u"traces") + QStringLiteral(", ") +
        count(set.spans().size(), u"span", u"spans") + QStringLiteral(", ") +
        count(set.serviceNames().size(), u"service", u"services") + QStringLiteral(", ") +
        count(set.errorSpanCount(), u"error span", u"error spans");
    if (result->cancelled)
        status += tr(" — loading was cancelled, the list is incomplete");
    m_statusText->setText(status);

    std::size_t warnings = 0, errors = 0;
    QStringList failed;
    for (const ImportReport& report : m_reports) {
        warnings += report.warningCount;
        errors += report.errorCount;
        if (report.failed && !report.messages.empty())
            failed << toQString(report.describe(report.messages.back()));
    }
    m_problemsButton->setVisible(warnings + errors > 0);
    m_problemsButton->setText(
        QStringLiteral("⚠ ") + countText(static_cast<std::int64_t>(warnings + errors), u"problem", u"problems"));
    m_problemsButton->setToolTip(tr("Show what loading skipped, with file and place"));
    // Not modal: a blocking box would stall scripted runs (--screenshot) and tests.
    if (!failed.isEmpty()) {
        auto* box = new QMessageBox(
            QMessageBox::Warning, tr("Could not load"), failed.join(QLatin1Char('\n')), QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }

    QString title = m_paths.isEmpty() ? demoName : QFileInfo(m_paths.front()).fileName();
    if (m_paths.size() > 1)
        title += tr(" and %1 more").arg(m_paths.size() - 1);
    setWindowTitle(tr("%1 — Spanwise").arg(title));
    if (m_traceProxy->rowCount() > 0)
        m_traceView->selectRow(0);
    emit loadCompleted();
}

void MainWindow::showProblems()
{
    ProblemsDialog dialog(m_reports, this);
    dialog.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openFiles(paths);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_loadJob->cancel();
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace Spanwise
