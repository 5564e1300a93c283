#include "fetchcommand.h"

#include "backendrequest.h"
#include "command.h"
#include "query.h"
#include "traceset.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QSaveFile>

namespace Spanwise {
namespace {

struct FetchOptions {
    QCommandLineOption trace {
        QStringLiteral("trace"), QStringLiteral("The trace to fetch, by id."), QStringLiteral("ID")};
    QCommandLineOption service {
        QStringLiteral("service"), QStringLiteral("Search the traces of this service."), QStringLiteral("NAME")};
    QCommandLineOption operation {
        QStringLiteral("operation"), QStringLiteral("Only traces with this operation."), QStringLiteral("OP")};
    QCommandLineOption tag {QStringLiteral("tag"),
        QStringLiteral("Only traces with this attribute value (repeatable)."), QStringLiteral("KEY=VALUE")};
    QCommandLineOption minDuration {QStringLiteral("min-duration"),
        QStringLiteral("Only traces at least this long, e.g. 250ms."), QStringLiteral("DURATION")};
    QCommandLineOption lookback {QStringLiteral("lookback"),
        QStringLiteral("How far back from now to search (default 1h)."), QStringLiteral("DURATION"),
        QStringLiteral("1h")};
    QCommandLineOption limit {QStringLiteral("limit"), QStringLiteral("The most traces to fetch (default 20)."),
        QStringLiteral("N"), QStringLiteral("20")};
    QCommandLineOption traceQl {
        QStringLiteral("traceql"), QStringLiteral("Tempo: search with this TraceQL query."), QStringLiteral("QUERY")};
    QCommandLineOption output {{QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The file to write (replaced)."), QStringLiteral("FILE")};
    QCommandLineOption token {QStringLiteral("token"),
        QStringLiteral("A bearer token (default: the SPANWISE_TOKEN environment variable)."), QStringLiteral("TOKEN")};
    QCommandLineOption user {QStringLiteral("user"),
        QStringLiteral("Basic authentication; the password may come from SPANWISE_PASSWORD."),
        QStringLiteral("USER[:PASSWORD]")};
    QCommandLineOption header {QStringLiteral("header"),
        QStringLiteral("An extra request header, e.g. \"X-Scope-OrgID: team-a\" (repeatable)."),
        QStringLiteral("NAME: VALUE")};
    QCommandLineOption insecure {
        QStringLiteral("insecure"), QStringLiteral("Accept TLS certificates that do not verify.")};
    QCommandLineOption timeout {QStringLiteral("timeout"),
        QStringLiteral("Seconds a request may stay silent (default 30)."), QStringLiteral("SECONDS"),
        QStringLiteral("30")};
};

// The connection and the search the options describe, or the usage error's message.
std::expected<BackendConnection, QString> connectionOf(
    const QCommandLineParser& parser, const FetchOptions& o, Backend backend, const QString& urlText)
{
    BackendConnection connection;
    connection.backend = backend;
    connection.base = QUrl(urlText, QUrl::StrictMode);
    if (!connection.base.isValid() ||
        (connection.base.scheme() != QLatin1String("http") && connection.base.scheme() != QLatin1String("https")))
        return std::unexpected(QStringLiteral("\"%1\" is not an http:// or https:// URL").arg(urlText));
    connection.token = parser.isSet(o.token) ? parser.value(o.token) : qEnvironmentVariable("SPANWISE_TOKEN");
    if (parser.isSet(o.user)) {
        const QString user = parser.value(o.user);
        const qsizetype colon = user.indexOf(QLatin1Char(':'));
        connection.user = colon < 0 ? user : user.left(colon);
        connection.password = colon < 0 ? qEnvironmentVariable("SPANWISE_PASSWORD") : user.mid(colon + 1);
    }
    for (const QString& header : parser.values(o.header)) {
        const qsizetype colon = header.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return std::unexpected(QStringLiteral("--header takes \"Name: value\", not \"%1\"").arg(header));
        connection.headers.append({header.left(colon).trimmed().toUtf8(), header.mid(colon + 1).trimmed().toUtf8()});
    }
    connection.insecure = parser.isSet(o.insecure);
    bool ok = false;
    const double seconds = parser.value(o.timeout).toDouble(&ok);
    if (!ok || seconds <= 0)
        return std::unexpected(QStringLiteral("--timeout takes a positive number of seconds"));
    connection.timeoutMs = static_cast<int>(seconds * 1000);
    return connection;
}

std::expected<TraceSearch, QString> searchOf(const QCommandLineParser& parser, const FetchOptions& o, Backend backend)
{
    TraceSearch search;
    search.service = parser.value(o.service);
    search.operation = parser.value(o.operation);
    search.traceQl = parser.value(o.traceQl);
    if (!search.traceQl.isEmpty() && backend != Backend::Tempo)
        return std::unexpected(QStringLiteral("--traceql is for Tempo"));
    if (search.service.isEmpty() && search.traceQl.isEmpty())
        return std::unexpected(QStringLiteral("give --trace ID, or --service NAME to search"));
    for (const QString& tag : parser.values(o.tag)) {
        const qsizetype equals = tag.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return std::unexpected(QStringLiteral("--tag takes KEY=VALUE, not \"%1\"").arg(tag));
        search.tags.append({tag.left(equals), tag.mid(equals + 1)});
    }
    if (parser.isSet(o.minDuration)) {
        search.minDurationNs = parseDuration(parser.value(o.minDuration).toStdString());
        if (!search.minDurationNs)
            return std::unexpected(QStringLiteral("--min-duration takes a duration with its unit, e.g. 250ms"));
    }
    const auto lookback = parseDuration(parser.value(o.lookback).toStdString());
    if (!lookback || *lookback < 1'000'000'000)
        return std::unexpected(QStringLiteral("--lookback takes a duration of a second or more, e.g. 1h"));
    search.lookbackSeconds = *lookback / 1'000'000'000;
    bool ok = false;
    search.limit = parser.value(o.limit).toInt(&ok);
    if (!ok || search.limit <= 0)
        return std::unexpected(QStringLiteral("--limit takes a positive number"));
    return search;
}

} // namespace

int runFetchCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("fetch"),
        QStringLiteral("Fetches a trace, or the traces a search finds, from a Jaeger, Tempo or Zipkin query API and "
                       "writes the answer as a file Spanwise reads."),
        QStringLiteral("spanwise fetch jaeger|tempo|zipkin URL (--trace ID | --service NAME ...) -o FILE"));
    const FetchOptions o;
    for (const auto* option : {&o.trace, &o.service, &o.operation, &o.tag, &o.minDuration, &o.lookback, &o.limit,
             &o.traceQl, &o.output, &o.token, &o.user, &o.header, &o.insecure, &o.timeout})
        command.parser().addOption(*option);
    if (const auto exit = command.parse(arguments))
        return *exit;
    const QCommandLineParser& parser = command.parser();
    const QStringList positional = command.files();
    if (positional.size() != 2)
        return command.usageError(QStringLiteral("give the backend (jaeger, tempo or zipkin) and its URL"));
    const auto backend = backendNamed(positional[0]);
    if (!backend)
        return command.usageError(QStringLiteral("\"%1\" is not jaeger, tempo or zipkin").arg(positional[0]));
    if (!parser.isSet(o.output))
        return command.usageError(QStringLiteral("-o FILE is required"));
    const auto connection = connectionOf(parser, o, *backend, positional[1]);
    if (!connection)
        return command.usageError(connection.error());
    std::optional<TraceSearch> search;
    if (parser.isSet(o.trace)) {
        if (parser.isSet(o.service) || parser.isSet(o.traceQl))
            return command.usageError(QStringLiteral("give --trace or a search, not both"));
    } else {
        auto asked = searchOf(parser, o, *backend);
        if (!asked)
            return command.usageError(asked.error());
        search = std::move(*asked);
    }

