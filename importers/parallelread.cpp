#include "parallelread.h"

#include "jsonscanner.h"

#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace Spanwise {
// A JSON Lines file lets a later share start at its first line instead of walking every line
// before it. A wrong guess costs time only: the start is checked after the read
// (ShareReaders::startHolds).
bool firstLineHoldsOneValue(std::string_view text)
{
    const JsonScanner whole(text);
    const std::size_t begin = whole.skipWhitespace(0);
    if (begin >= text.size() || (text[begin] != '{' && text[begin] != '['))
        return false;
    // A line longer than this is no JSON Lines worth the guess (and memchr stops early).
    constexpr std::size_t longestLine = 64u << 20;
    const std::size_t lineEnd = text.substr(begin, longestLine).find('\n');
    if (lineEnd == std::string_view::npos)
        return false;
    const JsonScanner line(text.substr(begin, lineEnd));
    const auto end = line.valueEnd(0);
    return end && line.skipWhitespace(*end) == lineEnd;
}

namespace {

// The first line at or after `from` that starts with a value, or the file's size.
std::uint64_t firstValueLineFrom(std::string_view text, std::uint64_t from)
{
    assert(from > 0);
    for (std::size_t at = from; at < text.size();) {
        if (text[at - 1] == '\n' && (text[at] == '{' || text[at] == '['))
            return at;
        const std::size_t lineBreak = text.find('\n', at);
        if (lineBreak == std::string_view::npos)
            break;
        at = lineBreak + 1;
    }
    return text.size();
}

} // namespace

struct ShareReaders::Part {
    TraceSetBuilder builder;
    ImportReport report;
    std::unique_ptr<ImportContext> context;
    std::atomic<std::uint64_t> bytesDone = 0;
};

ShareReaders::ShareReaders(ImportContext& main)
    : m_main(main)
{
    const std::string_view text = main.bytes();
    const std::size_t size = text.size();
    const std::size_t shares =
        std::max<std::size_t>(1, std::min<std::size_t>(main.readers(), size / main.minShareBytes()));
    if (shares == 1)
        return;
    // JSON Lines are cut between lines, and each later share starts at its first line; other
    // files are cut anywhere, and each reader walks the structure from the start.
    const bool jsonLines = firstLineHoldsOneValue(text);
    const auto boundary = [&](std::size_t i) {
        const auto even = static_cast<std::uint64_t>(size / shares * i);
        return jsonLines && i > 0 ? firstValueLineFrom(text, even) : even;
    };
    for (std::size_t i = 0; i < shares; ++i)
        m_shares.push_back({boundary(i), i + 1 < shares ? boundary(i + 1) : UINT64_MAX});
    main.setShare(m_shares[0]);
    for (std::size_t i = 1; i < shares; ++i)
        m_parts.push_back(makePart(i, jsonLines ? m_shares[i].begin : 0, false));
}

ShareReaders::~ShareReaders() = default;

std::unique_ptr<ShareReaders::Part> ShareReaders::makePart(
    std::size_t share, std::uint64_t topLevelStart, bool tellsProgress)
{
    auto part = std::make_unique<Part>();
    part->report.path = m_main.report().path;
    // Progress only grows, also while a share is read again.
    auto progress = [this, tellsProgress, bytesDone = &part->bytesDone](std::uint64_t done) {
        if (done > bytesDone->load(std::memory_order_relaxed))
            bytesDone->store(done, std::memory_order_relaxed);
        if (tellsProgress)
            tellProgress();
    };
    part->context = std::make_unique<ImportContext>(
        PaddedView::trusted(m_main.bytes()), part->builder, part->report, m_main.cancelFlag(), std::move(progress));
    ImportContext& context = *part->context;
    context.takeSettingsOf(m_main);
    context.setShare(m_shares[share]);
    context.setTopLevelStart(topLevelStart);
    part->builder.addFile(m_main.report().path);
    const std::uint64_t end = std::min<std::uint64_t>(m_shares[share].end, m_main.bytes().size());
    part->builder.expectSpansInBytes(end - m_shares[share].begin);
    return part;
}

ImportContext& ShareReaders::context(std::size_t share)
{
    assert(share < count());
    return share == 0 ? m_main : *m_parts[share - 1]->context;
}

void ShareReaders::tellProgress()
{
    if (!m_report)
        return;
    std::uint64_t done = m_mainDone;
    for (const auto& part : m_parts)
        done += part->bytesDone.load(std::memory_order_relaxed);
    m_report(done);
}

void ShareReaders::run(const std::function<void(std::size_t share)>& read)
{
    if (m_parts.empty())
        return read(0);
    // The loader's progress is told on this thread only: the sum of every share's bytes.
    m_report = m_main.progressFn();
    m_main.setProgress([this](std::uint64_t done) {
        m_mainDone = done;
        tellProgress();
    });
    // However run() ends, the context tells the loader's progress function again.
    struct RestoreProgress {
        ImportContext& context;
        const ImportContext::ProgressFn& report;
        ~RestoreProgress() { context.setProgress(report); }
    } restoreProgress {m_main, m_report};
    // The later shares may still be reading: keep the progress moving while they do.
    runShares(read, [this] { tellProgress(); });
    // In order, since each share's check needs the share before it read right.
    for (std::size_t share = 1; share < count() && !m_main.cancelled(); ++share) {
        if (startHolds(share))
            continue;
        // The old part outlives the new read: its reader, replaced then, still refers to it.
        const std::unique_ptr<Part> wrong = std::move(m_parts[share - 1]);
        m_parts[share - 1] = makePart(share, 0, true);
        m_parts[share - 1]->bytesDone = wrong->bytesDone.load();
        ++m_readAgain;
        read(share);
    }
}

void ShareReaders::forEachShare(const std::function<void(std::size_t share)>& work)
{
    if (m_parts.empty())
        return work(0);
    runShares(work, [] {});
}

void ShareReaders::runShares(
    const std::function<void(std::size_t share)>& work, const std::function<void()>& whileWaiting)
{
    std::vector<std::exception_ptr> failures(count());
    std::mutex mutex;
    std::condition_variable finished;
    std::size_t running = m_parts.size();
    std::vector<std::jthread> threads;
    for (std::size_t share = 1; share < count(); ++share) {
        threads.emplace_back([&, share] {
            try {
                work(share);
            } catch (...) {
                failures[share] = std::current_exception();
            }
            const std::lock_guard lock(mutex);
            --running;
            finished.notify_one();
        });
    }
    try {
        work(0);
    } catch (...) {
        failures[0] = std::current_exception();
    }
    for (std::unique_lock lock(mutex); running > 0;) {
        if (!finished.wait_for(lock, std::chrono::milliseconds(20), [&] { return running == 0; }))
            whileWaiting();
    }
    threads.clear();
    for (const std::exception_ptr& failure : failures)
        if (failure)
            std::rethrow_exception(failure);
}

bool ShareReaders::startHolds(std::size_t share)
{
    const ImportContext& later = context(share);
    if (later.topLevelStart() == 0)
        return true; // it walked from the file's start, as one reader does
    const ImportContext& before = context(share - 1);
    return before.topLevelExit() == later.topLevelStart() && !before.metLaterShare();
}

TraceSetBuilder::Absorbed ShareReaders::absorb(std::size_t share, const TraceSetBuilder::AlreadyHere& alreadyHere)
{
    assert(share >= 1 && share < count());
    Part& part = *m_parts[share - 1];
    m_main.report().append(std::move(part.report));
    return m_main.builder().absorb(std::move(part.builder), alreadyHere);
}

} // namespace Spanwise
