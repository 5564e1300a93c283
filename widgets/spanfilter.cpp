#include "spanfilter.h"

#include "attributetext.h"
#include "traceset.h"
#include "tracesetpresentation.h"

namespace Spanwise {

std::vector<bool> spansPassing(
    const TraceSetPresentation& presentation, const std::vector<SpanIndex>& spans, const SpanFilter& filter)
{
    const TraceSet& set = presentation.set();
    const QString text = filter.text.trimmed();
    const QString operation = filter.operation.trimmed();
    const QString attribute = filter.attribute.trimmed();
    const qsizetype equals = attribute.indexOf(QLatin1Char('='));
    const std::string key = (equals < 0 ? attribute : attribute.left(equals)).trimmed().toStdString();
    const std::optional<std::string> value =
        equals < 0 ? std::nullopt : std::optional(attribute.mid(equals + 1).trimmed().toStdString());
    const StringId keyId = key.empty() ? StringId {} : set.strings().find(key);

    std::vector<bool> passing(spans.size(), true);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const Span& span = set.span(spans[i]);
        bool ok = (!filter.errorsOnly || span.isError()) &&
            (!filter.minDurationNs || span.durationNs >= *filter.minDurationNs);
        if (ok && !filter.service.isEmpty())
            ok = presentation.serviceName(span.service) == filter.service;
        if (ok && !operation.isEmpty())
            ok = presentation.text(span.operation).contains(operation, Qt::CaseInsensitive);
        if (ok && !text.isEmpty())
            ok = presentation.serviceName(span.service).contains(text, Qt::CaseInsensitive) ||
                presentation.text(span.operation).contains(text, Qt::CaseInsensitive) ||
                (span.statusMessage.isValid() &&
                    presentation.text(span.statusMessage).contains(text, Qt::CaseInsensitive));
        if (ok && !key.empty()) {
            ok = false;
            if (keyId.isValid())
                for (const Attribute& a : set.attributes(span.attributes))
                    if (a.key == keyId && (!value || attributeText(set, a) == *value)) {
                        ok = true;
                        break;
                    }
        }
        passing[i] = ok;
    }
    return passing;
}

} // namespace Spanwise
