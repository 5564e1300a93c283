#include "importcontext.h"

#include <algorithm>

namespace Spanwise {

ImportContext::ImportContext(PaddedView bytes, TraceSetBuilder& builder, ImportReport& report,
    const std::atomic<bool>* cancel, ProgressFn progress)
    : m_bytes(bytes.view())
    , m_builder(builder)
    , m_report(report)
    , m_cancel(cancel)
    , m_progress(std::move(progress))
{ }

void ImportContext::progress(std::uint64_t offset)
{
    if (offset <= m_share.begin)
        return; // walking over an earlier share: its reader gives those pages back
    offset = std::min<std::uint64_t>(offset, m_bytes.size());
    if (m_progress)
        m_progress(std::min(offset, m_share.end) - m_share.begin);
    if (!m_release)
        return;
    // Pages past the share too: a reader walking over a later share would otherwise bring back
    // the pages that share's reader gave back, and keep them.
    // A little behind the reader, which sometimes looks back (a trace's processes after its
    // spans), and in steps of a few megabytes: each release makes the kernel flush the TLB of
    // every core the process runs on, which, page by page, cost more than the parse.
    constexpr std::uint64_t behind = 1u << 20;
    constexpr std::uint64_t step = 8u << 20;
    const std::uint64_t from = std::max(m_releasedTo, m_share.begin);
    if (offset < from + behind + step)
        return;
    m_release(from, offset - behind);
    m_releasedTo = offset - behind;
}

void ImportContext::takeSettingsOf(const ImportContext& other)
{
    m_release = other.m_release;
    m_textual = other.m_textual;
    m_readers = other.m_readers;
    m_minShareBytes = other.m_minShareBytes;
    m_maxDecompressedBytes = other.m_maxDecompressedBytes;
    m_originOffset = other.m_originOffset;
    m_originLine = other.m_originLine;
    m_moreFollows = other.m_moreFollows;
}

void ImportContext::warn(std::uint64_t offset, std::string jsonPath, std::string text)
{
    if (!mine(offset))
        return;
    ++m_report.warningCount;
    add(Severity::Warning, offset, std::move(jsonPath), std::move(text));
}

void ImportContext::error(std::uint64_t offset, std::string jsonPath, std::string text)
{
    if (!mine(offset))
        return;
    ++m_report.errorCount;
    add(Severity::Error, offset, std::move(jsonPath), std::move(text));
}

bool ImportContext::mine(std::uint64_t offset) const
{
    return m_recordOwned < 0 ? owns(std::max(offset, m_walkedTo)) : m_recordOwned == 1;
}

void ImportContext::add(Severity severity, std::uint64_t offset, std::string jsonPath, std::string text)
{
    if (!m_report.roomForMessage())
        return;
    ImportMessage message {severity, m_originOffset + offset, 0, 0, std::move(jsonPath), std::move(text)};
    if (m_textual) {
        locate(offset, message.line, message.column);
        message.line += m_originLine - 1;
    }
    m_report.messages.push_back(std::move(message));
}

void ImportContext::locate(std::uint64_t offset, std::uint32_t& line, std::uint32_t& column)
{
    offset = std::min<std::uint64_t>(offset, m_bytes.size());
    if (offset < m_lineScanOffset) {
        m_lineScanOffset = 0;
        m_lineScanLine = 1;
        m_lineScanLineStart = 0;
    }
    for (std::uint64_t i = m_lineScanOffset; i < offset; ++i) {
        if (m_bytes[i] == '\n') {
            ++m_lineScanLine;
            m_lineScanLineStart = i + 1;
        }
    }
    m_lineScanOffset = offset;
    line = m_lineScanLine;
    column = static_cast<std::uint32_t>(offset - m_lineScanLineStart + 1);
}

} // namespace Spanwise
