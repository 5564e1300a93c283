#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise diagnose FILE... [--json]`: clock skew per host, broken context propagation and
// anomalies (docs/analysis.md). Exit 0 whatever it finds (`check` is the gate), 2 on bad usage,
// 3 when nothing could be loaded.
int runDiagnoseCommand(const QStringList& arguments);

} // namespace Spanwise
