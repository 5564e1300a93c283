#pragma once

#include "importcontext.h"
#include "importreport.h"
#include "tracesetbuilder.h"

#include <functional>
#include <memory>
#include <vector>

namespace Spanwise {

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
    // progress together; returns when all are done. Rethrows what a reader threw.
    void run(const std::function<void(std::size_t share)>& read);
    // Appends a later share's report and model to the first share's (shares in order).
    TraceSetBuilder::Absorbed absorb(std::size_t share, const TraceSetBuilder::AlreadyHere& alreadyHere);

private:
    struct Part;
    ImportContext& m_main;
    std::vector<std::unique_ptr<Part>> m_parts; // shares 1..count-1
};

// Reads the context's file with a Reader per share. A Reader has:
//   Reader(ImportContext&); void run();            — reads the records its share owns
//   TraceSetBuilder::AlreadyHere alreadyHere(const Reader& later) const; — what both read
//   void absorb(Reader&& later, const TraceSetBuilder::Absorbed&); — carries its tables over
//   void conclude();                               — what is said about the whole file
template <typename Reader> void readInShares(ImportContext& context)
{
    ShareReaders shares(context);
    std::vector<std::unique_ptr<Reader>> readers;
    for (std::size_t i = 0; i < shares.count(); ++i)
        readers.push_back(std::make_unique<Reader>(shares.context(i)));
    shares.run([&](std::size_t share) { readers[share]->run(); });
    for (std::size_t i = 1; i < shares.count(); ++i) {
        const auto absorbed = shares.absorb(i, readers[0]->alreadyHere(*readers[i]));
        readers[0]->absorb(std::move(*readers[i]), absorbed);
    }
    // What is said of the whole file may be about any share's place in it.
    context.setShare({});
    readers[0]->conclude();
}

} // namespace Spanwise
