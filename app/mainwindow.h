#pragma once

#include "importreport.h"

#include <QMainWindow>

#include <memory>
#include <vector>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace Spanwise {

class LoadJob;
struct LoadResult;
class TraceListModel;

// The main window: the loaded traces in a sortable, filterable list, loading with progress
// and cancel, and a report of anything loading skipped. Later views dock beside the list.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFiles(const QStringList& paths);
    void openDemo();

signals:
    // A load finished (or was cancelled) and the list shows its result.
    void loadCompleted();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createCentralWidget();
    void createStatusBar();
    void beginLoading(const QString& what);
    void loadFinished(const std::shared_ptr<const LoadResult>& result);
    void showProblems();
    void chooseFiles(bool add);

    TraceListModel* m_traceModel = nullptr;
    QSortFilterProxyModel* m_traceProxy = nullptr;
    QTableView* m_traceView = nullptr;
    QLineEdit* m_filter = nullptr;
    QTimer* m_filterDebounce = nullptr;
    QLabel* m_statusText = nullptr;
    QPushButton* m_problemsButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancelButton = nullptr;
    LoadJob* m_loadJob = nullptr;
    QStringList m_paths;
    std::vector<ImportReport> m_reports;
};

} // namespace Spanwise
