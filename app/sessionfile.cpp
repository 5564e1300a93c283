#include "sessionfile.h"

#include "atomicwrite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Spanwise {
namespace {

const QString formatName = QStringLiteral("spanwise-session");
constexpr int formatVersion = 1;

QString storedPath(const QString& path, const QDir& sessionFolder)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString relative = sessionFolder.relativeFilePath(absolute);
    return relative.startsWith(QStringLiteral("../")) ? absolute : relative;
}

QString text(const QJsonObject& object, const QString& key)
{
    return object.value(key).toString();
}

} // namespace

QStringList SessionState::paths() const
{
    QStringList result;
    for (const File& file : files)
        result << file.path;
    return result;
}

SessionState SessionState::ofFiles(const QStringList& paths)
{
    SessionState state;
    for (const QString& path : paths)
        state.files.push_back({path, -1, {}});
    return state;
}

SessionState SessionState::forFiles(const QStringList& paths)
{
    SessionState state;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        state.files.push_back({info.absoluteFilePath(), info.exists() ? info.size() : -1, info.lastModified()});
    }
    return state;
}

QStringList changedSinceSaved(const SessionState& state)
{
    QStringList changes;
    for (const SessionState::File& file : state.files) {
        const QFileInfo info(file.path);
        const QString name = QDir::toNativeSeparators(file.path);
        if (!info.exists())
            changes << QObject::tr("%1 is missing").arg(name);
        else if ((file.size >= 0 && info.size() != file.size) ||
            (file.modified.isValid() && info.lastModified() != file.modified))
            changes << QObject::tr("%1 changed since the session was saved").arg(name);
    }
    return changes;
}

