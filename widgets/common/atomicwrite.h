#pragma once

#include <QRectF>
#include <QSize>
#include <QString>

#include <functional>

class QImage;
class QSaveFile;
class QPainter;

namespace Spanwise {

// Every export is written to a temporary file beside the target and renamed over it only when
// every byte was written: a failure (full disk, a folder that vanished) leaves the previous file
// or none, never half of one, and is reported. Each returns an error sentence, or an empty one.

// Opens the temporary file, lets `write` fill it (false: it failed), and renames it into place.
QString writeAtomically(const QString& path, const std::function<bool(QSaveFile&)>& write);
QString saveBytesAtomically(const QByteArray& bytes, const QString& path);
QString savePngAtomically(const QImage& image, const QString& path);
// Draws an SVG of `size` (view box 0,0..size) with `draw`.
QString saveSvgAtomically(
    const QString& path, QSize size, const QString& title, const std::function<void(QPainter&)>& draw);

} // namespace Spanwise
