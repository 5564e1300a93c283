#pragma once

#include "ids.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace Spanwise {

class PassingFilterProxy;
class SpanTableModel;
class TraceSetPresentation;

// Every span of the selected trace, or of everything loaded, in one sortable table with filters
// (text, service, operation, errors only, minimum duration, attribute key=value) and CSV export
// of what is shown. Double-click (or Enter) opens a span in the waterfall.
class SpansView : public QWidget
{
    Q_OBJECT

public:
    explicit SpansView(QWidget* parent = nullptr);
    ~SpansView() override;

    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation);
    void setSelectedTrace(TraceIndex trace);
    void setAllTraces(bool all);
    SpanTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    int shownRows() const;
    bool isLoading() const { return m_watcher.isRunning(); }
    QString exportCsvTo(const QString& path) const;

signals:
    void spanRequested(Spanwise::SpanIndex span);
    void rowsReady();

private:
    struct Rows {
        std::vector<SpanIndex> spans;
        std::vector<std::int64_t> selfTimes;
    };
    void reload();
    void applyFilter();

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    TraceIndex m_trace;
    SpanTableModel* m_model;
    PassingFilterProxy* m_proxy;
    QTableView* m_table;
    QComboBox* m_scope;
    QLineEdit* m_text;
    QComboBox* m_service;
    QLineEdit* m_operation;
    QCheckBox* m_errorsOnly;
    QLineEdit* m_minDuration;
    QLineEdit* m_attribute;
    QLabel* m_count;
    QTimer* m_debounce;
    QFutureWatcher<std::shared_ptr<Rows>> m_watcher;
};

} // namespace Spanwise
