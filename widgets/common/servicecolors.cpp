#include "servicecolors.h"

#include <array>

namespace Spanwise {

QColor serviceColor(const QString& serviceName)
{
    // Tableau-20-like hues, mid lightness: distinct from each other and from error red.
    static constexpr std::array<QRgb, 16> palette = {
        0x4e79a7,
        0xf28e2b,
        0x59a14f,
        0xb07aa1,
        0x76b7b2,
        0xedc948,
        0xff9da7,
        0x9c755f,
        0x86bcb6,
        0x8cd17d,
        0xa0cbe8,
        0xffbe7d,
        0xd4a6c8,
        0x499894,
        0xf1ce63,
        0x79706e,
    };
    // FNV-1a over UTF-16: stable across runs and platforms, unlike qHash's seeded hash.
    std::uint32_t hash = 2166136261u;
    for (const QChar c : serviceName) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return QColor::fromRgb(palette[hash % palette.size()]);
}

} // namespace Spanwise
