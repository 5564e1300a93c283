#pragma once

#include <QStringList>

#include <vector>

namespace Spanwise {

// File ▸ Open Recent: what was opened, newest first, remembered in QSettings ("files/recent").
// An entry is what one open loaded together (one file, several, or a session file), so
// reopening it brings the same view back.
class RecentFiles
{
public:
    static constexpr int maximumEntries = 10;

    std::vector<QStringList> entries() const;
    // Puts the entry first; an equal entry further down is dropped, the oldest falls off.
    void add(const QStringList& paths);
    void remove(const QStringList& paths);
    // Drops every entry with a file that no longer exists.
    void removeMissing();
    void clear();

    // Some file of the entry no longer exists (shown greyed, not opened).
    static bool isMissing(const QStringList& paths);
    // "trace.json", "trace.json and 2 more".
    static QString label(const QStringList& paths);

private:
    void store(const std::vector<QStringList>& entries);
};

// The folder the last Open or Save dialog was in ("files/lastDirectory").
QString lastDirectory();
void rememberDirectoryOf(const QString& path);

} // namespace Spanwise
