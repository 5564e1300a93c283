#pragma once

#include <QColor>
#include <QString>

#include <array>
#include <vector>

namespace Spanwise {

class TraceSet;

// Service colours for one loaded set: the names sorted, then the n-th name gets the n-th colour
// of a designed palette, so no two services share a colour up to the palette's size (20) and the
// same data gets the same colours in every run and every view. Past 20, further hues are spread
// by the golden angle. `dark` picks the palette tuned for the dark theme.
std::vector<QColor> assignServiceColors(const std::vector<QString>& names, bool dark);

// Both palettes of one set's services, by ServiceId: [0] for the light theme, [1] the dark.
using ServicePalettes = std::array<std::vector<QColor>, 2>;
ServicePalettes assignServicePalettes(const std::vector<QString>& names);
// The same for a loaded set's services (its service names, by ServiceId).
ServicePalettes servicePalettesOf(const TraceSet& set);

// How many services get a colour of their own from the designed palette.
constexpr std::size_t distinctServiceColors = 20;

} // namespace Spanwise
