#include "servicecolors.h"

#include "formatting.h"
#include "traceset.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace Spanwise {
namespace {

// Mid lightness on white: distinct hues first, then their lighter and darker partners; none is
// the error red.
constexpr std::array<QRgb, distinctServiceColors> lightPalette = {0x4e79a7, 0xf28e2b, 0x59a14f, 0xb07aa1, 0x76b7b2,
    0xedc948, 0x9c755f, 0xff9da7, 0x2f4b7c, 0x8cd17d, 0xd37295, 0xa0cbe8, 0xb6992d, 0x499894, 0xffbe7d, 0x86bcb6,
    0x7b4fa0, 0xd4a6c8, 0x79706e, 0x1f7a4d};
// The same hues brighter and a little less saturated, legible on dark grey.
constexpr std::array<QRgb, distinctServiceColors> darkPalette = {0x6f9fd8, 0xffa650, 0x7cc46f, 0xcf9cc2, 0x8fd3cd,
    0xf5d55a, 0xc39a80, 0xffb3bb, 0x7d96d1, 0xa6e596, 0xe690ae, 0xb9dcf5, 0xd9be57, 0x63bab5, 0xffcf9c, 0xa3d6d0,
    0xa98be0, 0xe4c1dc, 0xb0a8a5, 0x48c28a};

QColor extraColor(std::size_t n, bool dark)
{
    // The golden angle spreads any number of hues evenly; lightness alternates for contrast.
    const double hue = std::fmod(0.1 + static_cast<double>(n) * 0.381966, 1.0);
    const double lightness = (dark ? 0.66 : 0.48) + ((n % 2) ? 0.08 : -0.04);
    return QColor::fromHslF(static_cast<float>(hue), 0.55f, static_cast<float>(lightness));
}

} // namespace

std::vector<QColor> assignServiceColors(const std::vector<QString>& names, bool dark)
{
    std::vector<std::size_t> order(names.size());
    std::iota(order.begin(), order.end(), std::size_t {0});
    // By name, then by index for equal names: no dependence on load order.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
    const auto& palette = dark ? darkPalette : lightPalette;
    std::vector<QColor> colors(names.size());
    for (std::size_t rank = 0; rank < order.size(); ++rank)
        colors[order[rank]] =
            rank < palette.size() ? QColor::fromRgb(palette[rank]) : extraColor(rank - palette.size(), dark);
    return colors;
}

ServicePalettes assignServicePalettes(const std::vector<QString>& names)
{
    return {assignServiceColors(names, false), assignServiceColors(names, true)};
}

ServicePalettes servicePalettesOf(const TraceSet& set)
{
    std::vector<QString> names;
    names.reserve(set.serviceNames().size());
    for (const StringId name : set.serviceNames())
        names.push_back(toQString(set.text(name)));
    return assignServicePalettes(names);
}

} // namespace Spanwise
