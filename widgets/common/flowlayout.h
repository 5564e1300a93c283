#pragma once

#include <QLayout>

#include <vector>

namespace Spanwise {

// Lays out a row of controls left to right and wraps onto further rows when the width runs
// out, so a view's toolbar never forces the window wider than a laptop screen. Items keep their
// preferred size; an item added with stretch takes what is left of its row.
class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(QWidget* parent = nullptr, int spacing = 6);
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    // Adds a widget that takes the rest of its row (at least its minimum width).
    void addStretchingWidget(QWidget* widget);
    int count() const override;
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

private:
    // Places the items in `rect` (or only measures, when `apply` is false); returns the height used.
    int arrange(const QRect& rect, bool apply) const;

    std::vector<QLayoutItem*> m_items;
    std::vector<bool> m_stretches;
    int m_spacing;
};

} // namespace Spanwise
