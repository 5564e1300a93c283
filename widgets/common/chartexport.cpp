#include "chartexport.h"

#include "atomicwrite.h"

#include <QtCharts/QChartView>

#include <QFileInfo>
#include <QPainter>

namespace Spanwise {

QString exportChart(QChartView& view, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = view.size().expandedTo(QSize(800, 450));
    if (suffix == QStringLiteral("svg")) {
        return saveSvgAtomically(path, size, {},
            [&](QPainter& painter) { view.render(&painter, QRectF(QPointF(0, 0), size), view.rect()); });
    }
    if (suffix == QStringLiteral("png")) {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        view.render(&painter, QRectF(QPointF(0, 0), size), view.rect());
        painter.end();
        return savePngAtomically(image, path);
    }
    return QStringLiteral("unknown image type \"%1\": use .svg or .png").arg(suffix);
}

} // namespace Spanwise
