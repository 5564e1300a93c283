// Renders the project's SVG icon to the PNG sizes desktops look up in the hicolor theme:
//   spanwise-render-icon ICON.svg OUTDIR SIZE...  writes OUTDIR/SIZExSIZE/apps/NAME.png
// Run at build time, so the PNGs always match the one drawn source.
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() < 4) {
        QTextStream(stderr) << "usage: spanwise-render-icon ICON.svg OUTDIR SIZE...\n";
        return 2;
    }
    QSvgRenderer renderer(arguments.at(1));
    if (!renderer.isValid()) {
        QTextStream(stderr) << "spanwise-render-icon: cannot read " << arguments.at(1) << '\n';
        return 1;
    }
    const QString name = QFileInfo(arguments.at(1)).completeBaseName();
    for (const QString& sizeText : arguments.mid(3)) {
        const int size = sizeText.toInt();
        if (size <= 0) {
            QTextStream(stderr) << "spanwise-render-icon: not a size: " << sizeText << '\n';
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        const QString directory = QStringLiteral("%1/%2x%2/apps").arg(arguments.at(2)).arg(size);
        const QString path = directory + QLatin1Char('/') + name + QStringLiteral(".png");
        if (!QDir().mkpath(directory) || !image.save(path)) {
            QTextStream(stderr) << "spanwise-render-icon: cannot write " << path << '\n';
            return 1;
        }
    }
    return 0;
}
