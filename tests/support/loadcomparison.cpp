#include "loadcomparison.h"

#include "traceset.h"

#include <QStringList>

#include <algorithm>
#include <tuple>

namespace Spanwise {
namespace {

// Differences are collected as sentences: the first few say what went wrong.
class Comparison
{
public:
    Comparison(const TraceSet& one, const TraceSet& many)
        : m_one(one)
        , m_many(many)
    { }

    void check(bool same, const QString& what)
    {
        if (!same && m_differences.size() < 5)
            m_differences << what;
    }
    bool same() const { return m_differences.isEmpty(); }
    QString differences() const { return m_differences.join(QStringLiteral("; ")); }

    void attributes(Range one, Range many, const QString& where)
    {
        const auto a = m_one.attributes(one), b = m_many.attributes(many);
        check(a.size() == b.size(), where + QStringLiteral(": attribute count"));
        for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
            const QString here = where + QStringLiteral(".attribute[%1]").arg(i);
            check(a[i].key() == b[i].key() && a[i].type() == b[i].type(), here + QStringLiteral(": key or type"));
            switch (a[i].type()) {
            case AttributeType::String:
            case AttributeType::Bytes:
                check(a[i].text == b[i].text, here + QStringLiteral(": text"));
                break;
            case AttributeType::Bool:
                check(a[i].boolean == b[i].boolean, here + QStringLiteral(": value"));
                break;
            case AttributeType::Int:
            case AttributeType::Double:
                check(a[i].integer == b[i].integer, here + QStringLiteral(": value"));
                break;
            case AttributeType::Array:
            case AttributeType::KeyValueList:
                attributes(a[i].children, b[i].children, here);
                break;
            case AttributeType::Empty:
                break;
            }
        }
    }

    void spans()
    {
        check(m_one.spans().size() == m_many.spans().size(), QStringLiteral("span count"));
        for (std::uint32_t i = 0; i < std::min(m_one.spans().size(), m_many.spans().size()); ++i) {
            const Span& a = m_one.spans()[i];
            const Span& b = m_many.spans()[i];
            const QString where = QStringLiteral("span %1").arg(i);
            check(std::tie(a.traceId, a.spanId, a.parentSpanId, a.startNs, a.durationNs, a.operation, a.service,
                      a.resource, a.scope, a.statusMessage, a.traceState, a.traceFlags, a.kind, a.status, a.flags) ==
                    std::tie(b.traceId, b.spanId, b.parentSpanId, b.startNs, b.durationNs, b.operation, b.service,
                        b.resource, b.scope, b.statusMessage, b.traceState, b.traceFlags, b.kind, b.status, b.flags),
                where + QStringLiteral(": fields"));
            attributes(a.attributes, b.attributes, where);
            const auto eventsA = m_one.events(a.events), eventsB = m_many.events(b.events);
            check(eventsA.size() == eventsB.size(), where + QStringLiteral(": event count"));
            for (std::size_t e = 0; e < std::min(eventsA.size(), eventsB.size()); ++e) {
                check(std::tie(eventsA[e].timeNs, eventsA[e].name, eventsA[e].droppedAttributes) ==
                        std::tie(eventsB[e].timeNs, eventsB[e].name, eventsB[e].droppedAttributes),
                    where + QStringLiteral(": event"));
                attributes(eventsA[e].attributes, eventsB[e].attributes, where + QStringLiteral(".event"));
            }
            const auto linksA = m_one.links(a.links), linksB = m_many.links(b.links);
            check(linksA.size() == linksB.size(), where + QStringLiteral(": link count"));
            for (std::size_t l = 0; l < std::min(linksA.size(), linksB.size()); ++l) {
                const Link &x = linksA[l], &y = linksB[l];
                check(std::tie(x.traceId, x.spanId, x.traceState, x.flags, x.droppedAttributes, x.kind) ==
                        std::tie(y.traceId, y.spanId, y.traceState, y.flags, y.droppedAttributes, y.kind),
                    where + QStringLiteral(": link"));
                attributes(x.attributes, y.attributes, where + QStringLiteral(".link"));
            }
            const SpanSource sourceA = m_one.spanSource(SpanIndex {i}), sourceB = m_many.spanSource(SpanIndex {i});
            check(std::tie(sourceA.offset, sourceA.length, sourceA.protoSpan) ==
                    std::tie(sourceB.offset, sourceB.length, sourceB.protoSpan),
                where + QStringLiteral(": source"));
            const SpanDrops dropsA = m_one.dropsOf(SpanIndex {i}), dropsB = m_many.dropsOf(SpanIndex {i});
            check(std::tie(dropsA.attributes, dropsA.events, dropsA.links) ==
                    std::tie(dropsB.attributes, dropsB.events, dropsB.links),
                where + QStringLiteral(": drops"));
        }
    }

