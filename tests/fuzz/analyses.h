#pragma once

namespace Spanwise {
class TraceSet;
}

namespace Spanwise::Fuzz {

// Runs every analysis the window and the subcommands run after a load (trace index, self
// time, critical path, dependency graph, statistics, waterfall rows and ruler ticks), so a
// fuzzer reaches them with whatever an importer let through.
void runAnalyses(const TraceSet& set);

} // namespace Spanwise::Fuzz