    QNetworkAccessManager network;
    BackendRequest request(*connection, &network);
    BackendResult result;
    QEventLoop loop;
    QObject::connect(&request, &BackendRequest::finished, &loop, [&](const BackendResult& answer) {
        result = answer;
        loop.quit();
    });
    QObject::connect(&request, &BackendRequest::progress, [&](int done, int total) {
        command.err() << "spanwise fetch: " << done << " of " << total << " traces\r" << Qt::flush;
    });
    if (search)
        request.search(*search);
    else
        request.fetchTrace(parser.value(o.trace));
    loop.exec();
    if (!result.error.isEmpty())
        return command.failure(result.error);

    // What was fetched must be something Spanwise reads: check before keeping it.
    std::vector<NamedBuffer> buffers;
    buffers.push_back({parser.value(o.output).toStdString(),
        PaddedBuffer(std::string_view(result.document.constData(), static_cast<std::size_t>(result.document.size())))});
    const LoadResult loaded = loadTraceBuffers(buffers);
    QSaveFile file(parser.value(o.output));
    if (!file.open(QIODevice::WriteOnly) || file.write(result.document) != result.document.size() || !file.commit())
        return command.failure(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    const ImportReport& report = loaded.reports.front();
    command.err() << "spanwise fetch: wrote " << file.fileName() << " (" << QString::fromStdString(report.format)
                  << ", " << loaded.traces->traces().size() << " traces, " << loaded.traces->spans().size() << " spans)"
                  << Qt::endl;
    if (report.failed || loaded.traces->spans().empty()) {
        if (search && !report.failed && loaded.traces->spans().empty()) {
            command.err() << "spanwise fetch: the search found no traces" << Qt::endl;
            return ExitDone;
        }
        return command.failure(QStringLiteral("the answer holds no trace Spanwise can read"));
    }
    return ExitDone;
}

} // namespace Spanwise
