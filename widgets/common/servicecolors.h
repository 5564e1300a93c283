#pragma once

#include <QColor>
#include <QString>

namespace Spanwise {

// A service's colour, the same in every view and every run: derived from a hash of the name
// (never from load order), picked from a palette that stays legible on white.
QColor serviceColor(const QString& serviceName);

} // namespace Spanwise
