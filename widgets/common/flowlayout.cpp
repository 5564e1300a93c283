#include "flowlayout.h"

#include <QWidget>

#include <algorithm>

namespace Spanwise {

FlowLayout::FlowLayout(QWidget* parent, int spacing)
    : QLayout(parent)
    , m_spacing(spacing)
{
    setContentsMargins(0, 0, 0, 0);
}

FlowLayout::~FlowLayout()
{
    for (QLayoutItem* item : m_items)
        delete item;
}

void FlowLayout::addItem(QLayoutItem* item)
{
    m_items.push_back(item);
    m_stretches.push_back(false);
}

void FlowLayout::addStretchingWidget(QWidget* widget)
{
    addWidget(widget);
    m_stretches.back() = true;
}

int FlowLayout::count() const
{
    return static_cast<int>(m_items.size());
}

QLayoutItem* FlowLayout::itemAt(int index) const
{
    return index >= 0 && index < count() ? m_items[static_cast<std::size_t>(index)] : nullptr;
}

QLayoutItem* FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= count())
        return nullptr;
    QLayoutItem* item = m_items[static_cast<std::size_t>(index)];
    m_items.erase(m_items.begin() + index);
    m_stretches.erase(m_stretches.begin() + index);
    return item;
}

Qt::Orientations FlowLayout::expandingDirections() const
{
    return {};
}

bool FlowLayout::hasHeightForWidth() const
{
    return true;
}

int FlowLayout::heightForWidth(int width) const
{
    return arrange(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const
{
    // As narrow as the widest single item: everything else wraps.
    QSize size;
    for (const QLayoutItem* item : m_items)
        if (!item->isEmpty())
            size = size.expandedTo(item->minimumSize());
    const QMargins margins = contentsMargins();
    return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom());
}

QSize FlowLayout::sizeHint() const
{
    int width = 0, height = 0;
    for (const QLayoutItem* item : m_items)
        if (!item->isEmpty()) {
            width += item->sizeHint().width() + m_spacing;
            height = std::max(height, item->sizeHint().height());
        }
    const QMargins margins = contentsMargins();
    return {width + margins.left() + margins.right(), height + margins.top() + margins.bottom()};
}

void FlowLayout::setGeometry(const QRect& rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::arrange(const QRect& rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    int y = area.y();
    std::size_t first = 0;
    while (first < m_items.size()) {
        // One row: as many items as fit (at least one).
        int used = 0, rowHeight = 0;
        std::size_t end = first;
        for (; end < m_items.size(); ++end) {
            const QLayoutItem* item = m_items[end];
            if (item->isEmpty())
                continue;
            const int width = item->sizeHint().width();
            if (end > first && used + width > area.width())
                break;
            used += width + m_spacing;
            rowHeight = std::max(rowHeight, item->sizeHint().height());
        }
        if (apply) {
            // What is left of the row goes to its stretching items.
            int stretching = 0;
            for (std::size_t i = first; i < end; ++i)
                stretching += (m_stretches[i] && !m_items[i]->isEmpty()) ? 1 : 0;
            const int extra = stretching ? std::max(0, area.width() - (used - m_spacing)) / stretching : 0;
            int x = area.x();
            for (std::size_t i = first; i < end; ++i) {
                QLayoutItem* item = m_items[i];
                if (item->isEmpty())
                    continue;
                const QSize hint = item->sizeHint();
                const int width = std::min(hint.width() + (m_stretches[i] ? extra : 0), area.right() - x + 1);
                const int height = std::min(hint.height(), rowHeight);
                item->setGeometry(QRect(x, y + (rowHeight - height) / 2, std::max(width, 0), height));
                x += width + m_spacing;
            }
        }
        y += rowHeight + m_spacing;
        first = end;
    }
    const int content = y > area.y() ? y - m_spacing - area.y() : 0;
    return content + contentsMargins().top() + contentsMargins().bottom();
}

} // namespace Spanwise
