#pragma once

#include "jsonscanner.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace Spanwise {

// What a bracket walk that broke learned about the bytes it crossed, so that a value starting
// among them need not walk them again. Without it a file whose brackets never close (cut short
// between tokens, or hostile: a line of `{"resourceSpans":[` after another) is quadratic: each
// value inside walks to the same break, and readers resume line after line.
//
// A value starting at q inside the walk's bytes, outside a string, sees the very brackets and
// strings the walk saw from q on, and the walk met no mismatch before its break. So it ends
// exactly where the walk's depth first comes back to the depth before q; if it never does
// before the break, it breaks as the walk broke. The depth is kept every few hundred bytes
// with the lowest depth reached from there to the break, so an answer reads at most that many.
class JsonBrokenWalk
{
public:
    // The break of the value at q when it is known to break, nullopt when it closes (or q lies
    // outside these bytes, or inside one of their strings): then the scanner walks it.
    std::optional<ScanError> breakOf(std::string_view text, std::size_t q) const;
    // Whether a walk from pos would be answered here: no need to keep a new one for it.
    bool covers(std::size_t pos) const { return pos >= m_begin && pos < m_stop; }
    std::size_t walkedBytes() const { return m_stop - m_begin; }

    static constexpr std::size_t checkpointBytes = 512; // a multiple of the scanner's block

private:
    struct Checkpoint {
        std::size_t depth;       // open brackets before this checkpoint's bytes
        std::size_t lowestAfter; // the lowest depth a closer brings, from here to the break
        bool inString;
        bool escaped; // the checkpoint's first byte follows an unescaped backslash
    };

    std::size_t m_begin = 0;
    std::size_t m_stop = 0;
    std::vector<Checkpoint> m_checkpoints;
    ScanError m_error;
    bool m_toldAtValueStart = false;

    friend class JsonBrokenWalkRecorder;
};

// Fills a JsonBrokenWalk as a walk goes (jsonscanner.cpp).
class JsonBrokenWalkRecorder
{
public:
    explicit JsonBrokenWalkRecorder(std::size_t begin);
    // At the start of each of the walk's blocks: its state before the block's bytes.
    void block(std::size_t at, std::size_t depth, bool inString, bool escaped)
    {
        if ((at - m_walk.m_begin) % JsonBrokenWalk::checkpointBytes == 0)
            m_walk.m_checkpoints.push_back({depth, SIZE_MAX, inString, escaped});
    }
    // A closer brought the depth down to depth.
    void closed(std::size_t depth)
    {
        auto& lowest = m_walk.m_checkpoints.back().lowestAfter;
        lowest = std::min(lowest, depth);
    }
    // The walk broke: brackets from `stop` on were not looked at. A break at the value's own
    // start (the file ends before it is closed) is told at each value's own start.
    JsonBrokenWalk finish(std::size_t stop, ScanError error, bool toldAtValueStart);

private:
    JsonBrokenWalk m_walk;
};

} // namespace Spanwise
