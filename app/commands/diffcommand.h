#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise diff --before FILE [--before FILE...] --after FILE [--after FILE...] [-o diff.svg|png|dot]
// [--json] [--calls-threshold P] [--error-rate-threshold POINTS] [--p95-threshold P]`: the
// dependency maps of two sets of trace files compared (docs/cli.md): services and edges added,
// removed or changed. Exit 0 whatever the difference, 1 when a file cannot be loaded or the
// drawing cannot be written, 2 on bad usage.
int runDiffCommand(const QStringList& arguments);

} // namespace Spanwise
