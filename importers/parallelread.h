#pragma once

#include "importcontext.h"
#include "importreport.h"
#include "tracesetbuilder.h"

#include <functional>
#include <memory>
#include <vector>

namespace Spanwise {

// Whether the text looks like JSON Lines: its first line holds one whole value.
bool firstLineHoldsOneValue(std::string_view text);

// Reads one file on several threads. The file's bytes are cut into equal shares; each thread
// walks the whole structure but reads only the records that start in its share, into its own
// builder and report. The later shares are then appended to the first in order, so the model
// and its ids come out as one reader would have made them (tst_parallelread checks it).
class ShareReaders
{
public:
    // As many shares as the context allows readers, or one for a small file.
    explicit ShareReaders(ImportContext& main);
    ~ShareReaders();

    std::size_t count() const { return m_parts.size() + 1; }
    ImportContext& context(std::size_t share);
    // Runs read(share) for every share at once (share 0 on this thread), reporting the shares'
    // progress together; returns when all are done. A share of JSON Lines that started at its
    // first line without walking the earlier ones is read again, walking, when that start
    // proves wrong (a damaged line, a value across the border). Rethrows what a reader threw.
    void run(const std::function<void(std::size_t share)>& read);
    // Runs work(share) for every share at once (share 0 on this thread); returns when all are
    // done. Rethrows what work threw.
    void forEachShare(const std::function<void(std::size_t share)>& work);
    // Appends a later share's report and model to the first share's (shares in order).
    TraceSetBuilder::Absorbed absorb(std::size_t share, const TraceSetBuilder::AlreadyHere& alreadyHere);
    // How many shares run() read a second time.
    std::size_t readAgain() const { return m_readAgain; }

private:
    struct Part;
    // tellsProgress: the part is read on this thread, so its progress is told at once.
    std::unique_ptr<Part> makePart(std::size_t share, std::uint64_t topLevelStart, bool tellsProgress);
    // work(share) on a thread per later share and share 0 here; whileWaiting() every 20 ms
    // while later shares still work. Rethrows the first failure, by share.
    void runShares(const std::function<void(std::size_t share)>& work, const std::function<void()>& whileWaiting);
    // Whether the later share's start at its first line is where one reader would have been.
    bool startHolds(std::size_t share);
    void tellProgress();

    ImportContext& m_main;
    std::vector<ImportContext::Share> m_shares;
    std::vector<std::unique_ptr<Part>> m_parts; // shares 1..count-1
    ImportContext::ProgressFn m_report;         // the loader's, told on the calling thread
    std::uint64_t m_mainDone = 0;               // share 0's bytes, told on this thread
    std::size_t m_readAgain = 0;
};

// readInShares reads the context's file with a Reader per share; readAndJoin does the same
// but leaves the joined reader to the caller, unconcluded. A Reader has:
//   Reader(ImportContext&); void run();            — reads the records its share owns
//   optional: static void beforeJoin(std::span<const std::unique_ptr<Reader>>, ShareReaders&);
//                                                  — work on all shares once all are read
//   TraceSetBuilder::AlreadyHere alreadyHere(const Reader& later) const; — what both read
//   void absorb(Reader&& later, const TraceSetBuilder::Absorbed&); — carries its tables over
//   void conclude();                               — what is said about the whole file
template <typename Reader> std::unique_ptr<Reader> readAndJoin(ImportContext& context)
{
    ShareReaders shares(context);
    std::vector<std::unique_ptr<Reader>> readers(shares.count());
    // A share read again gets a fresh reader on its fresh context.
    shares.run([&](std::size_t share) {
        readers[share] = std::make_unique<Reader>(shares.context(share));
        readers[share]->run();
    });
    if constexpr (requires { &Reader::beforeJoin; })
        Reader::beforeJoin(readers, shares);
    for (std::size_t i = 1; i < shares.count(); ++i) {
        const auto absorbed = shares.absorb(i, readers[0]->alreadyHere(*readers[i]));
        readers[0]->absorb(std::move(*readers[i]), absorbed);
    }
    return std::move(readers[0]);
}

template <typename Reader> void readInShares(ImportContext& context)
{
    const std::unique_ptr<Reader> reader = readAndJoin<Reader>(context);
    // What is said of the whole file may be about any share's place in it.
    context.setShare({});
    reader->conclude();
}

} // namespace Spanwise
