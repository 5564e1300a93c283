#include "graphexport.h"

#include "atomicwrite.h"

#include "dependencygraph.h"
#include "graphlayout.h"
#include "graphscene.h"

#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>

namespace Spanwise {

QString exportDependencyGraph(const DependencyGraph& graph, const GraphLayoutOptions& options, const QString& path,
    const std::vector<QColor>& serviceColors)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("dot") || suffix == QStringLiteral("gv")) {
        return saveBytesAtomically(graphToDot(graph, options).toUtf8(), path);
    }
    if (suffix != QStringLiteral("svg") && suffix != QStringLiteral("png"))
        return QStringLiteral("unknown file type \"%1\": use .svg, .png or .dot").arg(suffix);
    const GraphLayout layout = layoutGraph(graph, options);
    if (!layout.error.isEmpty())
        return layout.error;
    QGraphicsScene scene;
    const ViewColors& colors = viewColors(false);
    buildGraphScene(scene, graph, layout, serviceColors, colors, options.style.get());
    const QRectF source = scene.sceneRect();
    if (suffix == QStringLiteral("svg")) {
        return saveSvgAtomically(
            path, source.size().toSize(), QStringLiteral("Service dependency map"), [&](QPainter& painter) {
                painter.fillRect(QRectF(QPointF(0, 0), source.size()), colors.background);
                scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
            });
    }
    const double scale = 1.5; // sharper text than one pixel per point
    const QSize size = (source.size() * scale).toSize();
    if (static_cast<qint64>(size.width()) * size.height() > 300'000'000LL)
        return QStringLiteral("the map is too large for a PNG; export it as SVG");
    QImage image(size, QImage::Format_ARGB32);
    image.fill(colors.background);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    scene.render(&painter, QRectF(QPointF(0, 0), size), source);
    painter.end();
    return savePngAtomically(image, path);
}

} // namespace Spanwise
