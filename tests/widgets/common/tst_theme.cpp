#include "dependencygraphview.h"
#include "fixtures.h"
#include "graphlayout.h"
#include "latencyhistogram.h"
#include "theme.h"
#include "tracesession.h"
#include "tracesetpresentation.h"
#include "traceview.h"
#include "waterfallview.h"

#include <QApplication>
#include <QTest>
#include <QtCharts/QChart>

using namespace Spanwise;

namespace {

// The colour most pixels of a widget's picture have: its background.
QRgb dominantColour(QWidget& widget)
{
    const QImage image = widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
    std::map<QRgb, int> counts;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            ++counts[image.pixel(x, y) & 0xffffff];
    return std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
        return a.second < b.second;
    })->first;
}

} // namespace

// The theme reaches everything Spanwise paints itself: switching it repaints the waterfall, the
// map and the charts in its colours.
class TestTheme : public QObject
{
    Q_OBJECT

private slots:
    void choicesByName()
    {
        QCOMPARE(parseThemeChoice(QStringLiteral("Dark")), std::optional(ThemeChoice::Dark));
        QCOMPARE(parseThemeChoice(QStringLiteral("light")), std::optional(ThemeChoice::Light));
        QCOMPARE(parseThemeChoice(QStringLiteral("system")), std::optional(ThemeChoice::System));
        QCOMPARE(parseThemeChoice(QStringLiteral("purple")), std::nullopt);
        QCOMPARE(themeChoiceName(ThemeChoice::Dark), QStringLiteral("dark"));
    }

    void paintersFollowTheTheme()
    {
        auto presentation = std::make_shared<TraceSetPresentation>(Test::buildTraceSet(
            {{1, {}, "web", "root", 0, 1000}, {2, 1, "api", "call", 100, 400}, {3, 2, "db", "query", 200, 100}}));
        TraceSession session;
        TraceView waterfall(&session);
        waterfall.resize(900, 500);
        session.setLoaded(presentation, {}, {});
        auto graph = std::make_shared<const DependencyGraph>(computeDependencyGraph(presentation->set()));
        DependencyGraphView map;
        map.resize(600, 400);
        map.setGraph(graph, layoutGraph(*graph), presentation->servicePalettes());
        LatencyHistogram histogram;
        histogram.resize(500, 300);
        histogram.setDurations(QStringLiteral("x"), {1000, 2000, 3000}, 2000, 3000, 3000);

        for (const ThemeChoice choice : {ThemeChoice::Dark, ThemeChoice::Light, ThemeChoice::Dark}) {
            applyTheme(choice);
            QCoreApplication::processEvents();
            const bool dark = choice == ThemeChoice::Dark;
            QCOMPARE(isDarkTheme(), dark);
            const QRgb background = viewColors(dark).background.rgb() & 0xffffff;
            QCOMPARE(dominantColour(*waterfall.waterfall()), background);
            QCOMPARE(dominantColour(map), background);
            QCOMPARE(histogram.chart()->backgroundBrush().color().rgb() & 0xffffff, background);
            // Service colours come from the theme's own palette.
            QCOMPARE(presentation->serviceColor(ServiceId {0}), presentation->servicePalettes()[dark ? 1 : 0][0]);
        }
        applyTheme(ThemeChoice::System);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
