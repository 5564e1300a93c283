#include "diagnosecommand.h"

#include "anomalies.h"
#include "clockskew.h"
#include "command.h"
#include "formatting.h"
#include "hexid.h"
#include "propagation.h"
#include "sampling.h"
#include "traceset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Spanwise {

int runDiagnoseCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("diagnose"),
        QStringLiteral("Find clock skew, broken context propagation and anomalies in trace files."),
        QStringLiteral("FILE... [--json]"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    command.parser().addOption(jsonOption);
    if (const auto stop = command.parseWithFiles(arguments))
        return *stop;
    const LoadResult result = command.load();
    if (!result.traces || result.traces->spans().empty()) {
        command.failure(QStringLiteral("nothing could be loaded"));
        return ExitNothingLoaded;
    }
    const TraceSet& set = *result.traces;
    const ClockSkewEstimate skew = estimateClockSkew(set);
    const PropagationFindings propagation = findPropagationProblems(set);
    const std::vector<Anomaly> anomalies = findAnomalies(set);
    const SamplingFacts sampling = samplingFacts(set);

    QTextStream out(stdout);
    if (command.parser().isSet(jsonOption)) {
        QJsonArray hosts;
        for (const HostClock& host : skew.hosts)
            hosts.append(QJsonObject {{QStringLiteral("service"), toQString(host.service)},
                {QStringLiteral("host"), toQString(host.host)},
                {QStringLiteral("offsetNs"), static_cast<qint64>(host.offsetNs)},
                {QStringLiteral("pairs"), static_cast<qint64>(host.pairs)}, {QStringLiteral("flagged"), host.flagged}});
        QJsonArray services;
        for (const std::string& service : propagation.notExtractingServices)
            services.append(toQString(service));
        QJsonArray found;
        for (const Anomaly& anomaly : anomalies) {
            const Span& span = set.span(anomaly.span);
            found.append(QJsonObject {{QStringLiteral("traceId"), toQString(formatTraceId(span.traceId))},
                {QStringLiteral("spanId"), toQString(formatSpanId(span.spanId))},
                {QStringLiteral("service"), toQString(set.serviceName(span.service))},
                {QStringLiteral("operation"), toQString(set.text(span.operation))},
                {QStringLiteral("reason"), toQString(anomaly.reason)},
                {QStringLiteral("causeSpanId"),
                    anomaly.cause.isValid() ? toQString(formatSpanId(set.span(anomaly.cause).spanId)) : QString()}});
        }
        QJsonArray sampled;
        for (const ServiceSampling& service : sampling.services) {
            QJsonObject entry {{QStringLiteral("service"), toQString(set.serviceName(service.service))},
                {QStringLiteral("traces"), static_cast<qint64>(service.traces)},
                {QStringLiteral("tracesWithProbability"), static_cast<qint64>(service.known)}};
            if (service.known > 0) {
                entry.insert(QStringLiteral("minProbability"), service.minProbability);
                entry.insert(QStringLiteral("maxProbability"), service.maxProbability);
                entry.insert(QStringLiteral("source"), toQString(samplingSourceName(service.source, service.sampler)));
            }
            sampled.append(entry);
        }
        out << QJsonDocument(
            QJsonObject {{QStringLiteral("clockSkew"), hosts}, {QStringLiteral("sampling"), sampled},
                {QStringLiteral("unsampledSpans"), static_cast<qint64>(sampling.unsampledSpans)},
                {QStringLiteral("orphanSpans"), static_cast<qint64>(propagation.orphanSpans.size())},
                {QStringLiteral("multiRootTraces"), static_cast<qint64>(propagation.multiRootTraces.size())},
                {QStringLiteral("splitTraces"), static_cast<qint64>(propagation.splitTraces.size())},
                {QStringLiteral("notExtractingServices"), services}, {QStringLiteral("anomalies"), found}})
                   .toJson(QJsonDocument::Indented);
        return ExitDone;
    }
    out << "Clock skew (against " << (skew.hosts.empty() ? QStringLiteral("-") : QString());
    for (const HostClock& host : skew.hosts)
        if (host.reference)
            out << toQString(host.host);
    out << "):\n";
    for (const HostClock& host : skew.hosts)
        out << "  " << (host.flagged ? "! " : "  ") << toQString(host.host) << " (" << toQString(host.service)
            << "): " << QString::number(host.offsetNs / 1e6, 'f', 3) << " ms over " << host.pairs << " pairs\n";
    out << "Propagation: " << propagation.orphanSpans.size() << " orphan spans, " << propagation.multiRootTraces.size()
        << " traces with several roots, " << propagation.splitTraces.size() << " split traces, "
        << propagation.linksOutside.size() << " spans linking to traces not loaded\n";
    if (!propagation.notExtractingServices.empty()) {
        out << "  not extracting context:";
        for (const std::string& service : propagation.notExtractingServices)
            out << ' ' << toQString(service);
        out << '\n';
    }
    out << "Sampling by root service:\n";
    for (const ServiceSampling& service : sampling.services) {
        out << "  " << toQString(set.serviceName(service.service)) << ": " << service.traces << " traces";
        if (service.known > 0)
            out << ", " << service.known << " kept with probability " << service.minProbability
                << (service.maxProbability != service.minProbability ? QStringLiteral("-%1").arg(service.maxProbability)
                                                                     : QString())
                << " (" << toQString(samplingSourceName(service.source, service.sampler)) << ')';
        else
            out << ", no sampling recorded";
        out << '\n';
    }
    if (sampling.unsampledSpans > 0)
        out << "  " << sampling.unsampledSpans << " spans have their W3C sampled flag clear\n";
    out << "Anomalies (" << anomalies.size() << "):\n";
    for (const Anomaly& anomaly : anomalies) {
        const Span& span = set.span(anomaly.span);
        out << "  " << toQString(set.serviceName(span.service)) << ": " << toQString(set.text(span.operation))
            << " (trace " << toQString(formatTraceId(span.traceId)) << "): " << toQString(anomaly.reason) << '\n';
    }
    return ExitDone;
}

} // namespace Spanwise
