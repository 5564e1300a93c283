#include "mainwindow.h"

#include "chartsview.h"
#include "dependencymapview.h"
#include "diagnosticsview.h"
#include "filterbar.h"
#include "formatting.h"
#include "loadjob.h"
#include "problemsdialog.h"
#include "rulemonitor.h"
#include "spansview.h"
#include "statisticsview.h"
#include "theme.h"
#include "tracelistmodel.h"
#include "tracelistpanel.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "traceview.h"
#include "waterfallcontroller.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace Spanwise {
namespace {

const QString demoResource = QStringLiteral(":/spanwise/demo/demo-trace.json");
const QString demoName = QStringLiteral("demo-trace.json (bundled demo)");

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_session(new TraceSession(this))
    , m_rules(new RuleMonitor(m_session, this))
    , m_loadJob(new LoadJob(this))
{
    setWindowTitle(m_session->title());
    setAcceptDrops(true);
    createActions();
    createCentralWidget();
    createStatusBar();
    connect(m_loadJob, &LoadJob::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_loadJob, &LoadJob::finished, this, &MainWindow::loadFinished);
    connect(m_session, &TraceSession::titleChanged, this, &QWidget::setWindowTitle);
    connect(m_traceList, &TraceListPanel::filterApplied, this, &MainWindow::updateStatus);
    connect(m_session, &TraceSession::viewRequested, this, &MainWindow::showTab);
    connect(m_session, &TraceSession::historyChanged, this, [this] {
        m_goBack->setEnabled(m_session->canGoBack());
        m_goForward->setEnabled(m_session->canGoForward());
    });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        fitToScreen();
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("mainWindow/splitter")).toByteArray());
    m_traceView->splitter()->restoreState(settings.value(QStringLiteral("mainWindow/detailsSplitter")).toByteArray());
}

MainWindow::~MainWindow() = default;

// The first run: a generous window, but never larger than the screen it opens on.
void MainWindow::fitToScreen()
{
    const QRect available = screen()->availableGeometry();
    resize(std::min(1500, available.width() * 9 / 10), std::min(920, available.height() * 9 / 10));
    move(available.center() - QPoint(width() / 2, height() / 2));
}

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

    QMenu* view = menuBar()->addMenu(tr("&View"));
    // Ctrl+F and / belong to the trace view itself; the menu entry names them.
    view->addAction(tr("&Search in Trace\tCtrl+F"), this, [this] { m_traceView->focusSearch(); });
    QAction* filter = view->addAction(tr("Filter &Traces"), this, [this] { m_traceList->filterBar()->focusField(); });
    filter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction* exportAction = view->addAction(tr("&Export Waterfall…"), this, [this] { m_traceView->exportImage(); });
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    view->addSeparator();
    // View ▸ Theme: follow the desktop, or always light or dark; remembered between runs.
    QMenu* theme = view->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    for (const auto& [choice, label] : {std::pair {ThemeChoice::System, tr("&System")},
             std::pair {ThemeChoice::Light, tr("&Light")}, std::pair {ThemeChoice::Dark, tr("&Dark")}}) {
        QAction* action = theme->addAction(label, this, [choice] {
            applyTheme(choice);
            QSettings().setValue(QStringLiteral("view/theme"), themeChoiceName(choice));
        });
        action->setCheckable(true);
        action->setChecked(choice == currentThemeChoice());
        action->setObjectName(QStringLiteral("theme-") + themeChoiceName(choice));
        themes->addAction(action);
    }

    // Alt+Left/Right belong to the waterfall's zoom history; these step through traces visited.
    QMenu* go = menuBar()->addMenu(tr("&Go"));
    m_goBack = go->addAction(tr("&Back"), m_session, &TraceSession::back);
    m_goBack->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketLeft));
    m_goBack->setStatusTip(tr("Back to the trace or span shown before"));
    m_goBack->setEnabled(false);
    m_goForward = go->addAction(tr("&Forward"), m_session, &TraceSession::forward);
    m_goForward->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketRight));
    m_goForward->setEnabled(false);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence(Qt::Key_F1));
    help->addAction(tr("&About Spanwise"), this, [this] {
        QMessageBox::about(this, tr("About Spanwise"),
            tr("<b>Spanwise %1</b><p>A desktop viewer for distributed traces and service "
               "dependency maps.</p><p>Opens Jaeger JSON, Zipkin v1 and v2 JSON, and OTLP JSON, JSON Lines and "
               "protobuf trace files, gzip or zstd compressed or not, offline.</p>")
                .arg(QCoreApplication::applicationVersion()));
    });
}

QStringList MainWindow::tabNames()
{
    return {QStringLiteral("waterfall"), QStringLiteral("spans"), QStringLiteral("statistics"), QStringLiteral("map"),
        QStringLiteral("charts"), QStringLiteral("diagnostics")};
}

QStringList MainWindow::reservedTabNames()
{
    return {QStringLiteral("flamegraph"), QStringLiteral("graph"), QStringLiteral("compare"), QStringLiteral("json"),
        QStringLiteral("logs"), QStringLiteral("mapdiff"), QStringLiteral("live")};
}

void MainWindow::addTab(QWidget* view, const QString& name, const QString& label)
{
    Q_ASSERT(tabNames().contains(name));
    view->setObjectName(name);
    m_tabs->addTab(view, label);
}

bool MainWindow::showTab(const QString& name)
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->widget(i)->objectName() == name) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    return false;
}

