#pragma once

#include <simdjson.h>

#include <algorithm>
#include <cassert>
#include <string>
#include <string_view>

namespace Spanwise {

// Bytes followed by SIMDJSON_PADDING zero bytes that are not part of them: simdjson's parser
// may read that far past the end of what it is given, so every buffer it parses lives here.
class PaddedBuffer
{
public:
    static constexpr std::size_t padding = simdjson::SIMDJSON_PADDING;

    PaddedBuffer()
        : m_storage(padding, '\0')
    { }
    explicit PaddedBuffer(std::string_view bytes)
        : PaddedBuffer()
    {
        append(bytes);
    }

    std::string_view view() const { return {m_storage.data(), m_size}; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    void append(std::string_view bytes)
    {
        m_storage.reserve(m_size + bytes.size() + padding); // one allocation, not two
        m_storage.resize(m_size);
        m_storage.append(bytes);
        m_size += bytes.size();
        m_storage.resize(m_size + padding, '\0');
    }

    void reserve(std::size_t bytes) { m_storage.reserve(bytes + padding); }

    // Room for `count` more bytes at the end, to be filled in place (a file read, a
    // decompressor's output); commit() says how many were written.
    char* grow(std::size_t count)
    {
        m_storage.resize(m_size + count + padding, '\0');
        return m_storage.data() + m_size;
    }
    void commit(std::size_t written)
    {
        assert(m_size + written + padding <= m_storage.size());
        m_size += written;
        m_storage.resize(m_size + padding);
        std::fill(m_storage.begin() + static_cast<std::ptrdiff_t>(m_size), m_storage.end(), '\0');
    }

private:
    std::string m_storage; // m_size bytes, then the zeroed padding
    std::size_t m_size = 0;
};

} // namespace Spanwise
