#include "comparecommand.h"

#include "calltree.h"
#include "command.h"
#include "formatting.h"
#include "tracecomparison.h"
#include "traceset.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace Spanwise {
namespace {

// One side of the comparison: a trace of the files given, or of a file of its own (PATH:ID).
struct Side {
    QString path; // empty: the files given on the command line
    QString traceId;
    std::shared_ptr<const TraceSet> set;
    TraceIndex trace;
};

// "PATH:ID" names a file when the part before the last colon is one; trace ids hold no colon.
Side parseSide(const QString& text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && QFileInfo(text.left(colon)).isFile())
        return {text.left(colon), text.mid(colon + 1), {}, {}};
    return {{}, text, {}, {}};
}

QJsonDocument comparisonJson(const TraceComparison& comparison)
{
    QJsonArray nodes;
    for (const std::uint32_t index : comparison.byChange) {
        const ComparedNode& node = comparison.nodes[index];
        QJsonArray path;
        for (const std::uint32_t step : comparison.pathTo(index))
            path.append(QJsonObject {{QStringLiteral("service"), toQString(comparison.nodes[step].service)},
                {QStringLiteral("operation"), toQString(comparison.nodes[step].operation)}});
        nodes.append(QJsonObject {{QStringLiteral("path"), path},
            {QStringLiteral("status"), toQString(nodeChangeName(node.status))},
            {QStringLiteral("countA"), qint64(node.countA)}, {QStringLiteral("countB"), qint64(node.countB)},
            {QStringLiteral("totalNsA"), qint64(node.totalNsA)}, {QStringLiteral("totalNsB"), qint64(node.totalNsB)},
            {QStringLiteral("selfNsA"), qint64(node.selfNsA)}, {QStringLiteral("selfNsB"), qint64(node.selfNsB)}});
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("added"), qint64(comparison.added)},
        {QStringLiteral("removed"), qint64(comparison.removed)},
        {QStringLiteral("changed"), qint64(comparison.changed)}, {QStringLiteral("nodes"), nodes}});
}

// The merged tree, one node a line, indented by depth, the largest regression first among
// siblings: "~ cart: load  count 1 → 1  total 40.0 ms → 90.0 ms (+50.0 ms)  self …".
void printTree(QTextStream& out, const TraceComparison& comparison)
{
    static constexpr char markers[] = {' ', '+', '-', '~'}; // by NodeChange
    std::vector<std::uint32_t> stack(comparison.nodes[0].children.rbegin(), comparison.nodes[0].children.rend());
    while (!stack.empty()) {
        const std::uint32_t index = stack.back();
        stack.pop_back();
        const ComparedNode& node = comparison.nodes[index];
        out << markers[static_cast<int>(node.status)] << ' ' << QString(2 * (node.depth - 1), QLatin1Char(' '))
            << toQString(node.service) << ": " << toQString(node.operation) << "  count " << node.countA << " → "
            << node.countB << "  total " << formatDuration(node.totalNsA) << " → " << formatDuration(node.totalNsB)
            << " (" << formatDurationChange(node.totalNsB - node.totalNsA) << ")  self " << formatDuration(node.selfNsA)
            << " → " << formatDuration(node.selfNsB) << '\n';
        stack.insert(stack.end(), node.children.rbegin(), node.children.rend());
    }
}

} // namespace

int runCompareCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("compare"),
        QStringLiteral("Compare two traces by the path of service and operation from the root."),
        QStringLiteral("FILE... --trace A --against B [--json]"));
    const QCommandLineOption traceOption(QStringLiteral("trace"),
        QStringLiteral("The baseline: a trace id of the files, or PATH:ID for a trace of that file alone."),
        QStringLiteral("A"));
    const QCommandLineOption againstOption(QStringLiteral("against"),
        QStringLiteral("The trace compared with it: an id, or PATH:ID."), QStringLiteral("B"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption percentOption(QStringLiteral("min-change-percent"),
        QStringLiteral("A node's total time must move by more than this share to count as changed (default 10)."),
        QStringLiteral("P"), QStringLiteral("10"));
    const QCommandLineOption msOption(QStringLiteral("min-change-ms"),
        QStringLiteral("... and by more than this many milliseconds (default 1)."), QStringLiteral("MS"),
        QStringLiteral("1"));
    for (const QCommandLineOption* option : {&traceOption, &againstOption, &jsonOption, &percentOption, &msOption})
        command.parser().addOption(*option);
    if (const auto stop = command.parse(arguments))
        return *stop;
    if (!command.parser().isSet(traceOption) || !command.parser().isSet(againstOption))
        return command.usageError(QStringLiteral("give the two traces with --trace A and --against B"));
    bool percentOk = false, msOk = false;
    CompareThresholds thresholds;
    thresholds.minChangePercent = command.parser().value(percentOption).toDouble(&percentOk);
    const double changeMs = command.parser().value(msOption).toDouble(&msOk);
    if (!percentOk || thresholds.minChangePercent < 0 || !msOk || changeMs < 0)
        return command.usageError(QStringLiteral("--min-change-percent and --min-change-ms take numbers of 0 or more"));
    thresholds.minChangeNs = static_cast<std::int64_t>(changeMs * 1e6);

    Side sides[2] = {parseSide(command.parser().value(traceOption)), parseSide(command.parser().value(againstOption))};
    const bool needFiles = sides[0].path.isEmpty() || sides[1].path.isEmpty();
    if (needFiles && command.files().isEmpty())
        return command.usageError(QStringLiteral("no trace file given (or give both traces as PATH:ID)"));
    std::shared_ptr<const TraceSet> loaded;
    if (needFiles) {
        loaded = command.load().traces;
        if (!loaded || loaded->spans().empty())
            return command.failure(QStringLiteral("nothing could be loaded"));
    }
    for (Side& side : sides) {
        if (side.path.isEmpty()) {
            side.set = loaded;
        } else {
            // Each PATH:ID side is loaded by itself, so one trace id captured twice compares.
            side.set = loadForCommand({side.path}, command.err()).traces;
            if (!side.set || side.set->spans().empty())
                return command.failure(QStringLiteral("nothing could be loaded from %1").arg(side.path));
        }
        const auto trace = command.findTrace(*side.set, side.traceId);
        if (!trace)
            return ExitInputFailed;
        side.trace = *trace;
    }

    const TraceComparison comparison = compareCallTrees(buildCallTree(*sides[0].set, {&sides[0].trace, 1}),
        buildCallTree(*sides[1].set, {&sides[1].trace, 1}), thresholds);
    QTextStream out(stdout);
    if (command.parser().isSet(jsonOption)) {
        out << comparisonJson(comparison).toJson(QJsonDocument::Indented);
        return ExitDone;
    }
    out << "A: trace " << sides[0].traceId
        << (sides[0].path.isEmpty() ? QString() : QStringLiteral(" of ") + sides[0].path) << "\nB: trace "
        << sides[1].traceId << (sides[1].path.isEmpty() ? QString() : QStringLiteral(" of ") + sides[1].path) << '\n'
        << comparison.added << " added (+), " << comparison.removed << " removed (-), " << comparison.changed
        << " changed (~)\n";
    printTree(out, comparison);
    return ExitDone;
}

} // namespace Spanwise
