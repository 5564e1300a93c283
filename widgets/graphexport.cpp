#include "graphexport.h"

#include "dependencygraph.h"
#include "graphlayout.h"
#include "graphscene.h"

#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace Spanwise {

QString exportDependencyGraph(const DependencyGraph& graph, const GraphLayoutOptions& options, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("dot") || suffix == QStringLiteral("gv")) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        file.write(graphToDot(graph, options).toUtf8());
        return file.commit() ? QString() : QStringLiteral("cannot write %1").arg(path);
    }
    if (suffix != QStringLiteral("svg") && suffix != QStringLiteral("png"))
        return QStringLiteral("unknown file type \"%1\": use .svg, .png or .dot").arg(suffix);
    const GraphLayout layout = layoutGraph(graph, options);
    if (!layout.error.isEmpty())
        return layout.error;
    QGraphicsScene scene;
    buildGraphScene(scene, graph, layout);
    const QRectF source = scene.sceneRect();
    if (suffix == QStringLiteral("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(source.size().toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
        generator.setTitle(QStringLiteral("Service dependency map"));
        QPainter painter;
        if (!painter.begin(&generator))
            return QStringLiteral("cannot write %1").arg(path);
        painter.fillRect(QRectF(QPointF(0, 0), source.size()), Qt::white);
        scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
        return {};
    }
    const double scale = 1.5; // sharper text than one pixel per point
    const QSize size = (source.size() * scale).toSize();
    if (static_cast<qint64>(size.width()) * size.height() > 300'000'000LL)
        return QStringLiteral("the map is too large for a PNG; export it as SVG");
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    scene.render(&painter, QRectF(QPointF(0, 0), size), source);
    painter.end();
    return image.save(path, "PNG") ? QString() : QStringLiteral("cannot write %1").arg(path);
}

} // namespace Spanwise
