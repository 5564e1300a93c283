#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise check FILE... --rule 'RULE'... [--rules FILE] [--json] [--allow-empty]`: evaluates
// alert rules (model/rules.h) over the loaded spans, for CI pipelines and release gates. Prints
// each rule with its measured value and pass/FAIL. Exit codes (docs/cli.md): 0 every rule
// holds, 1 a rule fails, 2 a malformed rule or bad usage, 3 nothing could be loaded.
int runCheckCommand(const QStringList& arguments);

} // namespace Spanwise
