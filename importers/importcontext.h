#pragma once

#include "importreport.h"
#include "paddedbuffer.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace Spanwise {

class TraceSetBuilder;

// What an importer works with: the bytes, the builder it fills and the report it writes.
// Knows how to turn a byte offset into line/column, caps the kept messages, and carries
// progress and cancellation so importers need no extra plumbing.
class ImportContext
{
public:
    // Bytes of this reader's share read so far; called on the reader's thread.
    using ProgressFn = std::function<void(std::uint64_t bytesDone)>;
    // Gives back the memory of bytes no reader needs again (a mapped file's pages).
    using ReleaseFn = std::function<void(std::uint64_t from, std::uint64_t to)>;
    // The part of the file one reader answers for when parts are read on several threads
    // (parallelread.h): it reads the records that start in its share and only walks over the
    // others, and it gives the messages about its share alone.
    struct Share {
        std::uint64_t begin = 0;
        std::uint64_t end = UINT64_MAX;
    };

    // The bytes are padded (a PaddedBuffer's or a mapped file's): JSON readers hand parts of
    // them to simdjson, which may read SIMDJSON_PADDING bytes past the end of what it parses.
    ImportContext(PaddedView bytes, TraceSetBuilder& builder, ImportReport& report,
        const std::atomic<bool>* cancel = nullptr, ProgressFn progress = {});

    std::string_view bytes() const { return m_bytes; }
    TraceSetBuilder& builder() { return m_builder; }
    ImportReport& report() { return m_report; }

    const Share& share() const { return m_share; }
    void setShare(Share share) { m_share = share; }
    // Whether the record starting at offset is this reader's to read. A record or message past
    // the share is noted: a later reader that skipped ahead (below) must not miss it.
    bool owns(std::uint64_t offset) const
    {
        m_metLaterShare = m_metLaterShare || offset >= m_share.end;
        return offset >= m_share.begin && offset < m_share.end;
    }
    // Whether every record from offset on belongs to a later share.
    bool pastShare(std::uint64_t offset) const { return offset >= m_share.end; }

    // A reader of JSON Lines need not walk the earlier shares' lines: it may start at the first
    // line of its share (`topLevelStart`), which is exact when the reader before it stopped at
    // that very value (`topLevelExit`) and met nothing of a later share on the way
    // (`metLaterShare`): parallelread.cpp checks that, and reads the share again if not.
    std::uint64_t topLevelStart() const { return m_topLevelStart; }
    void setTopLevelStart(std::uint64_t offset) { m_topLevelStart = offset; }
    // Where the first top-level value past the share starts (the file's size when none does);
    // empty until the reader has stopped there, and after a cancel.
    std::optional<std::uint64_t> topLevelExit() const { return m_topLevelExit; }
    void setTopLevelExit(std::uint64_t offset) { m_topLevelExit = offset; }
    bool metLaterShare() const { return m_metLaterShare; }

    // While a reader is inside one record of the level shares divide (a trace, a resourceSpans,
    // a span), its messages belong to that record's owner; between records, to the share of
    // their place or of the walk's, whichever is later (a break found at the end of the file in
    // an array opened long before is the last share's). Either way, one reader gives each.
    class RecordScope
    {
    public:
        RecordScope(ImportContext& context, std::uint64_t recordOffset)
            : m_context(context)
            , m_saved(context.m_recordOwned)
        {
            context.m_recordOwned = context.owns(recordOffset) ? 1 : 0;
        }
        ~RecordScope() { m_context.m_recordOwned = m_saved; }
        RecordScope(const RecordScope&) = delete;
        RecordScope& operator=(const RecordScope&) = delete;

    private:
        ImportContext& m_context;
        std::int8_t m_saved;
    };

