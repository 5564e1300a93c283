#include "recentfiles.h"

#include <QFileInfo>
#include <QObject>
#include <QSettings>
#include <QStandardPaths>
#include <QVariant>

#include <algorithm>

namespace Spanwise {
namespace {

const QString recentKey = QStringLiteral("files/recent");
const QString directoryKey = QStringLiteral("files/lastDirectory");

} // namespace

std::vector<QStringList> RecentFiles::entries() const
{
    std::vector<QStringList> result;
    for (const QVariant& entry : QSettings().value(recentKey).toList()) {
        QStringList paths = entry.toStringList();
        paths.removeAll(QString());
        if (!paths.isEmpty())
            result.push_back(paths);
    }
    return result;
}

void RecentFiles::add(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    QStringList absolute;
    for (const QString& path : paths)
        absolute << QFileInfo(path).absoluteFilePath();
    std::vector<QStringList> list = entries();
    std::erase(list, absolute);
    list.insert(list.begin(), absolute);
    if (list.size() > maximumEntries)
        list.resize(maximumEntries);
    store(list);
}

void RecentFiles::remove(const QStringList& paths)
{
    std::vector<QStringList> list = entries();
    std::erase(list, paths);
    store(list);
}

void RecentFiles::removeMissing()
{
    std::vector<QStringList> list = entries();
    std::erase_if(list, &RecentFiles::isMissing);
    store(list);
}

void RecentFiles::clear()
{
    store({});
}

bool RecentFiles::isMissing(const QStringList& paths)
{
    return std::ranges::any_of(paths, [](const QString& path) { return !QFileInfo::exists(path); });
}

QString RecentFiles::label(const QStringList& paths)
{
    Q_ASSERT(!paths.isEmpty());
    const QString first = QFileInfo(paths.front()).fileName();
    return paths.size() == 1 ? first : QObject::tr("%1 and %2 more").arg(first).arg(paths.size() - 1);
}

void RecentFiles::store(const std::vector<QStringList>& entries)
{
    QVariantList list;
    for (const QStringList& entry : entries)
        list << QVariant(entry);
    QSettings().setValue(recentKey, list);
}

QString lastDirectory()
{
    const QString stored = QSettings().value(directoryKey).toString();
    return !stored.isEmpty() && QFileInfo(stored).isDir()
        ? stored
        : QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
}

void rememberDirectoryOf(const QString& path)
{
    QSettings().setValue(directoryKey, QFileInfo(path).absolutePath());
}

} // namespace Spanwise
