#pragma once

#include <simdjson.h>

#include <cassert>
#include <cstddef>
#include <memory>
#include <string_view>

namespace Spanwise {

// Bytes followed by SIMDJSON_PADDING zero bytes that are not part of them: simdjson's parser
// may read that far past the end of what it is given, so every buffer it parses lives here.
// Large buffers (a trace file) are mapped in huge pages where the system allows: a 200 MB file
// then costs a hundred page faults instead of fifty thousand, which was a sixth of a load's
// time. Room made by grow() is not cleared: the reader writes it.
class PaddedBuffer
{
public:
    static constexpr std::size_t padding = simdjson::SIMDJSON_PADDING;

    PaddedBuffer();
    explicit PaddedBuffer(std::string_view bytes);
    PaddedBuffer(const PaddedBuffer& other);
    PaddedBuffer& operator=(const PaddedBuffer& other);
    PaddedBuffer(PaddedBuffer&&) noexcept = default;
    PaddedBuffer& operator=(PaddedBuffer&&) noexcept = default;

    std::string_view view() const { return {m_data.get(), m_size}; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    // The bytes it holds room for before it must move them (the padding not counted).
    std::size_t capacity() const { return m_capacity; }

    void append(std::string_view bytes);
    // Room for `bytes` in all without moving them again.
    void reserve(std::size_t bytes);
    // Room for `count` more bytes at the end, to be filled in place (a file read, a
    // decompressor's output); commit() says how many were written.
    char* grow(std::size_t count);
    void commit(std::size_t written);
    // Keeps the first `count` bytes (at most size()); the room stays.
    void truncate(std::size_t count);

private:
    // Frees what allocate() gave: a mapping or the heap.
    // No member initialisers: they would keep it from being default-constructed inside this
    // class's definition (unique_ptr needs that).
    struct Release {
        void* base;
        std::size_t mappedBytes; // 0: from the heap
        void operator()(char* data) const;
    };

    // Replaces the storage by one of `capacity` bytes plus padding, keeping the bytes.
    void reallocate(std::size_t capacity);
    void clearPadding();

    std::unique_ptr<char, Release> m_data;
    std::size_t m_capacity = 0; // bytes before the padding
    std::size_t m_size = 0;
};

// Bytes followed by PaddedBuffer::padding readable bytes, whoever holds them: a PaddedBuffer,
// or a mapped file with zeroed room after it. What importers read.
class PaddedView
{
public:
    PaddedView(const PaddedBuffer& buffer)
        : m_view(buffer.view())
    { }
    // For storage that promises the padding itself (MappedFile).
    static PaddedView trusted(std::string_view bytes) { return PaddedView(bytes); }

    std::string_view view() const { return m_view; }
    std::size_t size() const { return m_view.size(); }
    bool empty() const { return m_view.empty(); }

private:
    explicit PaddedView(std::string_view bytes)
        : m_view(bytes)
    { }
    std::string_view m_view;
};

} // namespace Spanwise