    void warn(std::uint64_t offset, std::string jsonPath, std::string text);
    void error(std::uint64_t offset, std::string jsonPath, std::string text);
    // True once the user asked to stop; importers check it between records.
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    // The structure has been walked up to offset (the end of a record or array element passed).
    // Every reader walks alike, so each knows, at each point of the walk, how far it is.
    void markWalked(std::uint64_t offset) { m_walkedTo = std::max(m_walkedTo, offset); }
    std::uint64_t walked() const { return m_walkedTo; }
    // True when the walk has passed this reader's share and is between records: nothing further
    // is this reader's (a message between records belongs to the share of the later of its
    // place and the walk's), so the walk stops there, as when cancelled.
    bool stopped() const { return cancelled() || (m_recordOwned < 0 && m_walkedTo >= m_share.end); }
    // The reader has read up to offset: progress is told, and the bytes well behind are released.
    void progress(std::uint64_t offset);
    void setRelease(ReleaseFn release) { m_release = std::move(release); }
    void setTextual(bool textual) { m_textual = textual; }
    const ProgressFn& progressFn() const { return m_progress; }
    void setProgress(ProgressFn progress) { m_progress = std::move(progress); }
    const std::atomic<bool>* cancelFlag() const { return m_cancel; }
    // How many threads may read this file (parallelread.h); 1 unless the loader says more.
    unsigned readers() const { return m_readers; }
    // The fewest bytes worth a reader of their own.
    std::size_t minShareBytes() const { return m_minShareBytes; }
    void setReaders(unsigned readers, std::size_t minShareBytes)
    {
        m_readers = std::max(1u, readers);
        m_minShareBytes = std::max<std::size_t>(1, minShareBytes);
    }
    // Where these bytes start in the file's text, when they are a segment of it (decompress.h):
    // messages give the file's offsets and lines. A segment starts at a line's start.
    void setOrigin(std::uint64_t offset, std::uint32_t line)
    {
        m_originOffset = offset;
        m_originLine = line;
    }
    // More of the file follows these bytes (a segment but the last): their end is not the file's.
    void setMoreFollows(bool more) { m_moreFollows = more; }
    bool moreFollows() const { return m_moreFollows; }
    // Reads like `other` (a share of its file, a segment of it): releases, readers, textual,
    // the inflation cap, origin and what follows. Not its share, progress or place in the walk.
    void takeSettingsOf(const ImportContext& other);
    // The most that compressed parts inside the file (zstd frames) may inflate to, in all;
    // the loader sets the resolved cap (never 0).
    void setMaxDecompressedBytes(std::uint64_t bytes) { m_maxDecompressedBytes = bytes; }
    std::uint64_t maxDecompressedBytes() const { return m_maxDecompressedBytes; }

private:
    bool mine(std::uint64_t messageOffset) const;
    void add(Severity severity, std::uint64_t offset, std::string jsonPath, std::string text);
    void locate(std::uint64_t offset, std::uint32_t& line, std::uint32_t& column);

    std::string_view m_bytes;
    TraceSetBuilder& m_builder;
    ImportReport& m_report;
    const std::atomic<bool>* m_cancel;
    ProgressFn m_progress;
    ReleaseFn m_release;
    Share m_share;
    std::uint64_t m_releasedTo = 0;
    std::uint64_t m_walkedTo = 0;
    std::uint64_t m_topLevelStart = 0;
    std::optional<std::uint64_t> m_topLevelExit;
    mutable bool m_metLaterShare = false;
    std::int8_t m_recordOwned = -1; // -1: between records; else whether the record is this share's
    bool m_textual = true;
    unsigned m_readers = 1;
    std::size_t m_minShareBytes = SIZE_MAX;
    std::uint64_t m_maxDecompressedBytes = 0;
    std::uint64_t m_originOffset = 0;
    std::uint32_t m_originLine = 1;
    bool m_moreFollows = false;
    // Line counting resumes from the last offset asked, since messages mostly come in order.
    std::uint64_t m_lineScanOffset = 0;
    std::uint32_t m_lineScanLine = 1;
    std::uint64_t m_lineScanLineStart = 0;
};

} // namespace Spanwise
