#pragma once

#include "paddedbuffer.h"

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace Spanwise {

// A regular file mapped read-only, followed by zeroed room for simdjson's padding: read without
// copying it into memory (a copy costs its size in fresh pages, which the system must clear).
// Pages already read can be given back as the reader moves on; the system reads them from the
// file again should they be looked at.
//
// A file cut short while it is mapped would kill the process with SIGBUS at the next read of a
// lost page. A guard maps zeros there instead and remembers it: the reader then sees damaged
// text and says where, and wasCutShort() tells the loader to name the cause.
class MappedFile
{
public:
    // The file mapped, or why not: it is not a non-empty regular file, or cannot be mapped (the
    // caller can still read it into a PaddedBuffer, which says what is wrong with it).
    static std::expected<MappedFile, std::string> open(const std::string& path);

    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&&) = delete;
    MappedFile(const MappedFile&) = delete;
    ~MappedFile();

    std::string_view view() const { return {m_data, m_size}; }
    PaddedView padded() const { return PaddedView::trusted(view()); }
    // Gives back the whole pages between the offsets (they read the same again, from the
    // file). Safe from several threads at once: it keeps no state.
    void release(std::uint64_t from, std::uint64_t to) const;
    // Whether the file lost bytes while it was mapped (they read as zeros).
    bool wasCutShort() const;

private:
    MappedFile(char* data, std::size_t size, std::size_t mappedBytes, int guardSlot);

    char* m_data;
    std::size_t m_size;
    std::size_t m_mappedBytes;
    int m_guardSlot; // -1: not guarded (moved from)
};

} // namespace Spanwise
