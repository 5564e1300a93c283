#include "diffmap.h"

#include "formatting.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace Spanwise {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DiffMap", text);
}

QString percent(std::uint64_t part, std::uint64_t whole)
{
    if (whole == 0)
        return QStringLiteral("–");
    const double value = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    return QStringLiteral("%1%").arg(value, 0, 'f', value == 0 || value >= 10 ? 0 : 1);
}

QString p95Text(const std::optional<std::int64_t>& p95)
{
    return p95 ? formatDuration(*p95) : QStringLiteral("–");
}

// The lines under a changed edge's calls: what moved past its threshold (as the diff judged it),
// one a line (short lines keep Graphviz's room for the label close to what is drawn).
QString movedFigures(const EdgeDiff& e)
{
    QStringList parts;
    if (e.errorRateMoved)
        parts << tr("err %1 → %2").arg(percent(e.errorsBefore, e.callsBefore), percent(e.errorsAfter, e.callsAfter));
    if (e.p95Moved)
        parts << tr("p95 %1 → %2").arg(p95Text(e.p95NsBefore), p95Text(e.p95NsAfter));
    return parts.join(QLatin1Char('\n'));
}

QString edgeLabelOf(const EdgeDiff& e)
{
    switch (e.status) {
    case DiffStatus::Added:
        return tr("new: %1").arg(countText(static_cast<std::int64_t>(e.callsAfter), u"call", u"calls"));
    case DiffStatus::Removed:
        return tr("gone: %1").arg(countText(static_cast<std::int64_t>(e.callsBefore), u"call", u"calls"));
    case DiffStatus::Same:
        return countText(static_cast<std::int64_t>(e.callsAfter), u"call", u"calls");
    case DiffStatus::Changed:
        break;
    }
    const QString calls = tr("%1 → %2 calls").arg(e.callsBefore).arg(e.callsAfter);
    const QString moved = movedFigures(e);
    return moved.isEmpty() ? calls : calls + QLatin1Char('\n') + moved;
}

QString edgeTooltip(const EdgeDiff& e)
{
    return tr("<b>%1 → %2</b> (%3)<table>"
              "<tr><td></td><td><i>before</i></td><td><i>after</i></td></tr>"
              "<tr><td>calls</td><td>%4</td><td>%5</td></tr>"
              "<tr><td>errors</td><td>%6 (%7)</td><td>%8 (%9)</td></tr>"
              "<tr><td>p95</td><td>%10</td><td>%11</td></tr></table>")
        .arg(toQString(e.from).toHtmlEscaped(), toQString(e.to).toHtmlEscaped(),
            QString::fromLatin1(diffStatusName(e.status)))
        .arg(e.callsBefore)
        .arg(e.callsAfter)
        .arg(e.errorsBefore)
        .arg(percent(e.errorsBefore, e.callsBefore))
        .arg(e.errorsAfter)
        .arg(percent(e.errorsAfter, e.callsAfter))
        .arg(p95Text(e.p95NsBefore), p95Text(e.p95NsAfter));
}

QString nodeTooltip(const ServiceDiff& s, const DependencyNode* before, const DependencyNode* after)
{
    QString text = QStringLiteral("<b>%1</b>%2<br>")
                       .arg(toQString(s.name).toHtmlEscaped(), s.isVirtual ? tr(" (uninstrumented peer)") : QString());
    if (s.status == DiffStatus::Added)
        return text + tr("only after the change");
    if (s.status == DiffStatus::Removed)
        return text + tr("only before the change");
    const auto figure = [](const DependencyNode* n) { return n->isVirtual ? n->entryCalls : n->spans; };
    return text +
        tr("%1: %2 → %3, errors %4 → %5")
            .arg(after->isVirtual ? tr("calls in") : tr("spans"))
            .arg(figure(before))
            .arg(figure(after))
            .arg(before->errors)
            .arg(after->errors);
}

} // namespace

QColor diffColour(DiffStatus status, DiffTrend trend)
{
    switch (status) {
    case DiffStatus::Added:
        return QColor(0x2e, 0x9d, 0x4f);
    case DiffStatus::Removed:
        return QColor(0x8a, 0x8f, 0x98);
    case DiffStatus::Same:
        return QColor(0x7b, 0x86, 0x99);
    case DiffStatus::Changed:
        break;
    }
    return trend == DiffTrend::Worse ? QColor(0xd9, 0x30, 0x25)
        : trend == DiffTrend::Better ? QColor(0x1a, 0x73, 0xe8)
                                     : QColor(0x9b, 0x59, 0xd0);
}

