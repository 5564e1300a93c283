#include "parallelread.h"

#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace Spanwise {
namespace {

void absorbReport(ImportReport& into, ImportReport&& from)
{
    into.spans += from.spans;
    into.logRecords += from.logRecords;
    into.warningCount += from.warningCount;
    into.errorCount += from.errorCount;
    into.messagesDropped += from.messagesDropped;
    for (ImportMessage& message : from.messages) {
        if (into.messages.size() < ImportContext::maxKeptMessages)
            into.messages.push_back(std::move(message));
        else
            ++into.messagesDropped;
    }
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
    const std::size_t size = main.bytes().size();
    const std::size_t shares =
        std::max<std::size_t>(1, std::min<std::size_t>(main.readers(), size / main.minShareBytes()));
    if (shares == 1)
        return;
    const auto boundary = [&](std::size_t i) { return static_cast<std::uint64_t>(size / shares * i); };
    main.setShare({0, boundary(1)});
    for (std::size_t i = 1; i < shares; ++i) {
        auto part = std::make_unique<Part>();
        part->report.path = main.report().path;
        part->context = std::make_unique<ImportContext>(PaddedView::trusted(main.bytes()), part->builder, part->report,
            main.cancelFlag(),
            [bytesDone = &part->bytesDone](std::uint64_t done) { bytesDone->store(done, std::memory_order_relaxed); });
        part->context->setRelease(main.releaseFn());
        part->context->setTextual(main.textual());
        part->context->setMaxDecompressedBytes(main.maxDecompressedBytes());
        part->context->setShare({boundary(i), i + 1 < shares ? boundary(i + 1) : UINT64_MAX});
        part->builder.addFile(main.report().path);
        part->builder.expectSpans((boundary(1)) / 200);
        m_parts.push_back(std::move(part));
    }
}

ShareReaders::~ShareReaders() = default;

ImportContext& ShareReaders::context(std::size_t share)
{
    assert(share < count());
    return share == 0 ? m_main : *m_parts[share - 1]->context;
}

void ShareReaders::run(const std::function<void(std::size_t share)>& read)
{
    if (m_parts.empty())
        return read(0);
    // The loader's progress is told on this thread only: the sum of every share's bytes.
    const ImportContext::ProgressFn report = m_main.progressFn();
    std::atomic<std::uint64_t> mainDone = 0;
    const auto tell = [&] {
        if (!report)
            return;
        std::uint64_t done = mainDone.load(std::memory_order_relaxed);
        for (const auto& part : m_parts)
            done += part->bytesDone.load(std::memory_order_relaxed);
        report(done);
    };
    m_main.setProgress([&](std::uint64_t done) {
        mainDone.store(done, std::memory_order_relaxed);
        tell();
    });
    std::vector<std::exception_ptr> failures(count());
    std::mutex mutex;
    std::condition_variable finished;
    std::size_t running = m_parts.size();
    std::vector<std::jthread> threads;
    for (std::size_t share = 1; share < count(); ++share) {
        threads.emplace_back([&, share] {
            try {
                read(share);
            } catch (...) {
                failures[share] = std::current_exception();
            }
            const std::lock_guard lock(mutex);
            --running;
            finished.notify_one();
        });
    }
    try {
        read(0);
    } catch (...) {
        failures[0] = std::current_exception();
    }
    // The later shares may still be reading: keep the progress moving while they do.
    for (std::unique_lock lock(mutex); running > 0;) {
        if (!finished.wait_for(lock, std::chrono::milliseconds(20), [&] { return running == 0; }))
            tell();
    }
    threads.clear();
    m_main.setProgress(report);
    for (const std::exception_ptr& failure : failures)
        if (failure)
            std::rethrow_exception(failure);
}

TraceSetBuilder::Absorbed ShareReaders::absorb(std::size_t share, const TraceSetBuilder::AlreadyHere& alreadyHere)
{
    assert(share >= 1 && share < count());
    Part& part = *m_parts[share - 1];
    absorbReport(m_main.report(), std::move(part.report));
    return m_main.builder().absorb(std::move(part.builder), alreadyHere);
}

} // namespace Spanwise
