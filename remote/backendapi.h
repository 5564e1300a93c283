#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <cstdint>
#include <expected>
#include <optional>

namespace Spanwise {

// The trace backends Spanwise reads from, each through its own query API.
enum class Backend { Jaeger, Tempo, Zipkin };

// "jaeger", "tempo", "zipkin" and back.
QString backendName(Backend backend);
std::optional<Backend> backendNamed(const QString& name);

// A trace search as the user puts it; each backend gets it in its own query parameters.
struct TraceSearch {
    QString service;
    QString operation;
    QList<QPair<QString, QString>> tags; // attribute = value, all must match
    std::optional<std::int64_t> minDurationNs;
    std::int64_t lookbackSeconds = 3600; // the window ends now
    int limit = 20;
    QString traceQl; // Tempo only: a TraceQL query used instead of the fields above
};

// Where a backend's query API listens by default on this machine (Jaeger's query service
// :16686, Tempo :3200, Zipkin :9411).
QString defaultBaseUrl(Backend backend);

// The URLs of each backend's query API (Jaeger's /api, Tempo's /api, Zipkin's /api/v2), under
// `base` (its path is kept, for a backend behind a reverse proxy at /jaeger).
QUrl servicesUrl(Backend backend, const QUrl& base);
// Null for Tempo, which has no operation list per service.
QUrl operationsUrl(Backend backend, const QUrl& base, const QString& service);
QUrl traceUrl(Backend backend, const QUrl& base, const QString& traceId);
QUrl searchUrl(Backend backend, const QUrl& base, const TraceSearch& search, const QDateTime& now);

// The names a services or operations answer lists (Jaeger {"data": [...]}, Zipkin [...],
// Tempo /api/search/tag/service.name/values {"tagValues": [...]}), sorted; or why not.
std::expected<QStringList, QString> parseNameList(Backend backend, const QByteArray& body);
// The trace ids of a Tempo search answer {"traces": [{"traceID": ...}]}.
std::expected<QStringList, QString> parseTempoSearch(const QByteArray& body);
// The server's own words in an error answer (Jaeger {"errors":[{"msg"}]}, {"message"}, {"error"},
// or plain text), on one line and short; empty when there are none.
QString serverMessage(const QByteArray& body);

// A trace id as the backends take it: 16 or 32 hex digits, lower case; nothing otherwise.
std::optional<QString> normalizedTraceId(const QString& text);

} // namespace Spanwise
