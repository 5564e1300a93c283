#include "waterfallexport.h"

#include "atomicwrite.h"

#include "formatting.h"
#include "hexid.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "waterfallpainter.h"
#include "waterfallrows.h"

#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace Spanwise {
namespace {

struct Layout {
    WaterfallMetrics metrics;
    int titleHeight;
    int rowCount;
};

Layout layoutOf(const WaterfallRows& rows, const WaterfallExportOptions& options)
{
    const WaterfallMetrics metrics = WaterfallMetrics::forFont(options.font, options.labelWidth);
    return {metrics, metrics.rowHeight + 8, static_cast<int>(rows.visible().size())};
}

} // namespace

QSize waterfallImageSize(
    const TraceSetPresentation& presentation, TraceIndex trace, const WaterfallExportOptions& options)
{
    const WaterfallRows all(presentation.set(), presentation.set().trace(trace));
    const Layout layout = layoutOf(options.rows ? *options.rows : all, options);
    return {
        options.width, layout.titleHeight + layout.metrics.rulerHeight + layout.rowCount * layout.metrics.rowHeight};
}

void renderWaterfall(QPainter& painter, const TraceSetPresentation& presentation, TraceIndex trace,
    const WaterfallExportOptions& options)
{
    const TraceSet& set = presentation.set();
    const TraceInfo& info = set.trace(trace);
    const WaterfallRows all(set, info);
    const WaterfallRows& rows = options.rows ? *options.rows : all;
    const Layout layout = layoutOf(rows, options);
    const QSize size = waterfallImageSize(presentation, trace, options);

    // Exports are documents: light, whatever the window's theme.
    const ViewColors& colors = viewColors(false);
    painter.fillRect(QRect(QPoint(0, 0), size), colors.background);
    // A title line: which trace, when, how long.
    const Span& root = set.span(info.root);
    QFont titleFont = options.font;
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.setPen(colors.text);
    painter.drawText(QRect(8, 0, size.width() - 16, layout.titleHeight), Qt::AlignVCenter | Qt::AlignLeft,
        presentation.serviceName(root.service) + QStringLiteral(": ") + presentation.text(root.operation) +
            QStringLiteral("   ") + formatDuration(info.durationNs()) + QStringLiteral(", ") +
            countText(info.spanCount(), u"span", u"spans") + QStringLiteral(", trace ") +
            toQString(formatTraceId(info.id)) + QStringLiteral(", ") + formatTimestamp(info.startNs));

    TimeAxis axis;
    axis.startNs = options.range ? options.range->startNs : info.startNs;
    axis.endNs = options.range ? options.range->endNs : std::max(info.endNs, info.startNs + 1);
    axis.left = layout.metrics.labelWidth + 8;
    axis.width = std::max(10, size.width() - layout.metrics.labelWidth - 8 - 70);

    const WaterfallPainter rowsPainter(presentation, rows, layout.metrics, options.font, colors);
    const QRect rowsArea(
        0, layout.titleHeight + layout.metrics.rulerHeight, size.width(), layout.rowCount * layout.metrics.rowHeight);
    rowsPainter.paintRows(painter, rowsArea, 0, layout.rowCount - 1, 0, axis, info.startNs, {});
    rowsPainter.paintRuler(
        painter, QRect(0, layout.titleHeight, size.width(), layout.metrics.rulerHeight), axis, info.startNs);
}

QString exportWaterfall(const TraceSetPresentation& presentation, TraceIndex trace, const QString& path,
    const WaterfallExportOptions& options)
{
    if (!trace.isValid() || trace.value >= presentation.set().traces().size())
        return QStringLiteral("there is no such trace to export");
    const QSize size = waterfallImageSize(presentation, trace, options);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("svg")) {
        return saveSvgAtomically(path, size, QStringLiteral("Spanwise waterfall"),
            [&](QPainter& painter) { renderWaterfall(painter, presentation, trace, options); });
    }
    if (suffix == QStringLiteral("png")) {
        // Very long traces would make an image too large to allocate: cap its height.
        if (static_cast<qint64>(size.width()) * size.height() > 400'000'000LL)
            return QStringLiteral("the trace is too long for a PNG (%1 rows); export it as SVG").arg(size.height());
        QImage image(size, QImage::Format_RGB32);
        QPainter painter(&image);
        renderWaterfall(painter, presentation, trace, options);
        painter.end();
        return savePngAtomically(image, path);
    }
    return QStringLiteral("unknown image type \"%1\": use .svg or .png").arg(suffix);
}

} // namespace Spanwise