    void tables()
    {
        // Ids are compared as numbers above: the pools must hold the same strings in the same order.
        check(m_one.strings().size() == m_many.strings().size(), QStringLiteral("string count"));
        for (std::uint32_t id = 0; id < std::min(m_one.strings().size(), m_many.strings().size()); ++id)
            check(m_one.text(StringId {id}) == m_many.text(StringId {id}), QStringLiteral("string %1").arg(id));
        check(std::ranges::equal(m_one.serviceNames(), m_many.serviceNames()), QStringLiteral("services"));
        check(m_one.resources().size() == m_many.resources().size(), QStringLiteral("resource count"));
        for (std::size_t r = 0; r < std::min(m_one.resources().size(), m_many.resources().size()); ++r) {
            const Resource &a = m_one.resources()[r], &b = m_many.resources()[r];
            check(a.service == b.service && a.droppedAttributes == b.droppedAttributes,
                QStringLiteral("resource %1").arg(r));
            attributes(a.attributes, b.attributes, QStringLiteral("resource %1").arg(r));
        }
        check(m_one.scopes().size() == m_many.scopes().size(), QStringLiteral("scope count"));
        for (std::size_t s = 0; s < std::min(m_one.scopes().size(), m_many.scopes().size()); ++s) {
            const Scope &a = m_one.scopes()[s], &b = m_many.scopes()[s];
            check(a.name == b.name && a.version == b.version, QStringLiteral("scope %1").arg(s));
            attributes(a.attributes, b.attributes, QStringLiteral("scope %1").arg(s));
        }
        check(std::ranges::equal(m_one.spanWarnings(), m_many.spanWarnings(),
                  [](const SpanWarning& a, const SpanWarning& b) { return a.span == b.span && a.text == b.text; }),
            QStringLiteral("span warnings"));
        check(std::ranges::equal(m_one.traceWarnings(), m_many.traceWarnings(),
                  [](const TraceWarning& a, const TraceWarning& b) {
                      return a.traceId == b.traceId && a.text == b.text;
                  }),
            QStringLiteral("trace warnings"));
        check(m_one.logs().size() == m_many.logs().size(), QStringLiteral("log count"));
        for (std::size_t l = 0; l < std::min(m_one.logs().size(), m_many.logs().size()); ++l) {
            const LogRecord &a = m_one.logs()[l], &b = m_many.logs()[l];
            check(std::tie(a.timeNs, a.severityNumber, a.severityText, a.body, a.service, a.traceId, a.spanId, a.offset,
                      a.trace, a.span) ==
                    std::tie(b.timeNs, b.severityNumber, b.severityText, b.body, b.service, b.traceId, b.spanId,
                        b.offset, b.trace, b.span),
                QStringLiteral("log %1").arg(l));
            attributes(a.attributes, b.attributes, QStringLiteral("log %1").arg(l));
        }
        check(m_one.traces().size() == m_many.traces().size(), QStringLiteral("trace count"));
        // Counts every element held: a run of attributes read twice and kept twice shows here.
        check(m_one.approximateBytes() == m_many.approximateBytes(), QStringLiteral("model size"));
    }

private:
    const TraceSet& m_one;
    const TraceSet& m_many;
    QStringList m_differences;
};

// Messages as one set: a break inside a record that two shares divide is given by the share the
// break is in, so its place in the list may move (never its text, place in the file or count).
std::vector<std::tuple<int, std::uint64_t, std::uint32_t, std::uint32_t, std::string, std::string>> messages(
    const ImportReport& report)
{
    std::vector<std::tuple<int, std::uint64_t, std::uint32_t, std::uint32_t, std::string, std::string>> list;
    for (const ImportMessage& m : report.messages)
        list.emplace_back(int(m.severity), m.byteOffset, m.line, m.column, m.jsonPath, m.text);
    std::ranges::sort(list);
    return list;
}

} // namespace

QString loadDifferences(const LoadResult& one, const LoadResult& many)
{
    const ImportReport &a = one.reports.front(), &b = many.reports.front();
    QStringList problems;
    if (std::tie(a.format, a.spans, a.logRecords, a.warningCount, a.errorCount, a.failed) !=
        std::tie(b.format, b.spans, b.logRecords, b.warningCount, b.errorCount, b.failed))
        problems << QStringLiteral("report counts: %1 spans %2 warnings %3 errors against %4, %5, %6")
                        .arg(a.spans)
                        .arg(a.warningCount)
                        .arg(a.errorCount)
                        .arg(b.spans)
                        .arg(b.warningCount)
                        .arg(b.errorCount);
    // Under the cap, every message; over it, which ones are kept depends on the order.
    if (a.messagesDropped == 0 && messages(a) != messages(b))
        problems << QStringLiteral("messages differ");
    Comparison model(*one.traces, *many.traces);
    model.tables();
    model.spans();
    if (!model.same())
        problems << model.differences();
    return problems.join(QStringLiteral("; "));
}

} // namespace Spanwise
