#include "refreshwhenshown.h"

#include <QEvent>
#include <QWidget>

namespace Spanwise {

RefreshWhenShown::RefreshWhenShown(QWidget* view, std::function<void()> refresh)
    : QObject(view)
    , m_view(view)
    , m_refresh(std::move(refresh))
{
    Q_ASSERT(view && m_refresh);
    view->installEventFilter(this);
}

void RefreshWhenShown::request()
{
    m_pending = !m_view->isVisible();
    if (!m_pending)
        m_refresh();
}

bool RefreshWhenShown::eventFilter(QObject* watched, QEvent* event)
{
    // Show arrives once the widget is visible, so the refresh sees isVisible() true.
    if (watched == m_view && event->type() == QEvent::Show && m_pending) {
        m_pending = false;
        m_refresh();
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Spanwise
