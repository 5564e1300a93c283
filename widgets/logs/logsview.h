#pragma once

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace Spanwise {

class LogTableModel;
class TraceSession;
class TraceSetPresentation;

// Every log record loaded beside the traces, in time order, filtered by level (at least),
// service and text, optionally to the selected trace. Records whose trace is loaded and those
// whose trace is not (or that carry no trace context) are listed apart, chosen above the table.
// Double-click (or Enter) opens the record's span in the waterfall, or its trace when only the
// trace is known.
class LogsView : public QWidget
{
    Q_OBJECT

public:
    explicit LogsView(TraceSession* session, QWidget* parent = nullptr);

    enum class Attachment { Attached, Unattached };
    void setAttachment(Attachment shown);
    void setFilterText(const QString& text);
    // Filters are applied at once (tests; the text field waits for typing to pause).
    void applyFilters();
    QTableView* table() const { return m_table; }
    LogTableModel* model() const { return m_model; }
    QString summary() const;

private:
    void loaded();
    void openRecord(const QModelIndex& index);

    TraceSession* m_session;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    QComboBox* m_attachment;
    QComboBox* m_level;
    QComboBox* m_service;
    QLineEdit* m_text;
    QCheckBox* m_selectedTrace;
    QLabel* m_summary;
    QTableView* m_table;
    LogTableModel* m_model;
    QTimer* m_typing;
};

} // namespace Spanwise
