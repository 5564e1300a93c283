#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise waterfall FILE... [--trace ID] -o out.svg|out.png [--width N]`: draws one trace's
// waterfall to an image without a display. With one trace loaded, --trace may be left out.
// Returns 0 on success, 1 when loading or writing failed, 2 on wrong usage.
int runWaterfallCommand(const QStringList& arguments);

} // namespace Spanwise
