#include "jsonbrokenwalk.h"

#include <algorithm>
#include <cassert>

namespace Spanwise {

JsonBrokenWalkRecorder::JsonBrokenWalkRecorder(std::size_t begin)
{
    m_walk.m_begin = begin;
}

JsonBrokenWalk JsonBrokenWalkRecorder::finish(std::size_t stop, ScanError error, bool toldAtValueStart)
{
    m_walk.m_stop = stop;
    m_walk.m_error = std::move(error);
    m_walk.m_toldAtValueStart = toldAtValueStart;
    // Each checkpoint's lowest depth from its own bytes on to the break.
    auto& checkpoints = m_walk.m_checkpoints;
    for (std::size_t i = checkpoints.size(); i-- > 1;)
        checkpoints[i - 1].lowestAfter = std::min(checkpoints[i - 1].lowestAfter, checkpoints[i].lowestAfter);
    return std::move(m_walk);
}

std::optional<ScanError> JsonBrokenWalk::breakOf(std::string_view text, std::size_t q) const
{
    if (!covers(q) || (text[q] != '{' && text[q] != '['))
        return std::nullopt;
    const std::size_t index = (q - m_begin) / checkpointBytes;
    assert(index < m_checkpoints.size());
    const Checkpoint& checkpoint = m_checkpoints[index];
    // From the checkpoint to q, then on to the next checkpoint, one byte at a time, as the
    // walk's masks see them: a quote after an odd run of backslashes is escaped, strings or not.
    std::size_t depth = checkpoint.depth;
    bool inString = checkpoint.inString, escaped = checkpoint.escaped;
    const std::size_t from = m_begin + index * checkpointBytes;
    const std::size_t to = std::min(from + checkpointBytes, m_stop);
    std::size_t depthBeforeQ = SIZE_MAX;
    for (std::size_t i = from; i < to; ++i) {
        const char c = text[i];
        const bool isEscaped = escaped;
        escaped = c == '\\' && !isEscaped;
        if (i == q) {
            if (inString)
                return std::nullopt; // the walk read q as part of a string: not the same value
            depthBeforeQ = depth;
        }
        if (c == '"' && !isEscaped)
            inString = !inString;
        else if (inString)
            continue;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']') {
            assert(depth > 0 && "the walk never closed its own value");
            if (--depth <= depthBeforeQ && depthBeforeQ != SIZE_MAX)
                return std::nullopt; // q's value closes here
        }
    }
    if (index + 1 < m_checkpoints.size() && m_checkpoints[index + 1].lowestAfter <= depthBeforeQ)
        return std::nullopt; // it closes further on
    if (!m_toldAtValueStart)
        return m_error;
    return unclosedValue(text, q);
}

} // namespace Spanwise
