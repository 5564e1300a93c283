#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Spanwise {

// What a window shows, as File ▸ Save Session writes it and `spanwise FILE.spanwise` or a deep
// link (`spanwise FILE... --trace ID --span ID --tab VIEW`) reopens it. Ids are hex as trace
// files write them, so a session survives a reload in which indexes change.
struct SessionState {
    struct File {
        QString path; // absolute once read; written relative to the session when beside it
        // What the file was when the session was saved, to warn when it changed since.
        qint64 size = -1;
        QDateTime modified;
    };
    std::vector<File> files; // empty: the bundled demo trace
    QString traceId;
    QString spanId;
    QString tab;
    // The service selected on the map, its impact shown.
    QString service;
    QString traceFilter;
    QString spanFilter;
    QString statisticsFilter;
    // The compare tab's two sides (queries picking traces), when it was used.
    QString compareA;
    QString compareB;
    // The map diff tab's two sides (queries), as they stood.
    QString mapDiffBefore;
    QString mapDiffAfter;
    // The waterfall's visible range, in nanoseconds from the trace's start.
    struct Zoom {
        qint64 fromNs = 0;
        qint64 toNs = 0;
    };
    std::optional<Zoom> zoom;

    QStringList paths() const;
    // A session for these files as they are on disk now (absolute paths, sizes and times filled
    // in, so reopening can say what changed).
    static SessionState forFiles(const QStringList& paths);
    // These files as given, with no snapshot: a link or an Open, which has nothing to compare with.
    static SessionState ofFiles(const QStringList& paths);
};

// The files of a session that differ from what was saved, as sentences ("trace.json changed
// since the session was saved"); empty when none did.
QStringList changedSinceSaved(const SessionState& state);

// Session files are small JSON documents ("format": "spanwise-session", "version": 1).
// Paths under the session file's folder are written relative to it, so a folder with traces
// and a session can be moved or shared whole.
QByteArray sessionToJson(const SessionState& state, const QString& sessionPath);
// Reads a session; on failure returns nullopt and sets `error` to a sentence naming the file.
std::optional<SessionState> sessionFromJson(const QByteArray& json, const QString& sessionPath, QString* error);
std::optional<SessionState> readSessionFile(const QString& sessionPath, QString* error);
// Writes atomically; returns an error sentence, or an empty one.
QString writeSessionFile(const SessionState& state, const QString& sessionPath);

bool isSessionFile(const QString& path);

} // namespace Spanwise
