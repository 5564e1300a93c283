#pragma once

#include "importcontext.h"
#include "parallelread.h"
#include "zipkinjson.h"
#include "zipkinspancollector.h"

#include <memory>
#include <span>
#include <vector>

namespace Spanwise {

// Turns one Zipkin record (v1 or v2) into spans for the collector.
using ZipkinConvert = void (*)(simdjson::dom::object record, const JsonPath& path, std::size_t offset,
    std::string_view text, ImportContext& context, ZipkinSpanCollector& into);

// One share's reader of a Zipkin file (parallelread.h): records are converted as they are
// read; the spans of every share are paired once all are in, then written.
template <ZipkinConvert convert> class ZipkinFileReader
{
public:
    explicit ZipkinFileReader(ImportContext& context)
        : m_context(context)
        , m_collector(context)
    { }

    void run()
    {
        readZipkinDocument(m_context,
            [this](simdjson::dom::object record, const JsonPath& path, std::size_t offset, std::string_view text) {
                convert(record, path, offset, text, m_context, m_collector);
            });
    }
    // Once every share is read: the spans of all are paired, then each share writes its own
    // on its thread (unless parts of one span lie in different shares: then conclude() does).
    static void beforeJoin(std::span<const std::unique_ptr<ZipkinFileReader>> readers, ShareReaders& shares)
    {
        std::vector<ZipkinSpanCollector*> collectors;
        for (const auto& reader : readers)
            collectors.push_back(&reader->m_collector);
        if (ZipkinSpanCollector::pair(collectors))
            shares.forEachShare([&](std::size_t share) { collectors[share]->write(); });
    }
    TraceSetBuilder::AlreadyHere alreadyHere(const ZipkinFileReader& later) const
    {
        return m_collector.alreadyHere(later.m_collector);
    }
    void absorb(ZipkinFileReader&& later, const TraceSetBuilder::Absorbed& absorbed)
    {
        m_collector.absorb(std::move(later.m_collector), absorbed);
    }
    void conclude() { m_context.report().spans += m_collector.finish(); }

private:
    ImportContext& m_context;
    ZipkinSpanCollector m_collector;
};

} // namespace Spanwise
