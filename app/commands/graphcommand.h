#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise graph FILE... -o deps.svg|deps.png|deps.dot [--focus SERVICE --depth N]
// [--trace ID] [--no-virtual] [--fold-mesh] [--top-to-bottom]`: the service dependency map,
// headless. Returns 0 on success, 1 when loading or writing failed, 2 on wrong usage.
int runGraphCommand(const QStringList& arguments);

} // namespace Spanwise
