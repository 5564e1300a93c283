#pragma once

#include <QtCharts/QChartView>

namespace Spanwise {

// A chart view in the theme's colours: Qt Charts' light or dark theme, the background of every
// other view, and a fresh build (so series take their colours again) whenever the theme changes.
class ThemedChartView : public QChartView
{
    Q_OBJECT

public:
    explicit ThemedChartView(QWidget* parent = nullptr);

protected:
    void changeEvent(QEvent* event) override;
    // Builds the series and axes again; called after a theme change. Qt Charts' setTheme resets
    // series colours, so the chart's own (service colours, error red) must be set again.
    virtual void rebuild() = 0;

private:
    void applyChartTheme();
};

} // namespace Spanwise
