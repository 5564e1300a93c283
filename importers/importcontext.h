#pragma once

#include "importreport.h"
#include "paddedbuffer.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>

namespace Spanwise {

class TraceSetBuilder;

// What an importer works with: the bytes, the builder it fills and the report it writes.
// Knows how to turn a byte offset into line/column, caps the kept messages, and carries
// progress and cancellation so importers need no extra plumbing.
class ImportContext
{
public:
    using ProgressFn = std::function<void(std::uint64_t bytesDone)>;

    // The bytes are padded (a PaddedBuffer's or a mapped file's): JSON readers hand parts of
    // them to simdjson, which may read SIMDJSON_PADDING bytes past the end of what it parses.
    ImportContext(PaddedView bytes, TraceSetBuilder& builder, ImportReport& report,
        const std::atomic<bool>* cancel = nullptr, ProgressFn progress = {});

    std::string_view bytes() const { return m_bytes; }
    TraceSetBuilder& builder() { return m_builder; }
    ImportReport& report() { return m_report; }

    void warn(std::uint64_t offset, std::string jsonPath, std::string text);
    void error(std::uint64_t offset, std::string jsonPath, std::string text);
    // True once the user asked to stop; importers check it between records.
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void progress(std::uint64_t offset) const
    {
        if (m_progress)
            m_progress(offset);
    }
    void setTextual(bool textual) { m_textual = textual; }
    // The most that compressed parts inside the file (zstd frames) may inflate to, in all;
    // the loader sets the resolved cap (never 0).
    void setMaxDecompressedBytes(std::uint64_t bytes) { m_maxDecompressedBytes = bytes; }
    std::uint64_t maxDecompressedBytes() const { return m_maxDecompressedBytes; }

    static constexpr std::size_t maxKeptMessages = 500;

private:
    void add(Severity severity, std::uint64_t offset, std::string jsonPath, std::string text);
    void locate(std::uint64_t offset, std::uint32_t& line, std::uint32_t& column);

    std::string_view m_bytes;
    TraceSetBuilder& m_builder;
    ImportReport& m_report;
    const std::atomic<bool>* m_cancel;
    ProgressFn m_progress;
    bool m_textual = true;
    std::uint64_t m_maxDecompressedBytes = 0;
    // Line counting resumes from the last offset asked, since messages mostly come in order.
    std::uint64_t m_lineScanOffset = 0;
    std::uint32_t m_lineScanLine = 1;
    std::uint64_t m_lineScanLineStart = 0;
};

} // namespace Spanwise
