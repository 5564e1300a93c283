#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise impact FILE... --service NAME [--json]` or `--edge FROM,TO`: the blast radius of a
// service or edge of the dependency map, counted trace by trace (docs/cli.md): the services
// upstream that depend on it, those downstream it depends on, and the entry points (root service
// and operation) whose traces pass through it. Exit 0, 1 when a file cannot be loaded or the
// service or edge is not on the map, 2 on bad usage.
int runImpactCommand(const QStringList& arguments);

} // namespace Spanwise
