#include "chartexport.h"

#include <QtCharts/QChartView>

#include <QFileInfo>
#include <QPainter>
#include <QSvgGenerator>

namespace Spanwise {

QString exportChart(QChartView& view, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = view.size().expandedTo(QSize(800, 450));
    if (suffix == QStringLiteral("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        QPainter painter;
        if (!painter.begin(&generator))
            return QStringLiteral("cannot write %1").arg(path);
        view.render(&painter, QRectF(QPointF(0, 0), size), view.rect());
        painter.end();
        return {};
    }
    if (suffix == QStringLiteral("png")) {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        view.render(&painter, QRectF(QPointF(0, 0), size), view.rect());
        painter.end();
        return image.save(path, "PNG") ? QString() : QStringLiteral("cannot write %1").arg(path);
    }
    return QStringLiteral("unknown image type \"%1\": use .svg or .png").arg(suffix);
}

} // namespace Spanwise
