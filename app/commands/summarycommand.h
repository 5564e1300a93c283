#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise summary [--json] FILE...`: loads the files headless and prints what they hold.
// Returns the process exit code: 0 all files loaded (warnings allowed), 1 a file could not be
// loaded at all, 2 wrong usage.
int runSummaryCommand(const QStringList& arguments);

} // namespace Spanwise
