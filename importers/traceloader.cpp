#include "traceloader.h"

#include "inflationfile.h"

#include "decompress.h"
#include "importcontext.h"
#include "importer.h"
#include "importerregistry.h"
#include "mappedfile.h"
#include "parallelread.h"
#include "segmentedread.h"
#include "tracesetbuilder.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <expected>
#include <filesystem>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace Spanwise {
namespace {

// Reports fractions of the total work, throttled so a GUI is not flooded.
class ProgressMeter
{
public:
    ProgressMeter(const LoadOptions& options, std::uint64_t totalBytes)
        : m_options(options)
        , m_total(totalBytes)
    { }

    void report(std::uint64_t bytesInFile)
    {
        if (!m_options.progress || m_total == 0)
            return;
        const double fraction = static_cast<double>(m_doneBefore + bytesInFile) / static_cast<double>(m_total);
        if (fraction - m_lastReported >= 0.005 || fraction >= 1.0) {
            m_lastReported = fraction;
            m_options.progress(std::min(fraction, 1.0));
        }
    }
    void finishFile(std::uint64_t fileBytes) { m_doneBefore += fileBytes; }

private:
    const LoadOptions& m_options;
    std::uint64_t m_total;
    std::uint64_t m_doneBefore = 0;
    double m_lastReported = -1;
};

std::string describeUnknownContent(std::string_view bytes)
{
    std::size_t i = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (i < bytes.size() && std::strchr(" \t\r\n", bytes[i]) && bytes[i] != '\0')
        ++i;
    if (i == bytes.size())
        return "the file holds only white space";
    if (bytes[i] == '{' || bytes[i] == '[')
        return "JSON, but not a trace format Spanwise knows (Jaeger, Zipkin v1/v2 or OTLP JSON expected)";
    return "not JSON and not a trace format Spanwise knows";
}

void fail(ImportReport& report, std::string text)
{
    report.failed = true;
    ++report.errorCount;
    report.messages.push_back({Severity::Error, 0, 0, 0, {}, std::move(text)});
}

// The one place the cap's "0 means the default" is resolved for a load.
std::uint64_t inflateCap(const LoadOptions& options)
{
    return options.maxDecompressedBytes ? options.maxDecompressedBytes : defaultMaxOutputBytes();
}

// Says so when nothing could be read and something was said about it.
void failWhenNothingRead(ImportContext& context, ImportReport& report)
{
    if (report.spans == 0 && report.logRecords == 0 && (report.warningCount > 0 || report.errorCount > 0) &&
        !context.cancelled()) {
        context.error(0, {}, "no span or log record could be read from this file");
        report.failed = true;
    }
}

void setReaders(ImportContext& context, const LoadOptions& options)
{
    context.setReaders(options.readers ? options.readers : std::clamp(std::thread::hardware_concurrency(), 1u, 4u),
        options.minShareBytes);
    context.setMaxDecompressedBytes(inflateCap(options));
}

const Importer* importerFor(std::string_view text, const LoadOptions& options)
{
    return options.format.empty() ? ImporterRegistry::builtIn().detect(text)
                                  : ImporterRegistry::builtIn().find(options.format);
}

// Reads a whole text: a file as it is (`raw`, padded: simdjson may read a little past what it
// parses) or inflated. When `raw` is a mapped file, the pages read are given back as the
// importer moves on.
void importText(std::string_view name, PaddedView bytes, std::uint64_t rawSize, MappedFile* readingMapping,
    const std::optional<std::string>& inflateError, TraceSetBuilder& builder, ImportReport& report,
    const LoadOptions& options, ProgressMeter& meter)
{
    if (bytes.empty())
        return fail(report, "the file is empty");
    const Importer* importer = importerFor(bytes.view(), options);
    if (!importer && !options.format.empty())
        return fail(report, "no importer for the format " + options.format);
    if (!importer)
        return fail(report, describeUnknownContent(bytes.view()));
    report.format = importer->formatName();
    builder.addFile(std::string(name));
    builder.expectSpansInBytes(bytes.size());
    ImportContext context(bytes, builder, report, options.cancel, [&](std::uint64_t bytesDone) {
        // Inflated bytes: scale them onto the file's share of the work.
        meter.report(bytesDone * rawSize / bytes.size());
    });
    if (readingMapping)
        context.setRelease(
            [readingMapping](std::uint64_t from, std::uint64_t to) { readingMapping->release(from, to); });
    setReaders(context, options);
    // Damage in the compressed stream is reported where the inflated text ends.
    if (inflateError)
        context.warn(bytes.size(), {}, *inflateError);
    importer->read(context);
    if (readingMapping && readingMapping->wasCutShort())
        context.error(rawSize, {}, "the file was cut short while it was read: what it lost read as zero bytes");
    failWhenNothingRead(context, report);
}

// How many line ends the text holds. memchr, not std::count: the compiler leaves a plain
// loop byte by byte, which was a tenth of reading a compressed file in segments.
std::uint32_t lineEnds(std::string_view text)
{
    std::uint32_t count = 0;
    for (const char* at = text.data(); const void* found = std::memchr(at, '\n', text.data() + text.size() - at);) {
        ++count;
        at = static_cast<const char*>(found) + 1;
    }
    return count;
}

// A compressed file. JSON Lines in a format that reads them a segment at a time are read as
// they inflate, each segment freed once read; anything else is inflated whole first.
void importCompressed(std::string_view name, PaddedView raw, Compression compression, MappedFile* mapping,
    TraceSetBuilder& builder, ImportReport& report, const LoadOptions& options, ProgressMeter& meter)
{
    const PaddedBuffer noBytes;
    std::optional<ImportContext> fileContext; // the file's, once it is read in segments
    std::unique_ptr<SegmentedRead> segmented;
    std::uint32_t line = 1;             // the next segment's first line
    std::uint64_t compressedBefore = 0; // compressed bytes behind the segments read
    const auto readSegment = [&](const InflatedSegment& segment) -> SegmentAnswer {
        if (options.cancel && options.cancel->load())
            return SegmentAnswer::Stop;
        if (!segmented) {
            const Importer* importer = importerFor(segment.text.view(), options);
            if (!importer || !firstLineHoldsOneValue(segment.text.view()))
                return SegmentAnswer::Whole;
            fileContext.emplace(PaddedView(noBytes), builder, report, options.cancel);
            setReaders(*fileContext, options);
            segmented = importer->readInSegments(*fileContext);
            if (!segmented) {
                fileContext.reset();
                return SegmentAnswer::Whole;
            }
            report.format = importer->formatName();
            builder.addFile(std::string(name));
            builder.expectSpansInBytes(std::min(inflatedSizeHint(raw.view(), compression), inflateCap(options)));
        }
        const std::uint64_t compressed = segment.compressedEnd - compressedBefore;
        const auto progress = [&](std::uint64_t done) {
            meter.report(compressedBefore + compressed * done / std::max<std::size_t>(1, segment.text.size()));
        };
        segmented->read(segment.text, segment.offset, line, segment.last, progress);
        if (segment.last && segment.damage && *segment.damage) {
            // Where the inflated text ends, as for a file inflated whole.
            ImportContext end(segment.text, builder, report);
            end.setOrigin(segment.offset, line);
            end.warn(segment.text.size(), {}, **segment.damage);
        }
        line += lineEnds(segment.text.view());
        compressedBefore = segment.compressedEnd;
        meter.report(compressedBefore);
        return SegmentAnswer::Next;
    };
    std::optional<InflationFile> file;
    if (options.inflateIntoFile)
        file.emplace(options.inflationDirectory,
            std::min(std::max(inflatedSizeHint(raw.view(), compression), raw.size() * 4), inflateCap(options)));
    const DecompressResult inflated = decompress(raw.view(), compression, DecompressLimits {inflateCap(options)},
        SegmentOptions {options.inflateSegmentBytes, readSegment, file && file->valid() ? file->fd() : -1});
    if (mapping)
        mapping->release(0, raw.size());
    if (inflated.segmented) {
        segmented->conclude();
        failWhenNothingRead(*fileContext, report);
        return;
    }
    if (inflated.error && inflated.bytes.empty() && inflated.fileBytes == 0)
        return fail(report, *inflated.error);
    if (inflated.fileBytes > 0) {
        // Read as a plain file is: mapped, its pages given back behind the reader.
        std::expected<MappedFile, std::string> text = MappedFile::open(file->path());
        if (!text)
            return fail(report, "cannot map the text inflated into a temporary file: " + text.error());
        report.inflatedIntoFile = true;
        return importText(name, text->padded(), raw.size(), &*text, inflated.error, builder, report, options, meter);
    }
    importText(name, inflated.bytes, raw.size(), nullptr, inflated.error, builder, report, options, meter);
}

void importBytes(std::string_view name, PaddedView raw, MappedFile* mapping, TraceSetBuilder& builder,
    ImportReport& report, const LoadOptions& options, ProgressMeter& meter)
{
    if (const Compression compression = detectCompression(raw.view()); compression != Compression::None)
        return importCompressed(name, raw, compression, mapping, builder, report, options, meter);
    importText(name, raw, raw.size(), mapping, std::nullopt, builder, report, options, meter);
}

template <typename Source, typename Read>
LoadResult load(std::span<const Source> sources, const LoadOptions& options, std::uint64_t totalBytes, Read&& read)
{
    LoadResult result;
    TraceSetBuilder builder;
    ProgressMeter meter(options, totalBytes);
    for (const Source& source : sources) {
        if (options.cancel && options.cancel->load()) {
            result.cancelled = true;
            break;
        }
        ImportReport& report = result.reports.emplace_back();
        const std::uint64_t bytes = read(source, builder, report, meter);
        meter.finishFile(bytes);
    }
    result.cancelled = result.cancelled || (options.cancel && options.cancel->load());
    result.traces = builder.finish();
    return result;
}

std::uint64_t fileSize(const std::string& path)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    return error ? 0 : static_cast<std::uint64_t>(size);
}

