#include "flamegraphexport.h"

#include "atomicwrite.h"
#include "flamegraphpainter.h"
#include "formatting.h"
#include "hexid.h"
#include "theme.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QFileInfo>
#include <QImage>
#include <QPainter>

namespace Spanwise {
namespace {

constexpr int headerHeight = 28;
// Labels are cut to what fits at this average glyph width (12 px sans-serif).
constexpr double svgCharWidth = 7.0;

QString title(const TraceSetPresentation& presentation, const FlameGraph& graph)
{
    if (graph.merged)
        return QStringLiteral("Flame graph: %1 merged by path").arg(formatDuration(graph.endNs - graph.startNs));
    if (graph.frames.empty())
        return QStringLiteral("Flame chart");
    const Span& root = presentation.set().span(graph.frames.front().span);
    return QStringLiteral("Flame chart of trace %1 (%2)")
        .arg(toQString(formatTraceId(root.traceId)), formatDuration(graph.endNs - graph.startNs));
}

QString number(double value)
{
    return QString::number(value, 'f', 2);
}

FlameExportResult writeSvg(const FlameGraph& graph, const TraceSetPresentation& presentation, const QString& path,
    const FlameExportOptions& options)
{
    const ViewColors& colors = viewColors(false);
    const std::vector<QColor>& palette = presentation.servicePalettes()[0];
    FlamePicture picture;
    picture.area = QRectF(0, headerHeight, options.width, graph.depthCount * options.rowHeight);
    picture.fromNs = graph.startNs;
    picture.toNs = graph.endNs;
    picture.rowHeight = options.rowHeight;
    const int height = headerHeight + static_cast<int>(graph.depthCount) * options.rowHeight + 4;
    QString svg;
    svg +=
        QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\">\n"
                       "<style>text{font-family:DejaVu Sans,sans-serif;font-size:12px}</style>\n"
                       "<rect width=\"100%\" height=\"100%\" fill=\"%3\"/>\n"
                       "<text x=\"6\" y=\"18\" fill=\"%4\">%5</text>\n")
            .arg(options.width)
            .arg(height)
            .arg(colors.background.name(), colors.text.name(), title(presentation, graph).toHtmlEscaped());
    FlameExportResult result;
    for (const FlameFrame& frame : graph.frames) {
        // Every frame, even one too narrow to see: its title keeps it searchable.
        const QRectF rect = flameFrameRect(frame, picture);
        const Span& span = presentation.set().span(frame.span);
        const QColor fill = span.service.value < palette.size() ? palette[span.service.value] : colors.peer;
        const QString label = flameFrameLabel(presentation, frame);
        const auto fits = static_cast<qsizetype>((rect.width() - 6) / svgCharWidth);
        const QString shown = fits >= label.size() ? label : fits > 2 ? label.left(fits - 1) + QChar(u'…') : QString();
        svg += QStringLiteral("<g><title>%1</title><rect x=\"%2\" y=\"%3\" width=\"%4\" height=\"%5\" fill=\"%6\"/>")
                   .arg(flameFrameSummary(presentation, graph, frame).toHtmlEscaped(), number(rect.x()),
                       number(rect.y()), number(rect.width()), number(rect.height()), fill.name());
        if (!shown.isEmpty())
            svg += QStringLiteral("<text x=\"%1\" y=\"%2\" fill=\"%3\">%4</text>")
                       .arg(number(rect.x() + 3), number(rect.y() + rect.height() - 5),
                           fill.lightnessF() > 0.55 ? QStringLiteral("#1b1f24") : QStringLiteral("#f5f6f7"),
                           shown.toHtmlEscaped());
        svg += QStringLiteral("</g>\n");
        ++result.framesWritten;
    }
    svg += QStringLiteral("</svg>\n");
    result.error = saveBytesAtomically(svg.toUtf8(), path);
    return result;
}

FlameExportResult writePng(const FlameGraph& graph, const TraceSetPresentation& presentation, const QString& path,
    const FlameExportOptions& options)
{
    FlameExportResult result;
    const std::uint32_t rows = std::min(graph.depthCount, options.maxPngRows);
    result.rowsLeftOut = graph.depthCount - rows;
    QImage image(options.width, headerHeight + static_cast<int>(rows) * options.rowHeight + 4, QImage::Format_RGB32);
    const ViewColors& colors = viewColors(false);
    image.fill(colors.background);
    QPainter painter(&image);
    painter.setPen(colors.text);
    painter.drawText(QRectF(6, 0, options.width - 12, headerHeight), Qt::AlignVCenter, title(presentation, graph));
    FlamePicture picture;
    picture.area = QRectF(0, headerHeight, options.width, rows * options.rowHeight);
    picture.fromNs = graph.startNs;
    picture.toNs = graph.endNs;
    picture.rowHeight = options.rowHeight;
    paintFlameGraph(painter, graph, presentation, picture);
    painter.end();
    for (const FlameFrame& frame : graph.frames)
        result.framesWritten += frame.depth < rows;
    result.error = savePngAtomically(image, path);
    return result;
}

} // namespace

FlameExportResult exportFlameGraph(const FlameGraph& graph, const TraceSetPresentation& presentation,
    const QString& path, const FlameExportOptions& options)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("svg"))
        return writeSvg(graph, presentation, path, options);
    if (suffix == QStringLiteral("png"))
        return writePng(graph, presentation, path, options);
    return {QStringLiteral("unknown image type \"%1\": use .svg or .png").arg(suffix), 0, 0};
}

} // namespace Spanwise
