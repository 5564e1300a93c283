// Prints frame times of the waterfall on one generated trace: scrolling, zooming in and out,
// the overview strip, collapse/expand all and search. Never asserts on time.
//   bench_waterfall [SPANS]   (default 100000)
#include "benchsupport.h"
#include "criticalpath.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "traceview.h"
#include "waterfallcontroller.h"
#include "waterfalloverview.h"
#include "waterfallview.h"

#include <QApplication>
#include <QEventLoop>
#include <QImage>
#include <QScrollBar>

#include <cstdio>
#include <cstdlib>

using namespace Spanwise;

namespace {

// One frame: the viewport repaints into an image as it would on screen.
double frame(WaterfallView* view, QImage& target)
{
    return Bench::millisecondsOf([&] { view->viewport()->render(&target); });
}

void print(const char* what, const Bench::Figures& figures)
{
    std::printf("%-34s median %8.2f ms   worst %8.2f ms\n", what, figures.median, figures.worst);
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int spans = argc > 1 ? std::atoi(argv[1]) : 100000;

    const std::string json = Bench::generatedJaeger(1, spans);
    LoadResult result;
    const double loadMs = Bench::millisecondsOf([&] { result = Bench::loadText(json, "generated.json"); });
    std::shared_ptr<const TraceSetPresentation> presentation;
    const double presentationMs =
        Bench::millisecondsOf([&] { presentation = std::make_shared<TraceSetPresentation>(result.traces); });
    const std::size_t spanCount = result.traces->spans().size();
    if (result.anyFailed() || spanCount == 0) {
        std::fprintf(stderr, "bench_waterfall: the generated trace did not load\n");
        return 1;
    }
    std::printf("waterfall benchmark: one trace of %zu spans (%.1f MB of Jaeger JSON)\n", spanCount, json.size() / 1e6);
    std::printf("%-34s %8.1f ms\n", "load (parse + index)", loadMs);
    std::printf("%-34s %8.1f ms\n", "display caches", presentationMs);

    TraceSession session;
    TraceView view(&session);
    view.resize(1600, 1000);
    // A load opens on its earliest trace: the only one here.
    double openMs = Bench::millisecondsOf([&] { session.setLoaded(presentation, {}, {}); });
    view.show();
    QApplication::processEvents();
    WaterfallView* waterfall = view.waterfall();
    QImage target(waterfall->viewport()->size(), QImage::Format_RGB32);
    openMs += frame(waterfall, target);
    std::printf("%-34s %8.1f ms\n", "open trace to first frame", openMs);
    std::printf("%-34s %8.1f ms\n", "file text to first painted frame", loadMs + presentationMs + openMs);

    std::vector<double> scroll;
    QScrollBar* bar = waterfall->verticalScrollBar();
    for (int i = 0; i < 200; ++i) {
        bar->setValue(static_cast<int>(static_cast<long long>(bar->maximum()) * i / 199));
        scroll.push_back(frame(waterfall, target));
    }
    print("scroll (200 frames)", Bench::summarise(scroll));

    WaterfallController* controller = view.controller();
    const auto whole = controller->traceRange();
    std::vector<double> zoomIn, zoomOut;
    for (int i = 0; i < 30; ++i) {
        controller->zoom(0.7, whole.startNs + whole.width() / 3);
        zoomIn.push_back(frame(waterfall, target));
    }
    for (int i = 0; i < 30; ++i) {
        controller->zoom(1.0 / 0.7, whole.startNs + whole.width() / 3);
        zoomOut.push_back(frame(waterfall, target));
    }
    print("zoom in (30 frames)", Bench::summarise(zoomIn));
    print("zoom out (30 frames)", Bench::summarise(zoomOut));

    auto* overview = view.findChild<WaterfallOverview*>();
    std::vector<double> strip, stripPaint;
    QImage stripTarget(overview->size(), QImage::Format_RGB32);
    for (int i = 0; i < 5; ++i) {
        overview->resize(overview->width() + (i % 2 ? 1 : -1), overview->height());
        strip.push_back(Bench::millisecondsOf([&] { overview->strip(); }));
        stripPaint.push_back(Bench::millisecondsOf([&] { overview->render(&stripTarget); }));
    }
    print("overview strip rebuild", Bench::summarise(strip));
    print("overview strip repaint", Bench::summarise(stripPaint));

    const double collapseMs = Bench::millisecondsOf([&] {
        waterfall->rows().collapseAll();
        waterfall->rowsChanged();
    });
    const double expandMs = Bench::millisecondsOf([&] {
        waterfall->rows().expandAll();
        waterfall->rowsChanged();
    });
    std::printf("%-34s %8.1f ms\n", "collapse all", collapseMs);
    std::printf("%-34s %8.1f ms\n", "expand all", expandMs);
    // Large traces search on a worker: time until the matches are shown, and how long the GUI
    // thread was busy starting it.
    QEventLoop loop;
    QObject::connect(&view, &TraceView::searchFinished, &loop, &QEventLoop::quit);
    double guiMs = 0;
    const double searchMs = Bench::millisecondsOf([&] {
        guiMs = Bench::millisecondsOf([&] { view.search(QStringLiteral("GetProduct")); });
        if (view.waterfall()->rows().spanCount() >= TraceView::searchOnWorkerFrom)
            loop.exec();
    });
    std::printf(
        "%-34s %8.1f ms   (%zu matches; GUI thread busy %.1f ms)\n", "search", searchMs, view.matchCount(), guiMs);
    std::size_t segments = 0;
    const double criticalMs =
        Bench::millisecondsOf([&] { segments = criticalPath(*result.traces, TraceIndex {0}).size(); });
    std::printf("%-34s %8.1f ms   (%zu segments)\n", "critical path", criticalMs, segments);
    std::printf("%-34s %8.1f MB\n", "peak RSS", Bench::peakRssBytes() / 1e6);
    return 0;
}