// Reads a whole file into padded storage, or says in one sentence why it cannot. Pipes and
// devices are read up to streamLimit bytes.
std::expected<PaddedBuffer, std::string> readFile(const std::string& path, std::uint64_t streamLimit)
{
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error)
        return std::unexpected("cannot open the file: " + error.message());
    if (std::filesystem::is_directory(status))
        return std::unexpected(std::string("this is a folder, not a trace file"));
    if (!std::filesystem::is_regular_file(status) && !std::filesystem::is_fifo(status) &&
        !std::filesystem::is_character_file(status))
        return std::unexpected(std::string("this is not a regular file"));
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::unexpected(std::string("cannot open the file: ") + std::strerror(errno));
    PaddedBuffer buffer;
    // A regular file is read into one allocation of its size (plus a little room to see the
    // end): growing while reading would copy it and, for a moment, need twice its size.
    constexpr std::size_t chunk = 1 << 20;
    constexpr std::size_t endRoom = 4096;
    const std::size_t expected = std::filesystem::is_regular_file(status) ? fileSize(path) : 0;
    buffer.reserve(expected + endRoom);
    for (;;) {
        // A regular file: the rest of its size, and room to read its end (or a growth it had
        // since). Else (a pipe): geometric chunks.
        const std::size_t want = expected > 0
            ? (buffer.size() < expected ? expected - buffer.size() : 0) + endRoom
            : std::max<std::size_t>(chunk, std::min<std::size_t>(buffer.size(), 64u << 20));
        char* at = buffer.grow(want);
        const ssize_t got = ::read(fd, at, want);
        if (got < 0 && errno == EINTR) {
            buffer.commit(0);
            continue;
        }
        if (got < 0) {
            const int readError = errno;
            ::close(fd);
            return std::unexpected(
                "cannot read the file after byte " + std::to_string(buffer.size()) + ": " + std::strerror(readError));
        }
        buffer.commit(static_cast<std::size_t>(got));
        if (got == 0)
            break;
        // A pipe or device has no size to trust (/dev/zero never ends): the inflation cap bounds it.
        if (expected == 0 && buffer.size() > streamLimit) {
            ::close(fd);
            return std::unexpected("this pipe or device gave more than the limit of " + std::to_string(streamLimit) +
                " bytes (set it with --max-decompressed); save the trace to a file");
        }
    }
    ::close(fd);
    return buffer;
}

} // namespace

