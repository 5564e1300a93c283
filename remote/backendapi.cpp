#include "backendapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

namespace Spanwise {
namespace {

// The base URL with `path` appended to its own path.
QUrl under(const QUrl& base, const QString& path)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(QString());
    return url;
}

// Jaeger and Tempo read durations as Go does: "1500us", "250ms".
QString goDuration(std::int64_t ns)
{
    return ns % 1000 == 0 ? QString::number(ns / 1000) + QStringLiteral("us")
                          : QString::number(ns) + QStringLiteral("ns");
}

QString pathSegment(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// start and end (in units of 1/perSecond s: Jaeger takes µs, Tempo s) and limit.
void addWindow(QUrlQuery& query, const TraceSearch& search, const QDateTime& now, qint64 perSecond)
{
    const qint64 end = now.toMSecsSinceEpoch() * perSecond / 1000;
    query.addQueryItem(QStringLiteral("start"), QString::number(end - search.lookbackSeconds * perSecond));
    query.addQueryItem(QStringLiteral("end"), QString::number(end));
    query.addQueryItem(QStringLiteral("limit"), QString::number(search.limit));
}

QUrl jaegerSearch(const QUrl& base, const TraceSearch& search, const QDateTime& now)
{
    QUrl url = under(base, QStringLiteral("/api/traces"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("service"), search.service);
    if (!search.operation.isEmpty())
        query.addQueryItem(QStringLiteral("operation"), search.operation);
    if (!search.tags.isEmpty()) {
        QJsonObject tags;
        for (const auto& [key, value] : search.tags)
            tags.insert(key, value);
        query.addQueryItem(
            QStringLiteral("tags"), QString::fromUtf8(QJsonDocument(tags).toJson(QJsonDocument::Compact)));
    }
    if (search.minDurationNs)
        query.addQueryItem(QStringLiteral("minDuration"), goDuration(*search.minDurationNs));
    addWindow(query, search, now, 1'000'000);
    url.setQuery(query);
    return url;
}

QUrl tempoSearch(const QUrl& base, const TraceSearch& search, const QDateTime& now)
{
    QUrl url = under(base, QStringLiteral("/api/search"));
    QUrlQuery query;
    if (!search.traceQl.isEmpty()) {
        query.addQueryItem(QStringLiteral("q"), search.traceQl);
    } else {
        // Tempo's tag search: logfmt, service.name and name included.
        QStringList tags;
        const auto quoted = [](const QString& value) {
            return value.contains(QLatin1Char(' ')) || value.contains(QLatin1Char('"'))
                ? QLatin1Char('"') + QString(value).replace(QLatin1Char('"'), QStringLiteral("\\\"")) + QLatin1Char('"')
                : value;
        };
        if (!search.service.isEmpty())
            tags << QStringLiteral("service.name=") + quoted(search.service);
        if (!search.operation.isEmpty())
            tags << QStringLiteral("name=") + quoted(search.operation);
        for (const auto& [key, value] : search.tags)
            tags << key + QLatin1Char('=') + quoted(value);
        if (!tags.isEmpty())
            query.addQueryItem(QStringLiteral("tags"), tags.join(QLatin1Char(' ')));
        if (search.minDurationNs)
            query.addQueryItem(QStringLiteral("minDuration"), goDuration(*search.minDurationNs));
    }
    addWindow(query, search, now, 1);
    url.setQuery(query);
    return url;
}

QUrl zipkinSearch(const QUrl& base, const TraceSearch& search, const QDateTime& now)
{
    QUrl url = under(base, QStringLiteral("/api/v2/traces"));
    QUrlQuery query;
    if (!search.service.isEmpty())
        query.addQueryItem(QStringLiteral("serviceName"), search.service);
    if (!search.operation.isEmpty())
        query.addQueryItem(QStringLiteral("spanName"), search.operation);
    if (!search.tags.isEmpty()) {
        QStringList terms;
        for (const auto& [key, value] : search.tags)
            terms << key + QLatin1Char('=') + value;
        query.addQueryItem(QStringLiteral("annotationQuery"), terms.join(QStringLiteral(" and ")));
    }
    if (search.minDurationNs)
        query.addQueryItem(QStringLiteral("minDuration"), QString::number(*search.minDurationNs / 1000));
    query.addQueryItem(QStringLiteral("endTs"), QString::number(now.toMSecsSinceEpoch()));
    query.addQueryItem(QStringLiteral("lookback"), QString::number(search.lookbackSeconds * 1000));
    query.addQueryItem(QStringLiteral("limit"), QString::number(search.limit));
    url.setQuery(query);
    return url;
}

} // namespace

QString backendName(Backend backend)
{
    switch (backend) {
    case Backend::Jaeger:
        return QStringLiteral("jaeger");
    case Backend::Tempo:
        return QStringLiteral("tempo");
    case Backend::Zipkin:
        return QStringLiteral("zipkin");
    }
    return {};
}

std::optional<Backend> backendNamed(const QString& name)
{
    for (const Backend backend : {Backend::Jaeger, Backend::Tempo, Backend::Zipkin})
        if (backendName(backend) == name.toLower())
            return backend;
    return std::nullopt;
}

QString defaultBaseUrl(Backend backend)
{
    switch (backend) {
    case Backend::Jaeger:
        return QStringLiteral("http://localhost:16686");
    case Backend::Tempo:
        return QStringLiteral("http://localhost:3200");
    case Backend::Zipkin:
        return QStringLiteral("http://localhost:9411");
    }
    return {};
}

QUrl servicesUrl(Backend backend, const QUrl& base)
{
    switch (backend) {
    case Backend::Jaeger:
        return under(base, QStringLiteral("/api/services"));
    case Backend::Tempo:
        return under(base, QStringLiteral("/api/search/tag/service.name/values"));
    case Backend::Zipkin:
        return under(base, QStringLiteral("/api/v2/services"));
    }
    return {};
}

QUrl operationsUrl(Backend backend, const QUrl& base, const QString& service)
{
    switch (backend) {
    case Backend::Jaeger:
        return under(base, QStringLiteral("/api/services/") + pathSegment(service) + QStringLiteral("/operations"));
    case Backend::Tempo:
        return {};
    case Backend::Zipkin: {
        QUrl url = under(base, QStringLiteral("/api/v2/spans"));
        url.setQuery(QUrlQuery {{QStringLiteral("serviceName"), service}});
        return url;
    }
    }
    return {};
}

QUrl traceUrl(Backend backend, const QUrl& base, const QString& traceId)
{
    switch (backend) {
    case Backend::Jaeger:
        return under(base, QStringLiteral("/api/traces/") + pathSegment(traceId));
    case Backend::Tempo:
        return under(base, QStringLiteral("/api/traces/") + pathSegment(traceId));
    case Backend::Zipkin:
        return under(base, QStringLiteral("/api/v2/trace/") + pathSegment(traceId));
    }
    return {};
}

QUrl searchUrl(Backend backend, const QUrl& base, const TraceSearch& search, const QDateTime& now)
{
    switch (backend) {
    case Backend::Jaeger:
        return jaegerSearch(base, search, now);
    case Backend::Tempo:
        return tempoSearch(base, search, now);
    case Backend::Zipkin:
        return zipkinSearch(base, search, now);
    }
    return {};
}

std::expected<QStringList, QString> parseNameList(Backend backend, const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (document.isNull())
        return std::unexpected(QStringLiteral("the answer is not JSON (%1)").arg(error.errorString()));
    QJsonArray names;
    if (backend == Backend::Zipkin && document.isArray())
        names = document.array();
    else if (backend == Backend::Jaeger && document[QLatin1String("data")].isArray())
        names = document[QLatin1String("data")].toArray();
    else if (backend == Backend::Tempo && document[QLatin1String("tagValues")].isArray())
        names = document[QLatin1String("tagValues")].toArray();
    else
        return std::unexpected(QStringLiteral("the answer is not a list of names"));
    QStringList out;
    for (const QJsonValue& name : names) {
        // Tempo 2 lists typed values: {"type": "string", "value": "cart"}.
        const QString text = name.isObject() ? name[QLatin1String("value")].toString() : name.toString();
        if (!text.isEmpty())
            out << text;
    }
    out.sort(Qt::CaseInsensitive);
    out.removeDuplicates();
    return out;
}

std::expected<QStringList, QString> parseTempoSearch(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return std::unexpected(QStringLiteral("the search answer is not a JSON object"));
    QStringList ids;
    for (const QJsonValue& trace : document[QLatin1String("traces")].toArray()) {
        const QString id = trace[QLatin1String("traceID")].toString();
        if (!id.isEmpty())
            ids << id;
    }
    return ids;
}

QString serverMessage(const QByteArray& body)
{
    constexpr qsizetype longest = 300;
    QString text;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonArray errors = document[QLatin1String("errors")].toArray();
        if (!errors.isEmpty())
            text = errors.first()[QLatin1String("msg")].toString();
        for (const char* key : {"message", "error", "msg"})
            if (text.isEmpty())
                text = document[QLatin1String(key)].toString();
    } else if (!body.trimmed().startsWith('<')) { // an HTML error page says nothing useful
        text = QString::fromUtf8(body.left(longest * 2));
    }
    text = text.simplified();
    if (text.size() > longest)
        text = text.left(longest) + QStringLiteral("…");
    return text;
}

std::optional<QString> normalizedTraceId(const QString& text)
{
    static const QRegularExpression hex(QStringLiteral("^(?:[0-9a-fA-F]{16}|[0-9a-fA-F]{32})$"));
    const QString trimmed = text.trimmed();
    if (!hex.match(trimmed).hasMatch())
        return std::nullopt;
    return trimmed.toLower();
}

} // namespace Spanwise
