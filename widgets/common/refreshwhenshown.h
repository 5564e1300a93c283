#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace Spanwise {

// Runs a view's refresh only while the view can be seen: a request made while it is hidden (a
// tab not in front, a window not shown yet) is remembered and runs when the view is next shown.
// So hidden tabs do no work after a load, and a large load leaves nothing queued for them.
class RefreshWhenShown : public QObject
{
    Q_OBJECT

public:
    RefreshWhenShown(QWidget* view, std::function<void()> refresh);

    // Refreshes now if the view is visible, else when it is next shown.
    void request();
    // Whether a refresh waits for the view to be shown.
    bool isPending() const { return m_pending; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_view;
    std::function<void()> m_refresh;
    bool m_pending = false;
};

} // namespace Spanwise
