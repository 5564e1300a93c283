#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise flamegraph FILE... [--trace ID | --merged] -o out.svg|out.png [--width N]`: a
// trace's flame chart, or every trace merged by path (docs/cli.md). Exit 0 when written (a PNG
// too deep for its height limit keeps the top levels and says on stderr what was left out), 1
// when a file or the trace cannot be loaded or the image not written, 2 on bad usage.
int runFlameGraphCommand(const QStringList& arguments);

} // namespace Spanwise
