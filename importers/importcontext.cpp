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

void ImportContext::warn(std::uint64_t offset, std::string jsonPath, std::string text)
{
    ++m_report.warningCount;
    add(Severity::Warning, offset, std::move(jsonPath), std::move(text));
}

void ImportContext::error(std::uint64_t offset, std::string jsonPath, std::string text)
{
    ++m_report.errorCount;
    add(Severity::Error, offset, std::move(jsonPath), std::move(text));
}

void ImportContext::add(Severity severity, std::uint64_t offset, std::string jsonPath, std::string text)
{
    if (m_report.messages.size() >= maxKeptMessages) {
        ++m_report.messagesDropped;
        return;
    }
    ImportMessage message {severity, offset, 0, 0, std::move(jsonPath), std::move(text)};
    if (m_textual)
        locate(offset, message.line, message.column);
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
