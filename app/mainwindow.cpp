#include "mainwindow.h"

#include "backenddialog.h"
#include "chartsview.h"
#include "compareview.h"
#include "dependencymapview.h"
#include "diagnosticsview.h"
#include "filterbar.h"
#include "flamegraphview.h"
#include "formatting.h"
#include "hexid.h"
#include "libraryversions.h"
#include "livemode.h"
#include "loadjob.h"
#include "logsview.h"
#include "mapdiffview.h"
#include "problemsdialog.h"
#include "rawjsonview.h"
#include "rulemonitor.h"
#include "secretstore.h"
#include "shortcuts.h"
#include "spanlookup.h"
#include "spanrecords.h"
#include "spansview.h"
#include "statisticsview.h"
#include "theme.h"
#include "tracegraphview.h"
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
#include <QDir>
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
const QString timeZoneKey = QStringLiteral("view/timeZone");

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_session(new TraceSession(this))
    , m_rules(new RuleMonitor(m_session, this))
    , m_loadJob(new LoadJob(this))
    , m_live(new LiveMode(this, [this] { return m_loadJob->isRunning(); }))
    , m_secrets(new SecretStore(this))
{
    setTimeZoneChoice(QSettings().value(timeZoneKey).toString() == QStringLiteral("utc") ? TimeZoneChoice::Utc
                                                                                         : TimeZoneChoice::Local);
    setWindowTitle(m_session->title());
    setAcceptDrops(true);
    createActions();
    createCentralWidget();
    createStatusBar();
    connect(m_loadJob, &LoadJob::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_loadJob, &LoadJob::finished, this, &MainWindow::loadFinished);
    connect(m_live, &LiveMode::snapshotWanted, this, &MainWindow::loadReceived);
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
    open->setShortcut(keysFor(Shortcut::Open));
    open->setStatusTip(tr("Open trace files or a saved session, replacing what is loaded"));
    QAction* add = file->addAction(tr("&Add Files…"), this, [this] { chooseFiles(true); });
    add->setShortcut(keysFor(Shortcut::AddFiles));
    add->setStatusTip(tr("Load more trace files beside the ones loaded"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addAction(tr("Open &Demo Trace"), this, &MainWindow::openDemo);
    QAction* backend = file->addAction(tr("Open from &Backend…"), this, &MainWindow::openFromBackend);
    backend->setShortcut(keysFor(Shortcut::OpenFromBackend));
    backend->setStatusTip(tr("Search or open traces in Jaeger, Grafana Tempo or Zipkin"));
    file->addSeparator();
    m_live->addActions(file);
    file->addSeparator();
    QAction* save = file->addAction(tr("&Save Session…"), this, &MainWindow::chooseSessionPath);
    save->setShortcut(keysFor(Shortcut::SaveSession));
    save->setStatusTip(tr("Save the files, trace, span, filters and view to reopen them later"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(keysFor(Shortcut::Quit));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    // Ctrl+F and / belong to the trace view itself; the menu entry names them.
    view->addAction(tr("&Search in Trace\tCtrl+F"), this, [this] { m_traceView->focusSearch(); });
    QAction* filter = view->addAction(tr("Filter &Traces"), this, [this] { m_traceList->filterBar()->focusField(); });
    filter->setShortcut(keysFor(Shortcut::FilterTraces));
    QAction* exportAction = view->addAction(tr("&Export Waterfall…"), this, [this] { m_traceView->exportImage(); });
    exportAction->setShortcut(keysFor(Shortcut::ExportWaterfall));
    view->addSeparator();
    createViewOptions(view);
    // Alt+Left/Right belong to the waterfall's zoom history; these step through traces visited.
    QMenu* go = menuBar()->addMenu(tr("&Go"));
    m_goBack = go->addAction(tr("&Back"), m_session, &TraceSession::back);
    m_goBack->setShortcut(keysFor(Shortcut::GoBack));
    m_goBack->setStatusTip(tr("Back to the trace or span shown before"));
    m_goBack->setEnabled(false);
    m_goForward = go->addAction(tr("&Forward"), m_session, &TraceSession::forward);
    m_goForward->setShortcut(keysFor(Shortcut::GoForward));
    m_goForward->setEnabled(false);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(keysFor(Shortcut::KeyboardShortcuts));
    help->addAction(tr("&About Spanwise"), this, &MainWindow::showAbout);
}

void MainWindow::createViewOptions(QMenu* view)
{
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

    // View ▸ Time Zone: timestamps in local time or UTC; remembered between runs.
    QMenu* zone = view->addMenu(tr("Time &Zone"));
    auto* zones = new QActionGroup(this);
    for (const auto& [choice, label, name] :
        {std::tuple {TimeZoneChoice::Local, tr("&Local Time"), QStringLiteral("local")},
            std::tuple {TimeZoneChoice::Utc, tr("&UTC"), QStringLiteral("utc")}}) {
        QAction* action = zone->addAction(label, this, [this, choice, name] {
            setTimeZoneChoice(choice);
            QSettings().setValue(timeZoneKey, name);
            m_session->notifyDisplayOptionsChanged();
            for (QWidget* widget : findChildren<QWidget*>())
                widget->update();
        });
        action->setCheckable(true);
        action->setChecked(choice == timeZoneChoice());
        action->setObjectName(QStringLiteral("timezone-") + name);
        zones->addAction(action);
    }
}

void MainWindow::showAbout()
{
    QString libraries;
    for (const auto& [name, version] : libraryVersions())
        libraries +=
            QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(name.toHtmlEscaped(), version.toHtmlEscaped());
    QMessageBox::about(this, tr("About Spanwise"),
        tr("<b>Spanwise %1</b><p>A desktop viewer for distributed traces and service "
           "dependency maps.</p><p>Opens Jaeger JSON, Zipkin v1 and v2 JSON, and OTLP JSON, JSON Lines and "
           "protobuf trace files, gzip or zstd compressed or not, offline.</p>"
           "<p>Licensed under the Apache License 2.0.</p><p>Running with:</p><table cellpadding='2'>%2</table>")
            .arg(QCoreApplication::applicationVersion(), libraries));
}

QStringList MainWindow::tabNames()
{
    return {QStringLiteral("waterfall"), QStringLiteral("spans"), QStringLiteral("statistics"), QStringLiteral("map"),
        QStringLiteral("charts"), QStringLiteral("diagnostics"), QStringLiteral("compare"), QStringLiteral("mapdiff"),
        QStringLiteral("flamegraph"), QStringLiteral("graph"), QStringLiteral("json"), QStringLiteral("logs")};
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
    if (current == m_chartsView)
        return !m_chartsView->isComputing();
    if (current == m_diagnosticsView)
        return !m_diagnosticsView->isComputing();
    if (current == m_compareView)
        return !m_compareView->isComputing();
    if (current == m_mapDiffView)
        return !m_mapDiffView->isComputing();
    if (current == m_flameGraphView)
        return !m_flameGraphView->isComputing();
    if (current == m_traceGraphView)
        return !m_traceGraphView->isComputing();
    if (current == m_rawJsonView)
        return !m_rawJsonView->isReading();
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
    m_compareView = new CompareView(m_session, this);
    m_mapDiffView = new MapDiffView(m_session, this);
    m_logsView = new LogsView(m_session, this);
    m_flameGraphView = new FlameGraphView(m_session, this);
    m_traceGraphView = new TraceGraphView(m_session, this);
    // Records are read back by the importers' code, which the widgets do not know.
    m_rawJsonView = new RawJsonView(
        m_session,
        [](const TraceSet& set, const std::vector<SpanIndex>& spans) {
            std::vector<RawRecord> shown;
            for (const SpanRecord& record : readSpanRecords(set, spans))
                shown.push_back(
                    {QString::fromStdString(record.json), QString::fromStdString(record.error), record.converted});
            return shown;
        },
        this);
    addTab(m_traceView, QStringLiteral("waterfall"), tr("&Waterfall"));
    addTab(m_spansView, QStringLiteral("spans"), tr("S&pans"));
    addTab(m_statisticsView, QStringLiteral("statistics"), tr("&Statistics"));
    addTab(m_mapView, QStringLiteral("map"), tr("Dependency &map"));
    addTab(m_chartsView, QStringLiteral("charts"), tr("&Charts"));
    addTab(m_diagnosticsView, QStringLiteral("diagnostics"), tr("D&iagnostics"));
    addTab(m_compareView, QStringLiteral("compare"), tr("C&ompare"));
    addTab(m_mapDiffView, QStringLiteral("mapdiff"), tr("Map &diff"));
    addTab(m_flameGraphView, QStringLiteral("flamegraph"), tr("F&lame graph"));
    addTab(m_traceGraphView, QStringLiteral("graph"), tr("&Trace graph"));
    addTab(m_rawJsonView, QStringLiteral("json"), tr("&JSON"));
    addTab(m_logsView, QStringLiteral("logs"), tr("Logs"));
    connect(m_mapView, &DependencyMapView::serviceNotFound, this, [this](const QString& name) {
        statusBar()->showMessage(tr("There is no service \"%1\" on the dependency map.").arg(name), 10000);
    });
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
    statusBar()->addPermanentWidget(m_live->statusLabel());
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
    const int shown = m_traceList->model()->rowCount(), all = m_traceList->model()->traceCount();
    if (!m_session->traceFilter().trimmed().isEmpty())
        status += tr(" — %1 of %2 traces match the filter").arg(QLocale().toString(shown), QLocale().toString(all));
    m_statusText->setText(status);
}

void MainWindow::chooseFiles(bool add)
{
    const QString traces = tr("Trace files (*.json *.jsonl *.ndjson *.gz *.zst *.pb *.bin)");
    const QStringList chosen =
        QFileDialog::getOpenFileNames(this, add ? tr("Add Trace Files") : tr("Open Trace Files"), lastDirectory(),
            add ? QString(traces + tr(";;All files (*)"))
                : QString(tr("Trace files and sessions (*.json *.jsonl *.ndjson *.gz *.zst *.pb *.bin *.spanwise);;") +
                      traces + tr(";;Sessions (*.spanwise);;All files (*)")));
    if (chosen.isEmpty())
        return;
    rememberDirectoryOf(chosen.front());
    openFiles(add ? m_session->files() + chosen : chosen);
}

void MainWindow::chooseSessionPath()
{
    const QString suggested =
        QDir(lastDirectory())
            .filePath(m_session->files().isEmpty()
                    ? QStringLiteral("demo.spanwise")
                    : QFileInfo(m_session->files().front()).completeBaseName() + QStringLiteral(".spanwise"));
    QString path = QFileDialog::getSaveFileName(this, tr("Save Session"), suggested, tr("Sessions (*.spanwise)"));
    if (path.isEmpty())
        return;
    if (!isSessionFile(path))
        path += QStringLiteral(".spanwise");
    rememberDirectoryOf(path);
    const QString error = saveSession(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Could not save the session"), error);
    else
        statusBar()->showMessage(tr("Session saved to %1").arg(QDir::toNativeSeparators(path)), 5000);
}

QString MainWindow::saveSession(const QString& path)
{
    const QString error = writeSessionFile(currentPlace(), path);
    if (error.isEmpty())
        m_recent.add({path});
    return error;
}

SessionState MainWindow::currentPlace() const
{
    SessionState place = SessionState::forFiles(m_session->files());
    const auto& presentation = m_session->presentation();
    if (presentation && m_session->trace().isValid()) {
        const TraceSet& set = presentation->set();
        place.traceId = toQString(formatTraceId(set.forest().traces()[m_session->trace().value].id));
        if (m_session->span().isValid())
            place.spanId = toQString(formatSpanId(set.spans()[m_session->span().value].spanId));
        const WaterfallController* controller = m_traceView->controller();
        const auto visible = controller->visibleRange(), whole = controller->traceRange();
        if (controller->trace() == m_session->trace() && visible != whole && visible.width() > 0)
            place.zoom = SessionState::Zoom {visible.startNs - whole.startNs, visible.endNs - whole.startNs};
    }
    place.tab = currentTabName();
    place.service = m_mapView->selectedService();
    place.traceFilter = m_traceList->filterBar()->text();
    place.spanFilter = m_spansView->filterBar()->text();
    place.statisticsFilter = m_statisticsView->filterBar()->text();
    place.compareA = m_compareView->queryA();
    place.compareB = m_compareView->queryB();
    place.mapDiffBefore = m_mapDiffView->beforeQuery();
    place.mapDiffAfter = m_mapDiffView->afterQuery();
    return place;
}

void MainWindow::openSessionFile(const QString& path)
{
    QString error;
    std::optional<SessionState> place = readSessionFile(path, &error);
    if (!place) {
        auto* box =
            new QMessageBox(QMessageBox::Warning, tr("Could not open the session"), error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    openAt(*place);
    m_recent.add({path}); // above the session's files, which openAt put there
}

void MainWindow::openAt(const SessionState& place)
{
    if (place.files.empty()) {
        openDemo();
    } else {
        startLoading(place.paths());
    }
    m_pendingPlace = place;
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const std::vector<QStringList> entries = m_recent.entries();
    for (const QStringList& entry : entries) {
        const bool missing = RecentFiles::isMissing(entry);
        QAction* action = m_recentMenu->addAction(
            missing ? tr("%1 (missing)").arg(RecentFiles::label(entry)) : RecentFiles::label(entry), this,
            [this, entry] { openFiles(entry); });
        action->setToolTip(entry.join(QLatin1Char('\n')));
        action->setStatusTip(entry.join(QStringLiteral(", ")));
        action->setEnabled(!missing); // greyed: "Remove Missing Files" below takes it away
    }
    if (entries.empty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    m_recentMenu->addSeparator();
    QAction* removeMissing = m_recentMenu->addAction(tr("&Remove Missing Files"), this, [this] {
        m_recent.removeMissing();
        rebuildRecentMenu();
    });
    removeMissing->setEnabled(std::ranges::any_of(entries, &RecentFiles::isMissing));
    QAction* clear = m_recentMenu->addAction(tr("&Clear List"), this, [this] {
        m_recent.clear();
        rebuildRecentMenu();
    });
    clear->setEnabled(!entries.empty());
}

void MainWindow::openFiles(const QStringList& paths)
{
    if (paths.size() == 1 && isSessionFile(paths.front())) {
        openSessionFile(paths.front());
        return;
    }
    m_pendingPlace.reset(); // nowhere to go but where a load opens
    startLoading(paths);
}

void MainWindow::startLoading(const QStringList& paths)
{
    m_live->stop();
    m_memorySource.clear();
    m_liveReload = false;
    m_recent.add(paths);
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
    m_live->stop();
    m_memorySource = demoName;
    m_liveReload = false;
    m_loadingPaths.clear();
    m_pendingPlace.reset();
    const QByteArray bytes = demo.readAll();
    std::vector<NamedBuffer> buffers;
    buffers.push_back(
        {demoName.toStdString(), PaddedBuffer(std::string_view(bytes.constData(), std::size_t(bytes.size())))});
    beginLoading(demoName);
    m_loadJob->start(std::move(buffers));
}

bool MainWindow::startReceiving(const ListenAddress& address, std::size_t maxSpans, QString* error)
{
    return m_live->start(address, maxSpans, error);
}

void MainWindow::openDocument(const QByteArray& document, const QString& sourceName)
{
    m_live->stop();
    m_memorySource = sourceName;
    m_liveReload = false;
    m_loadingPaths.clear();
    m_pendingPlace.reset();
    std::vector<NamedBuffer> buffers;
    buffers.push_back(
        {sourceName.toStdString(), PaddedBuffer(std::string_view(document.constData(), std::size_t(document.size())))});
    beginLoading(sourceName);
    m_loadJob->start(std::move(buffers));
}

QDialog* MainWindow::openFromBackend()
{
    auto* dialog = new BackendDialog(m_secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BackendDialog::documentFetched, this, &MainWindow::openDocument);
    dialog->open();
    return dialog;
}

void MainWindow::loadReceived(std::function<std::string()> jsonLines, const QString& sourceName)
{
    m_memorySource = sourceName;
    m_liveReload = true;
    m_loadingPaths.clear();
    m_pendingPlace.reset();
    // Quietly: no progress bar blinking twice a second while spans arrive.
    m_loadClock.start();
    m_loadJob->start([jsonLines = std::move(jsonLines), name = sourceName.toStdString()] {
        std::vector<NamedBuffer> buffers;
        std::string lines = jsonLines();
        if (!lines.empty())
            buffers.push_back({name, PaddedBuffer(lines)});
        return buffers;
    });
}

void MainWindow::reselect(const QString& traceId, const QString& spanId)
{
    if (traceId.isEmpty())
        return;
    const SpanLocation at = locateSpan(m_session->presentation()->set(), traceId.toStdString(), spanId.toStdString());
    // Not openSpan: that would bring the waterfall forward over the view the user is reading.
    if (at.trace.isValid())
        m_session->selectTrace(at.trace);
    if (at.span.isValid())
        m_session->selectSpan(at.span);
}

void MainWindow::beginLoading(const QString& what)
{
    m_loadClock.start();
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
    QString source = m_loadingPaths.isEmpty() ? m_memorySource : QFileInfo(m_loadingPaths.front()).fileName();
    if (m_loadingPaths.size() > 1)
        source += tr(" and %1 more").arg(m_loadingPaths.size() - 1);
    // A live reload keeps the trace and span shown (their indexes change, their ids do not).
    QString shownTrace, shownSpan;
    if (m_liveReload) {
        if (m_session->presentation() && m_session->trace().isValid()) {
            const TraceSet& before = m_session->presentation()->set();
            shownTrace = toQString(formatTraceId(before.trace(m_session->trace()).id));
            if (m_session->span().isValid())
                shownSpan = toQString(formatSpanId(before.span(m_session->span()).spanId));
        }
    }
    m_session->setLoaded(outcome->presentation, m_loadingPaths, source);
    reselect(shownTrace, shownSpan);

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
    else
        status += tr(" — loaded in %1").arg(formatDuration(m_loadClock.nsecsElapsed()));
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
    m_placeProblems.clear();
    if (m_pendingPlace && !result->cancelled)
        goToPlace(*std::exchange(m_pendingPlace, std::nullopt));
    // Not modal: a blocking box would stall scripted runs (--screenshot) and tests.
    if (!failed.isEmpty()) {
        auto* box = new QMessageBox(
            QMessageBox::Warning, tr("Could not load"), failed.join(QLatin1Char('\n')), QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    emit loadCompleted();
}

// The last step of a deep link or a session: the filters, then the span (or trace), the zoom
// and the tab. What cannot be reached is said, and the rest is still done.
void MainWindow::goToPlace(const SessionState& place)
{
    m_placeProblems = changedSinceSaved(place);
    if (!place.traceFilter.isEmpty())
        m_traceList->filterBar()->setText(place.traceFilter);
    if (!place.spanFilter.isEmpty())
        m_spansView->filterBar()->setText(place.spanFilter);
    if (!place.statisticsFilter.isEmpty())
        m_statisticsView->filterBar()->setText(place.statisticsFilter);
    if (!place.compareA.isEmpty() && !place.compareB.isEmpty())
        m_compareView->compare(place.compareA, place.compareB);
    if (!place.mapDiffBefore.isEmpty() && !place.mapDiffAfter.isEmpty())
        m_mapDiffView->compare(place.mapDiffBefore, place.mapDiffAfter);
    if (!place.traceId.isEmpty() || !place.spanId.isEmpty()) {
        const SpanLocation at =
            locateSpan(m_session->presentation()->set(), place.traceId.toStdString(), place.spanId.toStdString());
        if (at.span.isValid())
            m_session->openSpan(at.span);
        else if (at.trace.isValid())
            m_session->selectTrace(at.trace);
        if (!at.problem.empty())
            m_placeProblems << tr("Trace %1, span %2: %3")
                                   .arg(place.traceId.isEmpty() ? tr("(any)") : place.traceId,
                                       place.spanId.isEmpty() ? tr("(none)") : place.spanId, toQString(at.problem));
        WaterfallController* controller = m_traceView->controller();
        if (place.zoom && at.trace.isValid() && controller->trace() == at.trace) {
            const qint64 start = controller->traceRange().startNs;
            controller->setVisibleRange({start + place.zoom->fromNs, start + place.zoom->toNs});
        }
    }
    if (!place.service.isEmpty())
        m_mapView->selectService(place.service);
    if (!place.tab.isEmpty() && !showTab(place.tab))
        m_placeProblems << tr("There is no view named \"%1\"; the views are %2.")
                               .arg(place.tab, tabNames().join(QStringLiteral(", ")));
    reportPlaceProblems();
}

void MainWindow::reportPlaceProblems()
{
    if (m_placeProblems.isEmpty())
        return;
    statusBar()->showMessage(m_placeProblems.front(), 10000);
    // Not modal, like the load errors: scripted runs must not stall on a box.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Not everything could be reopened"),
        m_placeProblems.join(QLatin1Char('\n')), QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* text = new QTextBrowser(&dialog);
    QString html = QStringLiteral("<table cellpadding='4'>");
    for (const auto& [keys, what] : shortcutHelp())
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