QByteArray sessionToJson(const SessionState& state, const QString& sessionPath)
{
    const QDir folder = QFileInfo(sessionPath).absoluteDir();
    QJsonArray files;
    for (const SessionState::File& file : state.files) {
        QJsonObject entry {{QStringLiteral("path"), storedPath(file.path, folder)}};
        if (file.size >= 0)
            entry.insert(QStringLiteral("size"), file.size);
        if (file.modified.isValid())
            entry.insert(QStringLiteral("modified"), file.modified.toUTC().toString(Qt::ISODateWithMs));
        files.append(entry);
    }
    QJsonObject root {{QStringLiteral("format"), formatName}, {QStringLiteral("version"), formatVersion},
        {QStringLiteral("files"), files}, {QStringLiteral("trace"), state.traceId},
        {QStringLiteral("span"), state.spanId}, {QStringLiteral("tab"), state.tab},
        {QStringLiteral("service"), state.service},
        {QStringLiteral("filters"),
            QJsonObject {{QStringLiteral("traces"), state.traceFilter}, {QStringLiteral("spans"), state.spanFilter},
                {QStringLiteral("statistics"), state.statisticsFilter}}}};
    if (!state.compareA.isEmpty() || !state.compareB.isEmpty())
        root.insert(QStringLiteral("compare"),
            QJsonObject {{QStringLiteral("a"), state.compareA}, {QStringLiteral("b"), state.compareB}});
    if (!state.mapDiffBefore.isEmpty() || !state.mapDiffAfter.isEmpty())
        root.insert(QStringLiteral("mapDiff"),
            QJsonObject {
                {QStringLiteral("before"), state.mapDiffBefore}, {QStringLiteral("after"), state.mapDiffAfter}});
    if (state.zoom)
        // Strings: JSON readers lose nanoseconds past 2^53 in doubles.
        root.insert(QStringLiteral("zoom"),
            QJsonObject {{QStringLiteral("fromNs"), QString::number(state.zoom->fromNs)},
                {QStringLiteral("toNs"), QString::number(state.zoom->toNs)}});
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<SessionState> sessionFromJson(const QByteArray& json, const QString& sessionPath, QString* error)
{
    Q_ASSERT(error);
    const QString name = QDir::toNativeSeparators(sessionPath);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QObject::tr("%1 is not a session file: %2 at byte %3")
                     .arg(name, parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (text(root, QStringLiteral("format")) != formatName) {
        *error = QObject::tr("%1 is not a Spanwise session (no \"format\": \"%2\")").arg(name, formatName);
        return std::nullopt;
    }
    if (root.value(QStringLiteral("version")).toInt() != formatVersion) {
        *error = QObject::tr("%1 is a session of version %2; this Spanwise reads version %3")
                     .arg(name)
                     .arg(root.value(QStringLiteral("version")).toInt())
                     .arg(formatVersion);
        return std::nullopt;
    }
    const QDir folder = QFileInfo(sessionPath).absoluteDir();
    SessionState state;
    const QJsonArray files = root.value(QStringLiteral("files")).toArray();
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QJsonObject entry = files.at(i).toObject();
        const QString path = text(entry, QStringLiteral("path"));
        if (path.isEmpty()) {
            *error = QObject::tr("%1: files[%2] has no \"path\"").arg(name).arg(i);
            return std::nullopt;
        }
        SessionState::File file;
        file.path = QDir::cleanPath(folder.absoluteFilePath(path));
        file.size = entry.value(QStringLiteral("size")).toInteger(-1);
        file.modified = QDateTime::fromString(text(entry, QStringLiteral("modified")), Qt::ISODateWithMs);
        state.files.push_back(file);
    }
    state.traceId = text(root, QStringLiteral("trace"));
    state.spanId = text(root, QStringLiteral("span"));
    state.service = text(root, QStringLiteral("service"));
    state.tab = text(root, QStringLiteral("tab"));
    const QJsonObject filters = root.value(QStringLiteral("filters")).toObject();
    state.traceFilter = text(filters, QStringLiteral("traces"));
    state.spanFilter = text(filters, QStringLiteral("spans"));
    state.statisticsFilter = text(filters, QStringLiteral("statistics"));
    const QJsonObject compare = root.value(QStringLiteral("compare")).toObject();
    state.compareA = text(compare, QStringLiteral("a"));
    state.compareB = text(compare, QStringLiteral("b"));
    const QJsonObject mapDiff = root.value(QStringLiteral("mapDiff")).toObject();
    state.mapDiffBefore = text(mapDiff, QStringLiteral("before"));
    state.mapDiffAfter = text(mapDiff, QStringLiteral("after"));
    const QJsonObject zoom = root.value(QStringLiteral("zoom")).toObject();
    if (!zoom.isEmpty()) {
        bool fromOk = false, toOk = false;
        const qint64 from = text(zoom, QStringLiteral("fromNs")).toLongLong(&fromOk);
        const qint64 to = text(zoom, QStringLiteral("toNs")).toLongLong(&toOk);
        if (!fromOk || !toOk || to <= from) {
            *error = QObject::tr("%1: \"zoom\" needs \"fromNs\" < \"toNs\", as strings of digits").arg(name);
            return std::nullopt;
        }
        state.zoom = SessionState::Zoom {from, to};
    }
    return state;
}

std::optional<SessionState> readSessionFile(const QString& sessionPath, QString* error)
{
    QFile file(sessionPath);
    // Sessions are a few hundred bytes; anything far larger is not one.
    constexpr qint64 sizeLimit = 16 * 1024 * 1024;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(sessionPath), file.errorString());
        return std::nullopt;
    }
    if (file.size() > sizeLimit) {
        *error = QObject::tr("%1 is too large to be a session file").arg(QDir::toNativeSeparators(sessionPath));
        return std::nullopt;
    }
    return sessionFromJson(file.readAll(), sessionPath, error);
}

QString writeSessionFile(const SessionState& state, const QString& sessionPath)
{
    return saveBytesAtomically(sessionToJson(state, sessionPath), sessionPath);
}

bool isSessionFile(const QString& path)
{
    return path.endsWith(QStringLiteral(".spanwise"), Qt::CaseInsensitive);
}

} // namespace Spanwise