bool MainWindow::isSettled() const
{
    if (m_loadJob->isRunning() || m_traceList->isFiltering())
        return false;
    const QWidget* current = m_tabs->currentWidget();
    if (current == m_mapView)
        return !m_mapView->isComputing();
    if (current == m_statisticsView)
        return !m_statisticsView->isComputing();
    if (current == m_spansView)
        return !m_spansView->isLoading();
    if (current == m_diagnosticsView)
        return !m_diagnosticsView->isComputing();
    return true;
}

QString MainWindow::currentTabName() const
{
    return m_tabs->currentWidget() ? m_tabs->currentWidget()->objectName() : QString();
}

void MainWindow::createCentralWidget()
{
    m_traceList = new TraceListPanel(m_session, this);
    m_traceView = new TraceView(m_session, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_spansView = new SpansView(m_session, this);
    m_statisticsView = new StatisticsView(m_session, this);
    m_chartsView = new ChartsView(m_session, this);
    m_mapView = new DependencyMapView(m_session, this);
    m_diagnosticsView = new DiagnosticsView(m_session, this);
    addTab(m_traceView, QStringLiteral("waterfall"), tr("&Waterfall"));
    addTab(m_spansView, QStringLiteral("spans"), tr("S&pans"));
    addTab(m_statisticsView, QStringLiteral("statistics"), tr("&Statistics"));
    addTab(m_mapView, QStringLiteral("map"), tr("Dependency &map"));
    addTab(m_chartsView, QStringLiteral("charts"), tr("&Charts"));
    addTab(m_diagnosticsView, QStringLiteral("diagnostics"), tr("D&iagnostics"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_traceList);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 5);
    m_splitter->setSizes({460, 1040}); // room for the list's duration, spans and errors
    setCentralWidget(m_splitter);
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

// What is loaded, and how many traces the list's filter leaves when one is on.
void MainWindow::updateStatus()
{
    QString status = m_loadStatus;
    const int shown = m_traceList->proxy()->rowCount(), all = m_traceList->model()->rowCount();
    if (!m_session->traceFilter().trimmed().isEmpty())
        status += tr(" — %1 of %2 traces match the filter").arg(QLocale().toString(shown), QLocale().toString(all));
    m_statusText->setText(status);
}

void MainWindow::chooseFiles(bool add)
{
    const QStringList chosen = QFileDialog::getOpenFileNames(this, add ? tr("Add Trace Files") : tr("Open Trace Files"),
        QString(), tr("Trace files (*.json *.jsonl *.ndjson *.gz *.zst *.pb *.bin);;All files (*)"));
    if (chosen.isEmpty())
        return;
    openFiles(add ? m_session->files() + chosen : chosen);
}

void MainWindow::openFiles(const QStringList& paths)
{
    m_loadingPaths = paths;
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
    m_loadingPaths.clear();
    const QByteArray bytes = demo.readAll();
    std::vector<NamedBuffer> buffers;
    buffers.push_back(
        {demoName.toStdString(), PaddedBuffer(std::string_view(bytes.constData(), std::size_t(bytes.size())))});
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

void MainWindow::loadFinished(const std::shared_ptr<const LoadOutcome>& outcome)
{
    m_progress->hide();
    m_cancelButton->hide();
    const LoadResult* result = &outcome->result;
    m_reports = result->reports;
    QString source = m_loadingPaths.isEmpty() ? demoName : QFileInfo(m_loadingPaths.front()).fileName();
    if (m_loadingPaths.size() > 1)
        source += tr(" and %1 more").arg(m_loadingPaths.size() - 1);
    m_session->setLoaded(outcome->presentation, m_loadingPaths, source);

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
    m_loadStatus = status;
    updateStatus();

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
    emit loadCompleted();
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* text = new QTextBrowser(&dialog);
    const QList<std::pair<QString, QString>> rows = {
        {tr("↑ ↓, j k"), tr("Previous / next span")},
        {tr("Page Up / Page Down, Home / End"), tr("Move a page, to the first / last span")},
        {tr("← →"), tr("Collapse / expand the span (or go to its parent / first child)")},
        {tr("Enter, double-click the label"), tr("Collapse or expand the span")},
        {tr("+ / −, Ctrl+wheel"), tr("Zoom in / out")},
        {tr("0, double-click the overview"), tr("Show the whole trace")},
        {tr("Double-click a bar"), tr("Zoom to that span")},
        {tr("Drag the bars, Shift+wheel"), tr("Pan the time axis")},
        {tr("Alt+← / Alt+→"), tr("Back / forward through zoom history")},
        {tr("/ or Ctrl+F"), tr("Search in the trace")},
        {tr("Enter / Shift+Enter, F3 / Shift+F3"), tr("Next / previous match")},
        {tr("Esc"), tr("Clear the search or the selection")},
        {tr("Ctrl+L"), tr("Filter the trace list (a query: docs/query.md)")},
        {tr("Ctrl+[ / Ctrl+]"), tr("Back / forward through the traces and spans visited")},
        {tr("Ctrl+O, Ctrl+Shift+O"), tr("Open files, add files")},
        {tr("Ctrl+E"), tr("Export the waterfall as SVG or PNG")},
        {tr("Ctrl+C in span details"), tr("Copy the selected value")},
    };
    QString html = QStringLiteral("<table cellpadding='4'>");
    for (const auto& [keys, what] : rows)
        html +=
            QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
    text->setHtml(html + QStringLiteral("</table>"));
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(560, 520);
    dialog.exec();
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
    settings.setValue(QStringLiteral("mainWindow/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/detailsSplitter"), m_traceView->splitter()->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace Spanwise
