#include "tracesession.h"

#include "formatting.h"
#include "hexid.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <cassert>

namespace Spanwise {
namespace {

constexpr std::size_t maxHistory = 200;

// A load opens on its earliest trace, the first row of the trace list in its default order.
TraceIndex earliestTrace(const TraceSetPresentation* presentation)
{
    if (!presentation || presentation->set().traces().empty())
        return {};
    const auto traces = presentation->set().traces();
    std::uint32_t first = 0;
    for (std::uint32_t t = 1; t < traces.size(); ++t)
        if (traces[t].hasTime && (!traces[first].hasTime || traces[t].startNs < traces[first].startNs))
            first = t;
    return TraceIndex {first};
}

} // namespace

TraceSession::TraceSession(QObject* parent)
    : QObject(parent)
{ }

void TraceSession::setLoaded(
    std::shared_ptr<const TraceSetPresentation> presentation, QStringList files, QString sourceName)
{
    m_presentation = std::move(presentation);
    m_files = std::move(files);
    m_sourceName = std::move(sourceName);
    m_current = {earliestTrace(m_presentation.get()), {}};
    m_matching.reset();
    m_back.clear();
    m_forward.clear();
    emit loaded(m_presentation);
    emit navigated(m_current.trace, m_current.span);
    emit historyChanged();
    emit titleChanged(title());
}

void TraceSession::replacePresentation(std::shared_ptr<const TraceSetPresentation> presentation)
{
    Q_ASSERT(presentation && m_presentation &&
        presentation->set().spans().size() == m_presentation->set().spans().size() &&
        presentation->set().traces().size() == m_presentation->set().traces().size());
    m_presentation = std::move(presentation);
    emit loaded(m_presentation);
    emit navigated(m_current.trace, m_current.span);
    if (m_matching)
        emit matchingTracesChanged();
}

QString TraceSession::title() const
{
    QString title = m_sourceName;
    if (m_presentation && m_current.trace.isValid()) {
        const TraceSet& set = m_presentation->set();
        const TraceInfo& trace = set.trace(m_current.trace);
        const Span& root = set.span(trace.root);
        title += QStringLiteral(" — ") + m_presentation->serviceName(root.service) + QStringLiteral(": ") +
            m_presentation->text(root.operation) + QStringLiteral(" (") + toQString(formatTraceId(trace.id)).left(8) +
            QLatin1Char(')');
    }
    return title.isEmpty() ? tr("Spanwise") : tr("%1 — Spanwise").arg(title);
}

bool TraceSession::isOurs(TraceIndex trace) const
{
    return m_presentation && trace.isValid() && trace.value < m_presentation->set().traces().size();
}

void TraceSession::go(Place place, bool record)
{
    if (place == m_current)
        return;
    if (record && m_current.trace.isValid()) {
        m_back.push_back(m_current);
        if (m_back.size() > maxHistory)
            m_back.erase(m_back.begin());
        m_forward.clear();
    }
    const bool traceChanged = place.trace != m_current.trace;
    m_current = place;
    emit navigated(m_current.trace, m_current.span);
    if (record)
        emit historyChanged();
    if (traceChanged)
        emit titleChanged(title());
}

void TraceSession::selectTrace(TraceIndex trace)
{
    if (!isOurs(trace) || trace == m_current.trace)
        return;
    go({trace, {}}, true);
}

void TraceSession::selectSpan(SpanIndex span)
{
    if (!m_presentation || !span.isValid() || span.value >= m_presentation->set().spans().size())
        return;
    const TraceIndex trace = m_presentation->set().forest().traceOf(span);
    go({trace, span}, trace != m_current.trace);
}

void TraceSession::openSpan(SpanIndex span)
{
    if (!m_presentation || !span.isValid() || span.value >= m_presentation->set().spans().size())
        return;
    go({m_presentation->set().forest().traceOf(span), span}, true);
    emit viewRequested(QStringLiteral("waterfall"));
}

void TraceSession::back()
{
    if (m_back.empty())
        return;
    m_forward.push_back(m_current);
    const Place place = m_back.back();
    m_back.pop_back();
    go(place, false);
    emit historyChanged();
}

void TraceSession::forward()
{
    if (m_forward.empty())
        return;
    m_back.push_back(m_current);
    const Place place = m_forward.back();
    m_forward.pop_back();
    go(place, false);
    emit historyChanged();
}

void TraceSession::showServiceStatistics(ServiceId service)
{
    emit serviceStatisticsRequested(service);
    emit viewRequested(QStringLiteral("statistics"));
}

void TraceSession::setMatchingTraces(std::shared_ptr<const std::vector<bool>> matching)
{
    Q_ASSERT(!matching || (m_presentation && matching->size() == m_presentation->set().traces().size()));
    m_matching = std::move(matching);
    emit matchingTracesChanged();
}

void TraceSession::setRules(const QStringList& rules)
{
    m_rules = rules;
    emit rulesChanged(m_rules);
}

void TraceSession::setRuleOutcomes(std::vector<RuleOutcome> outcomes)
{
    m_ruleOutcomes = std::move(outcomes);
    emit ruleOutcomesChanged();
}

void TraceSession::setTraceFilter(const QString& query)
{
    if (query == m_traceFilter)
        return;
    m_traceFilter = query;
    emit traceFilterChanged(m_traceFilter);
}

} // namespace Spanwise
