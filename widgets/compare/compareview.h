#pragma once

#include "tracecomparison.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QDoubleSpinBox;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Spanwise {

class BackgroundWork;
class TraceSession;
class TraceSetPresentation;

// Two traces, or two groups of traces, compared path by path (model/tracecomparison): side A
// and side B are each the traces a query picks (`trace=4bf9…`, `file=before.json
// operation=checkout`, `service.version=1.4`). One merged tree shows what was added, removed
// and changed, with counts, total and self time and (for groups) medians, the largest
// regression first among siblings. Double-click a node to open B's span there (A's when B has
// none); the context menu opens either side. Computed in the background.
class CompareView : public QWidget
{
    Q_OBJECT

public:
    explicit CompareView(TraceSession* session, QWidget* parent = nullptr);
    ~CompareView() override;

    // Sets both queries and compares.
    void compare(const QString& queryA, const QString& queryB);
    void setThresholds(CompareThresholds thresholds);
    QString queryA() const;
    QString queryB() const;
    QTreeWidget* tree() const { return m_tree; }
    const TraceComparison* comparison() const { return m_result.get(); }
    bool isComputing() const;
    QString summary() const;

signals:
    void compared();

private:
    void loaded(const std::shared_ptr<const TraceSetPresentation>& presentation);
    void run();
    struct Outcome {
        std::shared_ptr<const TraceComparison> comparison;
        QString error; // a query that cannot be read
    };
    void show(const Outcome& outcome);
    QTreeWidgetItem* itemFor(std::uint32_t node, QTreeWidgetItem* parent);
    void openSide(QTreeWidgetItem* item, bool sideB);

    TraceSession* m_session;
    QLineEdit* m_queryA;
    QLineEdit* m_queryB;
    QPushButton* m_swap;
    // When a node counts as changed (spanwise compare's --min-change-percent, --min-change-ms).
    QDoubleSpinBox* m_minPercent;
    QDoubleSpinBox* m_minMs;
    QLabel* m_summary;
    QTreeWidget* m_tree;
    BackgroundWork* m_work;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    std::shared_ptr<const TraceComparison> m_result;
};

} // namespace Spanwise
