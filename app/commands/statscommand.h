#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise stats FILE... [--by operation|service|ATTRIBUTE] [--csv|--json]`: latency and
// error figures per group of spans, headless. Exit codes as for `summary`.
int runStatsCommand(const QStringList& arguments);

} // namespace Spanwise
