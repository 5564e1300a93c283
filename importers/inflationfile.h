#pragma once

#include <cstdint>
#include <string>

namespace Spanwise {

// A temporary file, with no name, for a compressed file's text inflated whole: mapped once
// written, its pages are the system's cache, read and given back behind the reader as a
// plain file's are, so the text is never held in the process's own memory.
class InflationFile
{
public:
    // A file in `directory` (empty: $TMPDIR, else /var/tmp) when it lies on a disk with room
    // for `expectedBytes` and a margin; else none (valid() is false): a folder held in memory
    // (tmpfs) would gain nothing, and a full disk would fail part way.
    InflationFile(const std::string& directory, std::uint64_t expectedBytes);
    InflationFile(const InflationFile&) = delete;
    InflationFile& operator=(const InflationFile&) = delete;
    ~InflationFile();

    bool valid() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    // A name that opens the file (it has none in the folder).
    std::string path() const;

private:
    int m_fd = -1;
};

} // namespace Spanwise
