#pragma once

#include <cstddef>
#include <vector>

namespace Spanwise {

// Asks the kernel to back the whole 2 MiB pages inside [data, data + bytes) with huge pages.
// Filling the arrays of a large file's model otherwise costs one page fault per 4 KiB written,
// which was about a tenth of reading an OTLP JSON Lines file (docs/performance.md). Advice
// only: where the kernel declines, the arrays work as before.
void adviseHugePages(const void* data, std::size_t bytes);

// Room for `count` more items, backed by huge pages where the room is large.
template <typename T> void reserveMore(std::vector<T>& items, std::size_t count)
{
    items.reserve(items.size() + count);
    adviseHugePages(items.data(), items.capacity() * sizeof(T));
}

} // namespace Spanwise
