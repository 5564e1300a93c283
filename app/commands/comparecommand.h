#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise compare FILE... --trace A --against B [--json] [--min-change-percent P]
// [--min-change-ms MS]`: two traces merged by their path of service+operation from the root,
// with what was added, removed or changed (docs/cli.md). A and B are trace ids of the loaded
// files, or PATH:ID to take a trace from that file alone. Exit 0 whatever the difference, 1 when
// a trace is not found or a file cannot be loaded, 2 on bad usage.
int runCompareCommand(const QStringList& arguments);

} // namespace Spanwise
