#include "themedchartview.h"

#include "theme.h"

#include <QtCharts/QChart>
#include <QtCharts/QLegend>

namespace Spanwise {

// The chart goes to the base constructor: a chart set later would leave the view's default one
// to the caller to delete.
ThemedChartView::ThemedChartView(QWidget* parent)
    : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    applyChartTheme();
}

void ThemedChartView::applyChartTheme()
{
    const ViewColors& colors = viewColors();
    QChart* c = chart();
    c->setTheme(colors.dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    c->setBackgroundBrush(colors.background);
    c->setTitleBrush(colors.text);
    c->legend()->setLabelColor(colors.text);
    setBackgroundBrush(colors.background);
}

void ThemedChartView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        applyChartTheme();
        rebuild();
    }
    QChartView::changeEvent(event);
}

} // namespace Spanwise