DiffMap buildDiffMap(
    MapDiff diff, const DependencyGraph& before, const DependencyGraph& after, const MapDiffThresholds& thresholds)
{
    auto graph = std::make_shared<DependencyGraph>();
    auto style = std::make_shared<GraphStyle>();
    std::map<std::string, std::uint32_t> index;
    for (const ServiceDiff& s : diff.services) {
        const auto beforeNode = before.findNode(s.name);
        const auto afterNode = after.findNode(s.name);
        const DependencyNode* b = beforeNode ? &before.nodes[*beforeNode] : nullptr;
        const DependencyNode* a = afterNode ? &after.nodes[*afterNode] : nullptr;
        DependencyNode node = a ? *a : *b;
        node.service = {}; // the two maps number services differently: no service colours
        index[s.name] = static_cast<std::uint32_t>(graph->nodes.size());
        graph->nodes.push_back(std::move(node));
        GraphStyle::Element element;
        if (s.status != DiffStatus::Same)
            element.colour = diffColour(s.status, DiffTrend::Neutral);
        element.pen = s.status == DiffStatus::Removed ? Qt::DotLine : Qt::SolidLine;
        element.tooltip = nodeTooltip(s, b, a);
        style->nodes.push_back(std::move(element));
    }
    std::uint64_t totalCalls = 0;
    for (const EdgeDiff& e : diff.edges)
        totalCalls += std::max(e.callsBefore, e.callsAfter);
    for (const EdgeDiff& e : diff.edges) {
        DependencyEdge edge;
        edge.from = index.at(e.from);
        edge.to = index.at(e.to);
        edge.isVirtual = e.isVirtual;
        const bool gone = e.status == DiffStatus::Removed;
        edge.calls = gone ? e.callsBefore : e.callsAfter;
        edge.errors = gone ? e.errorsBefore : e.errorsAfter;
        edge.p95Ns = (gone ? e.p95NsBefore : e.p95NsAfter).value_or(0);
        edge.shareOfCalls = totalCalls
            ? static_cast<double>(std::max(e.callsBefore, e.callsAfter)) / static_cast<double>(totalCalls)
            : 0;
        graph->edges.push_back(std::move(edge));
        GraphStyle::Element element;
        element.colour = diffColour(e.status, e.trend);
        element.pen = gone ? Qt::DotLine : e.isVirtual ? Qt::DashLine : Qt::SolidLine;
        element.tooltip = edgeTooltip(e);
        style->edges.push_back(std::move(element));
        style->edgeLabels.push_back(edgeLabelOf(e));
    }
    const auto legend = [&](DiffStatus status, DiffTrend trend, const QString& text, Qt::PenStyle pen) {
        style->legend.push_back({diffColour(status, trend), pen, text});
    };
    legend(DiffStatus::Added, DiffTrend::Neutral, tr("added: only after"), Qt::SolidLine);
    legend(DiffStatus::Removed, DiffTrend::Neutral, tr("removed: only before (dotted)"), Qt::DotLine);
    legend(DiffStatus::Changed, DiffTrend::Worse,
        tr("worse: error rate up > %1 points or p95 up > %2%")
            .arg(thresholds.errorRatePoints)
            .arg(thresholds.p95Percent),
        Qt::SolidLine);
    legend(DiffStatus::Changed, DiffTrend::Better, tr("better: error rate or p95 down past the same thresholds"),
        Qt::SolidLine);
    legend(DiffStatus::Changed, DiffTrend::Neutral,
        tr("calls changed by > %1%, nothing worse or better").arg(thresholds.callsPercent), Qt::SolidLine);
    legend(DiffStatus::Same, DiffTrend::Neutral, tr("unchanged"), Qt::SolidLine);
    legend(DiffStatus::Same, DiffTrend::Neutral, tr("to an uninstrumented peer"), Qt::DashLine);
    return {std::move(graph), std::move(style), std::move(diff)};
}

} // namespace Spanwise
