#pragma once

#include "ids.h"
#include "importreport.h"
#include "recentfiles.h"
#include "sessionfile.h"

#include <QElapsedTimer>
#include <QMainWindow>

#include <functional>

#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace Spanwise {

class ChartsView;
class CompareView;
class MapDiffView;
class LogsView;
class DependencyMapView;
class DiagnosticsView;
class FlameGraphView;
class LiveMode;
class SecretStore;
class LoadJob;
struct ListenAddress;
class RawJsonView;
class RuleMonitor;
class SpansView;
class StatisticsView;
struct LoadOutcome;
class TraceListPanel;
class TraceSession;
class TraceGraphView;
class TraceView;

// The main window: the trace list on the left (filter, scatter plot, table) and the views as
// tabs in the centre, loading with progress and cancel, and a report of anything loading
// skipped. It owns the TraceSession every view follows and hands it what a load produced; it
// pushes no state into views. Layout and splitters are remembered between runs.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens trace files, replacing what is loaded; a single *.spanwise file is a session.
    void openFiles(const QStringList& paths);
    void openDemo();
    // Opens the place's files (none: the demo) and, once loaded, goes where it says: trace,
    // span, tab, filters and zoom. Deep links (--trace, --span, --tab) and sessions come here.
    void openAt(const SessionState& place);
    void openSessionFile(const QString& path);
    // What File ▸ Save Session writes: the files, the selection, the tab, filters and zoom.
    SessionState currentPlace() const;
    // Returns an error sentence, or an empty one.
    QString saveSession(const QString& path);
    // Why the last place opened could not be reached in full (a missing span, a changed
    // file), one sentence each; empty when it was.
    const QStringList& placeProblems() const { return m_placeProblems; }
    QMenu* recentMenu() const { return m_recentMenu; }
    TraceSession* session() const { return m_session; }
    TraceListPanel* traceList() const { return m_traceList; }
    TraceView* traceView() const { return m_traceView; }
    SpansView* spansView() const { return m_spansView; }
    StatisticsView* statisticsView() const { return m_statisticsView; }
    ChartsView* chartsView() const { return m_chartsView; }
    DependencyMapView* mapView() const { return m_mapView; }
    DiagnosticsView* diagnosticsView() const { return m_diagnosticsView; }
    CompareView* compareView() const { return m_compareView; }
    MapDiffView* mapDiffView() const { return m_mapDiffView; }
    LogsView* logsView() const { return m_logsView; }
    FlameGraphView* flameGraphView() const { return m_flameGraphView; }
    TraceGraphView* traceGraphView() const { return m_traceGraphView; }
    RawJsonView* rawJsonView() const { return m_rawJsonView; }
    QTabWidget* tabs() const { return m_tabs; }
    LiveMode* liveMode() const { return m_live; }
    // Live mode: receives OTLP/HTTP here and shows spans as they arrive (File ▸ Receive OTLP…,
    // --listen). Opening files stops it. False with the reason when the address is taken.
    bool startReceiving(const ListenAddress& address, std::size_t maxSpans, QString* error);
    // Loads a document a backend answered (File ▸ Open from Backend…) as if it were a file.
    void openDocument(const QByteArray& document, const QString& sourceName);
    // File ▸ Open from Backend…: the dialog, not modal; returned for tests.
    QDialog* openFromBackend();

    // The views' stable names, used by --tab, links and screenshots, in tab order.
    static QStringList tabNames();
    // Brings the named view to the front; false for a name that is not one.
    bool showTab(const QString& name);
    QString currentTabName() const;
    // Loading is over and the visible tab shows what it computes (the map its layout, the
    // statistics their figures); work a hidden tab would do does not count.
    bool isSettled() const;

signals:
    // A load finished (or was cancelled) and the views show its result.
    void loadCompleted();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void fitToScreen();
    void createActions();
    void createCentralWidget();
    void createStatusBar();
    // Loads files (and puts them on File ▸ Open Recent); the views follow when it finishes.
    void startLoading(const QStringList& paths);
    void beginLoading(const QString& what);
    void loadFinished(const std::shared_ptr<const LoadOutcome>& outcome);
    // Loads what live mode received; the trace and span shown stay shown when they still are.
    void loadReceived(std::function<std::string()> jsonLines, const QString& sourceName);
    void reselect(const QString& traceId, const QString& spanId);
    void showProblems();
    void updateStatus();
    void showShortcuts();
    void showAbout();
    void chooseFiles(bool add);
    void chooseSessionPath();
    void rebuildRecentMenu();
    void createViewOptions(QMenu* view);
    void goToPlace(const SessionState& place);
    void reportPlaceProblems();
    void addTab(QWidget* view, const QString& name, const QString& label);

    TraceSession* m_session;
    RuleMonitor* m_rules;
    TraceListPanel* m_traceList = nullptr;
    TraceView* m_traceView = nullptr;
    SpansView* m_spansView = nullptr;
    StatisticsView* m_statisticsView = nullptr;
    ChartsView* m_chartsView = nullptr;
    DependencyMapView* m_mapView = nullptr;
    DiagnosticsView* m_diagnosticsView = nullptr;
    CompareView* m_compareView = nullptr;
    MapDiffView* m_mapDiffView = nullptr;
    LogsView* m_logsView = nullptr;
    FlameGraphView* m_flameGraphView = nullptr;
    TraceGraphView* m_traceGraphView = nullptr;
    RawJsonView* m_rawJsonView = nullptr;
    QTabWidget* m_tabs = nullptr;
    QSplitter* m_splitter = nullptr;
    QLabel* m_statusText = nullptr;
    QPushButton* m_problemsButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancelButton = nullptr;
    LoadJob* m_loadJob = nullptr;
    LiveMode* m_live = nullptr;
    SecretStore* m_secrets = nullptr;
    // The name of what the load running now reads from memory (the demo, live mode's snapshot,
    // a backend's answer); empty for files. A live reload keeps the selection.
    QString m_memorySource;
    bool m_liveReload = false;
    QAction* m_goBack = nullptr;
    QAction* m_goForward = nullptr;
    QMenu* m_recentMenu = nullptr;
    RecentFiles m_recent;
    QStringList m_loadingPaths;
    // Where to go once the load running now finishes (a deep link or a session).
    std::optional<SessionState> m_pendingPlace;
    QStringList m_placeProblems;
    QString m_loadStatus;
    // From the user's choice of files to the views holding them: the wait the status bar names.
    QElapsedTimer m_loadClock;
    std::vector<ImportReport> m_reports;
};

} // namespace Spanwise
