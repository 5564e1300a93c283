#include "waterfallexport.h"

#include "atomicwrite.h"

#include "formatting.h"
#include "hexid.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "waterfallpainter.h"
#include "waterfallrows.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <climits>
#include <functional>

namespace Spanwise {
namespace {

struct Layout {
    WaterfallMetrics metrics;
    int titleHeight;
    int rowCount;

    // The title line and the ruler, above the rows.
    int headerHeight() const { return titleHeight + metrics.rulerHeight; }
    int height() const { return headerHeight() + rowCount * metrics.rowHeight; }
};

Layout layoutOf(const WaterfallRows& rows, const WaterfallExportOptions& options)
{
    const WaterfallMetrics metrics = WaterfallMetrics::forFont(options.font, options.labelWidth);
    const std::size_t count = std::min(rows.visible().size(), options.maxRows);
    return {metrics, metrics.rowHeight + 8, static_cast<int>(std::min<std::size_t>(count, INT_MAX / 64))};
}

// Long SVGs are written this many rows at a time: QSvgGenerator keeps a whole document in
// memory until it ends (a 50,000-row waterfall took 1.2 GB), so each block is a document of its
// own, nested in the file's outer <svg> at its place.
constexpr int rowsPerSvgBlock = 1'000;

} // namespace

QSize waterfallImageSize(
    const TraceSetPresentation& presentation, TraceIndex trace, const WaterfallExportOptions& options)
{
    const Layout layout = options.rows
        ? layoutOf(*options.rows, options)
        : layoutOf(WaterfallRows(presentation.set(), presentation.set().trace(trace)), options);
    return {options.width, layout.height()};
}

namespace {

struct WaterfallScene {
    const TraceSetPresentation& presentation;
    const TraceInfo& info;
    const WaterfallRows& rows;
    Layout layout;
    QSize size;
    TimeAxis axis;
};

// Rows [firstRow, lastRow] drawn from y = 0 of the painter (a block of a long SVG).
void paintRowBlock(
    QPainter& painter, const WaterfallScene& scene, const WaterfallExportOptions& options, int firstRow, int lastRow)
{
    const ViewColors& colors = viewColors(false);
    const WaterfallPainter rowsPainter(scene.presentation, scene.rows, scene.layout.metrics, options.font, colors);
    const int height = (lastRow - firstRow + 1) * scene.layout.metrics.rowHeight;
    painter.fillRect(QRect(0, 0, scene.size.width(), height), colors.background);
    rowsPainter.paintRows(
        painter, QRect(0, 0, scene.size.width(), height), firstRow, lastRow, 0, scene.axis, scene.info.startNs, {});
}

// The title and the ruler, above the rows.
void paintHeader(QPainter& painter, const WaterfallScene& scene, const WaterfallExportOptions& options)
{
    const TraceSet& set = scene.presentation.set();
    const ViewColors& colors = viewColors(false);
    painter.fillRect(QRect(0, 0, scene.size.width(), scene.layout.headerHeight()), colors.background);
    const Span& root = set.span(scene.info.root);
    QFont titleFont = options.font;
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.setPen(colors.text);
    painter.drawText(QRect(8, 0, scene.size.width() - 16, scene.layout.titleHeight), Qt::AlignVCenter | Qt::AlignLeft,
        scene.presentation.serviceName(root.service) + QStringLiteral(": ") + scene.presentation.text(root.operation) +
            QStringLiteral("   ") + formatDuration(scene.info.durationNs()) + QStringLiteral(", ") +
            countText(scene.info.spanCount(), u"span", u"spans") + QStringLiteral(", trace ") +
            toQString(formatTraceId(scene.info.id)) + QStringLiteral(", ") + formatTimestamp(scene.info.startNs));
    const WaterfallPainter rowsPainter(scene.presentation, scene.rows, scene.layout.metrics, options.font, colors);
    rowsPainter.paintRuler(painter,
        QRect(0, scene.layout.titleHeight, scene.size.width(), scene.layout.metrics.rulerHeight), scene.axis,
        scene.info.startNs);
}

template <typename Use>
auto withScene(
    const TraceSetPresentation& presentation, TraceIndex trace, const WaterfallExportOptions& options, Use use)
{
    const TraceSet& set = presentation.set();
    const TraceInfo& info = set.trace(trace);
    const WaterfallRows all = options.rows ? WaterfallRows() : WaterfallRows(set, info);
    const WaterfallRows& rows = options.rows ? *options.rows : all;
    const Layout layout = layoutOf(rows, options);
    const QSize size(options.width, layout.height());
    TimeAxis axis;
    axis.startNs = options.range ? options.range->startNs : info.startNs;
    axis.endNs = options.range ? options.range->endNs : std::max(info.endNs, info.startNs + 1);
    axis.left = layout.metrics.labelWidth + 8;
    axis.width = std::max(10, size.width() - layout.metrics.labelWidth - 8 - 70);
    return use(WaterfallScene {presentation, info, rows, layout, size, axis});
}

} // namespace

void renderWaterfall(QPainter& painter, const TraceSetPresentation& presentation, TraceIndex trace,
    const WaterfallExportOptions& options)
{
    // Exports are documents: light, whatever the window's theme.
    withScene(presentation, trace, options, [&](const WaterfallScene& scene) {
        paintHeader(painter, scene, options);
        if (scene.layout.rowCount == 0)
            return;
        painter.save();
        painter.translate(0, scene.layout.headerHeight());
        paintRowBlock(painter, scene, options, 0, scene.layout.rowCount - 1);
        painter.restore();
    });
}

namespace {

// The outer document, then the header and each block of rows as a document of its own.
QString writeBlockedSvg(const TraceSetPresentation& presentation, TraceIndex trace, const QString& path,
    const WaterfallExportOptions& options)
{
    return withScene(presentation, trace, options, [&](const WaterfallScene& scene) {
        return writeAtomically(path, [&](QSaveFile& file) {
            const auto part = [&](int height, const std::function<void(QPainter&)>& draw) {
                QByteArray bytes;
                QBuffer buffer(&bytes);
                buffer.open(QIODevice::WriteOnly);
                QSvgGenerator generator;
                generator.setOutputDevice(&buffer);
                generator.setSize(QSize(scene.size.width(), height));
                generator.setViewBox(QRect(0, 0, scene.size.width(), height));
                QPainter painter;
                if (!painter.begin(&generator))
                    return QByteArray();
                draw(painter);
                painter.end();
                // The block's content without its own <svg> root: a <g> of the outer document
                // places it (nested <svg> elements are not in SVG Tiny, which Qt and others read).
                const qsizetype root = bytes.indexOf("<svg");
                const qsizetype open = root < 0 ? -1 : bytes.indexOf('>', root);
                const qsizetype close = bytes.lastIndexOf("</svg>");
                return open < 0 || close < open ? QByteArray() : bytes.mid(open + 1, close - open - 1);
            };
            file.write(
                QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                               "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                               "version=\"1.2\" baseProfile=\"tiny\" width=\"%1\" height=\"%2\" "
                               "viewBox=\"0 0 %1 %2\">\n<title>Spanwise waterfall</title>\n")
                    .arg(scene.size.width())
                    .arg(scene.size.height())
                    .toUtf8());
            const int headerHeight = scene.layout.headerHeight();
            file.write("<g>\n");
            file.write(part(headerHeight, [&](QPainter& painter) { paintHeader(painter, scene, options); }));
            file.write("</g>\n");
            for (int first = 0; first < scene.layout.rowCount; first += rowsPerSvgBlock) {
                const int last = std::min(scene.layout.rowCount, first + rowsPerSvgBlock) - 1;
                const int y = headerHeight + first * scene.layout.metrics.rowHeight;
                file.write(QStringLiteral("<g transform=\"translate(0,%1)\">\n").arg(y).toUtf8());
                file.write(part((last - first + 1) * scene.layout.metrics.rowHeight,
                    [&](QPainter& painter) { paintRowBlock(painter, scene, options, first, last); }));
                file.write("</g>\n");
            }
            file.write("</svg>\n");
            return file.error() == QFileDevice::NoError;
        });
    });
}

} // namespace

