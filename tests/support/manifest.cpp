#include "manifest.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTextStream>

namespace Spanwise::Test {

QList<ManifestEntry> manifestEntries(const QString& format)
{
    QFile file(QStringLiteral(SPANWISE_SOURCE_DIR "/tests/data/corpus/MANIFEST.md"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    static const QRegularExpression errorsPattern(QStringLiteral("\\berrors (\\d+)"));
    static const QRegularExpression duplicatesPattern(QStringLiteral("duplicate ids (\\d+)"));
    static const QRegularExpression orphansPattern(QStringLiteral("orphan traces (\\d+)"));
    QList<ManifestEntry> entries;
    QTextStream in(&file);
    while (!in.atEnd()) {
        const QString line = in.readLine();
        if (!line.startsWith(QStringLiteral("| public/")) && !line.startsWith(QStringLiteral("| sdk/")))
            continue;
        const QStringList cells = line.split(QStringLiteral(" | "));
        if (cells.size() < 8 || cells[1].trimmed() != format)
            continue;
        ManifestEntry entry;
        entry.path = cells[0].mid(2).trimmed();
        entry.format = cells[1].trimmed();
        entry.spans = cells[3].toInt();
        entry.traces = cells[4].toInt();
        entry.services = cells[5].toInt();
        entry.errors = errorsPattern.match(cells[6]).captured(1).toInt();
        entry.duplicateIds = duplicatesPattern.match(cells[6]).captured(1).toInt();
        entry.orphanTraces = orphansPattern.match(cells[6]).captured(1).toInt();
        entry.noServiceName = cells[6].contains(QStringLiteral("no-service-name")) ||
            cells[6].contains(QStringLiteral("no-service.name"));
        entries << entry;
    }
    return entries;
}

} // namespace Spanwise::Test
