#include "mappedfile.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Spanwise {
namespace {

// The mapped ranges the SIGBUS guard answers for. Lock-free: the signal handler reads them.
struct GuardSlot {
    std::atomic<std::uintptr_t> begin {0};
    std::atomic<std::uintptr_t> end {0};
    std::atomic<bool> cut {false};
    std::atomic<bool> taken {false};
};
constexpr int guardSlotCount = 64;
GuardSlot guardSlots[guardSlotCount];
std::size_t pageBytes = 4096;
struct sigaction previousSigbus {
};

void onSigbus(int signal, siginfo_t* info, void* context)
{
    const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
    for (GuardSlot& slot : guardSlots) {
        if (address < slot.begin.load(std::memory_order_acquire) || address >= slot.end.load(std::memory_order_acquire))
            continue;
        // The file lost this page: zeros in its place, and the faulting read runs again.
        void* page = reinterpret_cast<void*>(address & ~(pageBytes - 1));
        if (::mmap(page, pageBytes, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
            slot.cut.store(true, std::memory_order_release);
            return;
        }
    }
    // Not a mapped trace file: whatever was there before answers, or the default (the process ends).
    if ((previousSigbus.sa_flags & SA_SIGINFO) && previousSigbus.sa_sigaction) {
        previousSigbus.sa_sigaction(signal, info, context);
    } else if (previousSigbus.sa_handler != SIG_DFL && previousSigbus.sa_handler != SIG_IGN) {
        previousSigbus.sa_handler(signal);
    } else {
        struct sigaction fallback {
        };
        fallback.sa_handler = SIG_DFL;
        ::sigaction(SIGBUS, &fallback, nullptr); // the read runs again and ends the process
    }
}

void installGuard()
{
    static std::once_flag once;
    std::call_once(once, [] {
        pageBytes = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        struct sigaction action {
        };
        action.sa_sigaction = onSigbus;
        action.sa_flags = SA_SIGINFO;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGBUS, &action, &previousSigbus);
    });
}

int takeGuardSlot(const char* begin, std::size_t bytes)
{
    for (int i = 0; i < guardSlotCount; ++i) {
        bool expected = false;
        if (guardSlots[i].taken.compare_exchange_strong(expected, true)) {
            guardSlots[i].cut.store(false);
            guardSlots[i].begin.store(reinterpret_cast<std::uintptr_t>(begin), std::memory_order_release);
            guardSlots[i].end.store(reinterpret_cast<std::uintptr_t>(begin + bytes), std::memory_order_release);
            return i;
        }
    }
    return -1;
}

} // namespace

std::expected<MappedFile, std::string> MappedFile::open(const std::string& path)
{
    installGuard();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::unexpected(std::string("cannot open the file: ") + std::strerror(errno));
    // The size and kind of what was opened, not of what a name meant a moment before.
    struct stat status {
    };
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) || status.st_size <= 0 ||
        static_cast<std::uint64_t>(status.st_size) > SIZE_MAX / 2) {
        ::close(fd);
        return std::unexpected(std::string("not a non-empty regular file"));
    }
    // Zeroed room first (the file's pages, then the padding), then the file over its start.
    const std::size_t bytes = static_cast<std::size_t>(status.st_size);
    const std::size_t mapped = (bytes + PaddedBuffer::padding + pageBytes - 1) / pageBytes * pageBytes;
    void* room = ::mmap(nullptr, mapped, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (room == MAP_FAILED) {
        ::close(fd);
        return std::unexpected(std::string("cannot map the file: ") + std::strerror(errno));
    }
    void* file = ::mmap(room, bytes, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
    const int mapError = errno;
    ::close(fd);
    if (file == MAP_FAILED) {
        ::munmap(room, mapped);
        return std::unexpected(std::string("cannot map the file: ") + std::strerror(mapError));
    }
    ::madvise(file, bytes, MADV_SEQUENTIAL);
    const int slot = takeGuardSlot(static_cast<char*>(room), mapped);
    if (slot < 0) {
        ::munmap(room, mapped);
        return std::unexpected(std::string("too many files mapped at once"));
    }
    return MappedFile(static_cast<char*>(room), bytes, mapped, slot);
}

MappedFile::MappedFile(char* data, std::size_t size, std::size_t mappedBytes, int guardSlot)
    : m_data(data)
    , m_size(size)
    , m_mappedBytes(mappedBytes)
    , m_guardSlot(guardSlot)
{ }

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(other.m_data)
    , m_size(other.m_size)
    , m_mappedBytes(other.m_mappedBytes)
    , m_guardSlot(std::exchange(other.m_guardSlot, -1))
{ }

MappedFile::~MappedFile()
{
    if (m_guardSlot < 0)
        return;
    // The guard forgets the range before it is unmapped, so it never answers for another's pages.
    GuardSlot& slot = guardSlots[m_guardSlot];
    slot.begin.store(0, std::memory_order_release);
    slot.end.store(0, std::memory_order_release);
    ::munmap(m_data, m_mappedBytes);
    slot.taken.store(false);
}

void MappedFile::release(std::uint64_t from, std::uint64_t to) const
{
    to = std::min<std::uint64_t>(to, m_size);
    const std::uint64_t first = (from + pageBytes - 1) / pageBytes * pageBytes;
    const std::uint64_t last = to / pageBytes * pageBytes;
    if (first < last)
        ::madvise(m_data + first, last - first, MADV_DONTNEED);
}

bool MappedFile::wasCutShort() const
{
    return m_guardSlot >= 0 && guardSlots[m_guardSlot].cut.load(std::memory_order_acquire);
}

} // namespace Spanwise
