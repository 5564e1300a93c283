#include "tracefilter.h"

#include "attributetext.h"
#include "traceset.h"

#include <QRegularExpression>

#include <cmath>

namespace Spanwise {
std::vector<bool> tracesPassing(const TraceSet& set, const TraceFilter& filter)
{
    const auto traces = set.traces();
    std::vector<bool> passing(traces.size(), true);
    const std::string service = filter.service.toStdString();
    const QString operation = filter.operation.trimmed();
    const std::string operationText = operation.toStdString();
    const QString attribute = filter.attribute.trimmed();
    const qsizetype equals = attribute.indexOf(QLatin1Char('='));
    const std::string attributeKey = (equals < 0 ? attribute : attribute.left(equals)).trimmed().toStdString();
    const std::optional<std::string> attributeValue =
        equals < 0 ? std::nullopt : std::optional(attribute.mid(equals + 1).trimmed().toStdString());
    // Resolve names to pool ids once: comparing ids per span is what keeps this fast.
    const StringId keyId = attributeKey.empty() ? StringId {} : set.strings().find(attributeKey);

    for (std::size_t t = 0; t < traces.size(); ++t) {
        const TraceInfo& trace = traces[t];
        bool ok = true;
        if (filter.minDurationNs && trace.durationNs() < *filter.minDurationNs)
            ok = false;
        if (filter.maxDurationNs && trace.durationNs() > *filter.maxDurationNs)
            ok = false;
        if (filter.errorsOnly && trace.errorCount == 0)
            ok = false;
        if (ok && filter.filtersSpans()) {
            bool serviceSeen = service.empty(), operationSeen = operationText.empty(),
                 attributeSeen = attributeKey.empty();
            for (const SpanIndex s : set.forest().spansOf(trace)) {
                const Span& span = set.span(s);
                serviceSeen = serviceSeen || set.serviceName(span.service) == service;
                operationSeen = operationSeen || set.text(span.operation).find(operationText) != std::string_view::npos;
                if (!attributeSeen && keyId.isValid()) {
                    for (const Attribute& a : set.attributes(span.attributes)) {
                        if (a.key == keyId && (!attributeValue || attributeText(set, a) == *attributeValue)) {
                            attributeSeen = true;
                            break;
                        }
                    }
                }
                if (serviceSeen && operationSeen && attributeSeen)
                    break;
            }
            ok = serviceSeen && operationSeen && attributeSeen;
        }
        passing[t] = ok;
    }
    return passing;
}

std::optional<std::int64_t> parseDuration(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*([0-9]*\\.?[0-9]+)\\s*(ns|us|µs|ms|s|m|min|h)?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2).toLower();
    double factor = 1e6; // milliseconds when no unit is given
    if (unit == QStringLiteral("ns"))
        factor = 1;
    else if (unit == QStringLiteral("us") || unit == QStringLiteral("µs"))
        factor = 1e3;
    else if (unit == QStringLiteral("s"))
        factor = 1e9;
    else if (unit == QStringLiteral("m") || unit == QStringLiteral("min"))
        factor = 60e9;
    else if (unit == QStringLiteral("h"))
        factor = 3600e9;
    return static_cast<std::int64_t>(std::llround(value * factor));
}

} // namespace Spanwise
