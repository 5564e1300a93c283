#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace Spanwise {

struct DependencyGraph;

// When an edge present on both maps counts as changed (docs/map-diff.md). The legend's worse and
// better use the same thresholds.
struct MapDiffThresholds {
    double callsPercent = 10;   // calls change by more than this share of the calls before
    double errorRatePoints = 1; // the error rate moves by more than this many percentage points
    double p95Percent = 20;     // the p95 changes by more than this share of the p95 before
};

enum class DiffStatus { Same, Added, Removed, Changed };
// Which way a changed edge went: worse when its error rate or p95 rose past a threshold, better
// when one fell past it and neither rose, neutral when only the call volume moved.
enum class DiffTrend { Neutral, Worse, Better };

struct ServiceDiff {
    std::string name;
    bool isVirtual = false;
    DiffStatus status = DiffStatus::Same;
};

struct EdgeDiff {
    std::string from, to;
    bool isVirtual = false;
    DiffStatus status = DiffStatus::Same;
    DiffTrend trend = DiffTrend::Neutral;
    // Which figures moved past their thresholds (set for an edge on both maps).
    bool errorRateMoved = false;
    bool p95Moved = false;
    std::uint64_t callsBefore = 0, callsAfter = 0;
    std::uint64_t errorsBefore = 0, errorsAfter = 0;
    std::optional<std::int64_t> p95NsBefore, p95NsAfter; // none where there are no calls
};

// Services and edges of two dependency maps matched by name: what was added, removed or changed.
// Sorted by name, as the maps are.
struct MapDiff {
    std::vector<ServiceDiff> services;
    std::vector<EdgeDiff> edges;
};

MapDiff diffDependencyGraphs(
    const DependencyGraph& before, const DependencyGraph& after, const MapDiffThresholds& thresholds = {});

const char* diffStatusName(DiffStatus status); // "same", "added", "removed", "changed"

} // namespace Spanwise
