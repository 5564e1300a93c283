#include "inflationfile.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace Spanwise {
namespace {

std::string folderFor(const std::string& directory)
{
    if (!directory.empty())
        return directory;
    if (const char* tmp = std::getenv("TMPDIR"); tmp && *tmp)
        return tmp;
    return "/var/tmp"; // on a disk where /tmp may be tmpfs
}

// On a disk (not in memory), with room for the text and a gigabyte or a tenth to spare.
bool worthWriting(const std::string& folder, std::uint64_t expectedBytes)
{
    struct statfs status {
    };
    if (::statfs(folder.c_str(), &status) != 0)
        return false;
    if (status.f_type == TMPFS_MAGIC || status.f_type == RAMFS_MAGIC)
        return false;
    const std::uint64_t free = static_cast<std::uint64_t>(status.f_bavail) * static_cast<std::uint64_t>(status.f_bsize);
    const std::uint64_t spare = std::max<std::uint64_t>(1ULL << 30, free / 10);
    return free > spare && free - spare > expectedBytes;
}

} // namespace

InflationFile::InflationFile(const std::string& directory, std::uint64_t expectedBytes)
{
    const std::string folder = folderFor(directory);
    if (worthWriting(folder, expectedBytes))
        m_fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
}

InflationFile::~InflationFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::string InflationFile::path() const
{
    return "/proc/self/fd/" + std::to_string(m_fd);
}

} // namespace Spanwise
