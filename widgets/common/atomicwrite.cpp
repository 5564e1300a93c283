#include "atomicwrite.h"

#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace Spanwise {
namespace {

QString failure(const QString& path, const QSaveFile& file)
{
    return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
}

} // namespace

QString writeAtomically(const QString& path, const std::function<bool(QSaveFile&)>& write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(path, file);
    if (!write(file)) {
        file.cancelWriting();
        return failure(path, file);
    }
    if (!file.commit())
        return failure(path, file);
    return {};
}

QString saveBytesAtomically(const QByteArray& bytes, const QString& path)
{
    return writeAtomically(path, [&](QSaveFile& file) { return file.write(bytes) == bytes.size(); });
}

QString savePngAtomically(const QImage& image, const QString& path)
{
    return writeAtomically(path, [&](QSaveFile& file) { return image.save(&file, "PNG"); });
}

QString saveSvgAtomically(
    const QString& path, QSize size, const QString& title, const std::function<void(QPainter&)>& draw)
{
    return writeAtomically(path, [&](QSaveFile& file) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        if (!title.isEmpty())
            generator.setTitle(title);
        QPainter painter;
        if (!painter.begin(&generator))
            return false;
        draw(painter);
        return painter.end() && file.error() == QFileDevice::NoError;
    });
}

} // namespace Spanwise
