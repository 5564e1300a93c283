#include "paddedbuffer.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#include <sys/mman.h>

namespace Spanwise {
namespace {

constexpr std::size_t hugePage = 2u << 20;
// Below this the heap is as fast, and huge pages would waste most of one.
constexpr std::size_t mapFrom = 8u << 20;

} // namespace

void PaddedBuffer::Release::operator()(char*) const
{
    if (mappedBytes)
        ::munmap(base, mappedBytes);
    else
        std::free(base);
}

PaddedBuffer::PaddedBuffer()
{
    reallocate(0);
}

PaddedBuffer::PaddedBuffer(std::string_view bytes)
{
    reallocate(bytes.size());
    append(bytes);
}

PaddedBuffer::PaddedBuffer(const PaddedBuffer& other)
    : PaddedBuffer(other.view())
{ }

PaddedBuffer& PaddedBuffer::operator=(const PaddedBuffer& other)
{
    if (this != &other)
        *this = PaddedBuffer(other.view());
    return *this;
}

void PaddedBuffer::reallocate(std::size_t capacity)
{
    const std::size_t bytes = capacity + padding;
    Release release {nullptr, 0};
    char* data = nullptr;
    if (bytes >= mapFrom) {
        // One huge page more than asked, to start the bytes on a huge-page boundary.
        const std::size_t mapped = bytes + hugePage;
        void* base = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (base != MAP_FAILED) {
            const auto address = reinterpret_cast<std::uintptr_t>(base);
            data = reinterpret_cast<char*>((address + hugePage - 1) & ~(hugePage - 1));
            ::madvise(data, bytes, MADV_HUGEPAGE); // a hint: without it, ordinary pages
            release = {base, mapped};
        }
    }
    if (!data) {
        data = static_cast<char*>(std::malloc(bytes));
        if (!data)
            throw std::bad_alloc();
        release = {data, 0};
    }
    if (m_size)
        std::memcpy(data, m_data.get(), m_size);
    m_data = std::unique_ptr<char, Release>(data, release);
    m_capacity = capacity;
    clearPadding();
}

void PaddedBuffer::clearPadding()
{
    std::memset(m_data.get() + m_size, 0, padding);
}

void PaddedBuffer::reserve(std::size_t bytes)
{
    if (bytes > m_capacity)
        reallocate(bytes);
}

char* PaddedBuffer::grow(std::size_t count)
{
    if (m_size + count > m_capacity)
        reallocate(std::max(m_size + count, m_capacity + m_capacity / 2));
    return m_data.get() + m_size;
}

void PaddedBuffer::commit(std::size_t written)
{
    assert(m_size + written <= m_capacity);
    m_size += written;
    clearPadding();
}

void PaddedBuffer::truncate(std::size_t count)
{
    if (count >= m_size)
        return;
    m_size = count;
    clearPadding();
}

void PaddedBuffer::append(std::string_view bytes)
{
    if (bytes.empty())
        return; // memcpy takes no null pointer, even for nothing
    std::memcpy(grow(bytes.size()), bytes.data(), bytes.size());
    commit(bytes.size());
}

} // namespace Spanwise