WaterfallExportResult exportWaterfall(const TraceSetPresentation& presentation, TraceIndex trace, const QString& path,
    const WaterfallExportOptions& options)
{
    if (!trace.isValid() || trace.value >= presentation.set().traces().size())
        return {QStringLiteral("there is no such trace to export"), 0, 0};
    // The rows are built once here (unless given) and shared by the size and the drawing.
    WaterfallExportOptions fitted = options;
    WaterfallRows all;
    if (!fitted.rows) {
        all = WaterfallRows(presentation.set(), presentation.set().trace(trace));
        fitted.rows = &all;
    }
    const std::size_t asked = fitted.rows->visible().size();
    const QString suffix = QFileInfo(path).suffix().toLower();
    WaterfallExportResult result;
    if (suffix == QStringLiteral("svg")) {
        result.error = writeBlockedSvg(presentation, trace, path, fitted);
    } else if (suffix == QStringLiteral("png")) {
        // The first rows that fit the height limit; the rest is counted, never refused.
        const Layout layout = layoutOf(*fitted.rows, fitted);
        const int rowsThatFit = (maxPngHeight - layout.headerHeight()) / layout.metrics.rowHeight;
        fitted.maxRows = std::min<std::size_t>(fitted.maxRows, static_cast<std::size_t>(std::max(1, rowsThatFit)));
        const QSize size = waterfallImageSize(presentation, trace, fitted);
        QImage image(size, QImage::Format_RGB32);
        if (image.isNull())
            return {QStringLiteral("there is not enough memory for a %1×%2 image").arg(size.width()).arg(size.height()),
                0, 0};
        QPainter painter(&image);
        renderWaterfall(painter, presentation, trace, fitted);
        painter.end();
        result.error = savePngAtomically(image, path);
    } else {
        return {QStringLiteral("unknown image type \"%1\": use .svg or .png").arg(suffix), 0, 0};
    }
    result.rowsWritten = std::min(asked, fitted.maxRows);
    result.rowsLeftOut = asked - result.rowsWritten;
    return result;
}

void limitDepth(WaterfallRows& rows, std::uint32_t levels)
{
    Q_ASSERT(levels >= 1);
    for (std::uint32_t position = 0; position < rows.spanCount(); ++position)
        if (rows.depthAt(position) + 1 == levels && rows.hasChildren(position))
            rows.setCollapsed(position, true);
}

void limitToWindow(WaterfallRows& rows, const TraceSetPresentation& presentation, std::int64_t fromNs,
    std::int64_t toNs, std::uint32_t levels)
{
    std::vector<std::uint32_t> overlapping;
    for (std::uint32_t position = 0; position < rows.spanCount(); ++position) {
        if (rows.depthAt(position) >= levels)
            continue;
        const Span& span = presentation.set().span(rows.spanAt(position));
        if (span.hasTime() && span.startNs < toNs && span.endNs() >= fromNs)
            overlapping.push_back(position);
    }
    if (overlapping.empty())
        overlapping.push_back(0); // the root, so the picture is not blank: its row says where the trace is
    rows.setOnlyShown(overlapping);
}

} // namespace Spanwise