bool LoadResult::anyFailed() const
{
    return std::any_of(reports.begin(), reports.end(), [](const ImportReport& r) { return r.failed; });
}

LoadResult loadTraceFiles(std::span<const std::string> paths, const LoadOptions& options)
{
    std::uint64_t total = 0;
    for (const std::string& path : paths)
        total += fileSize(path);
    return load(paths, options, total,
        [&](const std::string& path, TraceSetBuilder& builder, ImportReport& report,
            ProgressMeter& meter) -> std::uint64_t {
            report.path = path;
            // A regular file is mapped, not copied; anything else (a pipe, a device, a file
            // that cannot be mapped) is read.
            if (auto mapped = MappedFile::open(path)) {
                importBytes(path, mapped->padded(), &*mapped, builder, report, options, meter);
                return mapped->view().size();
            }
            auto raw = readFile(path, inflateCap(options));
            if (!raw) {
                fail(report, raw.error());
                return 0;
            }
            importBytes(path, *raw, nullptr, builder, report, options, meter);
            return raw->size();
        });
}

LoadResult loadTraceBuffers(std::span<const NamedBuffer> buffers, const LoadOptions& options)
{
    std::uint64_t total = 0;
    for (const NamedBuffer& buffer : buffers)
        total += buffer.bytes.size();
    return load(buffers, options, total,
        [&](const NamedBuffer& buffer, TraceSetBuilder& builder, ImportReport& report,
            ProgressMeter& meter) -> std::uint64_t {
            report.path = buffer.name;
            importBytes(buffer.name, buffer.bytes, nullptr, builder, report, options, meter);
            return buffer.bytes.size();
        });
}

} // namespace Spanwise
