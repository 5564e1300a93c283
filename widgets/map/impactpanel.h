#pragma once

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace Spanwise {

struct Impact;

// The blast radius of the service or edge clicked on the map, counted trace by trace
// (model/impact.h): how many traces pass through it, the entry points whose traces do, the
// services upstream that depend on it and those downstream it depends on. Activating a listed
// service asks for its own impact.
class ImpactPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ImpactPanel(QWidget* parent = nullptr);

    // `target`: "payments" or "checkout → payments".
    void showImpact(const QString& target, const Impact& impact);
    void showComputing(const QString& target);
    void clear();
    QTreeWidget* tree() const { return m_tree; }

signals:
    void serviceActivated(const QString& name);

private:
    QLabel* m_title;
    QTreeWidget* m_tree;
};

} // namespace Spanwise
