#pragma once

#include "importcontext.h"
#include "importreport.h"
#include "parallelread.h"
#include "tracesetbuilder.h"

#include <memory>

namespace Spanwise {

// A file read a segment at a time, as decompression hands its text over (decompress.h), so the
// whole text is never held: each segment is read as a file of its own (in shares, on every
// core) and its joined reader then joins one that reads nothing itself, in order, as later
// shares join the first. Messages, span sources and log records give the file's offsets and
// lines. The model comes out as reading the whole text at once gives it (tst_segmentedread).
class SegmentedRead
{
public:
    virtual ~SegmentedRead() = default;
    // Reads one segment: whole lines that start at `origin` in the file's text, on line
    // `originLine`. `last`: nothing follows. Progress is told in the segment's bytes.
    virtual void read(PaddedView text, std::uint64_t origin, std::uint32_t originLine, bool last,
        const ImportContext::ProgressFn& progress) = 0;
    // What is said of the whole file, once every segment is in.
    virtual void conclude() = 0;
};

// `file` is the file's context: its builder and report take in each segment's; its bytes are
// none (the segments come one by one).
template <typename Reader> class SegmentedReader final : public SegmentedRead
{
public:
    explicit SegmentedReader(ImportContext& file)
        : m_file(file)
        , m_joined(file)
    { }

    void read(PaddedView text, std::uint64_t origin, std::uint32_t originLine, bool last,
        const ImportContext::ProgressFn& progress) override
    {
        if (text.view().find_first_not_of(" \t\r\n") == std::string_view::npos)
            return; // white space after the last line: a file of its own would be "empty"
        TraceSetBuilder builder;
        ImportReport report;
        report.path = m_file.report().path;
        builder.addFile(report.path);
        builder.expectSpansInBytes(text.size());
        ImportContext context(text, builder, report, m_file.cancelFlag(), progress);
        context.takeSettingsOf(m_file);
        context.setOrigin(origin, originLine);
        context.setMoreFollows(!last);
        const std::unique_ptr<Reader> reader = readAndJoin<Reader>(context);
        builder.shiftSourceOffsets(origin);
        const auto absorbed = m_file.builder().absorb(std::move(builder), m_joined.alreadyHere(*reader));
        m_joined.absorb(std::move(*reader), absorbed);
        m_file.report().append(std::move(report));
        ++m_file.report().segments;
    }

    void conclude() override
    {
        m_file.setShare({});
        m_joined.conclude();
    }

private:
    ImportContext& m_file;
    Reader m_joined;
};

} // namespace Spanwise
