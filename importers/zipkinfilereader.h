#pragma once

#include "importcontext.h"
#include "parallelread.h"
#include "zipkinjson.h"
#include "zipkinspancollector.h"

namespace Spanwise {

// Turns one Zipkin record (v1 or v2) into spans for the collector.
using ZipkinConvert = void (*)(simdjson::dom::object record, const JsonPath& path, std::size_t offset,
    std::string_view text, ImportContext& context, ZipkinSpanCollector& into);

// One share's reader of a Zipkin file (parallelread.h): records are converted as they are
// read; the spans of every share are merged and paired once all are in (conclude).
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
    // Resources are made once the spans are paired: no reader has any before.
    TraceSetBuilder::AlreadyHere alreadyHere(const ZipkinFileReader&) const { return {}; }
    void absorb(ZipkinFileReader&& later, const TraceSetBuilder::Absorbed& absorbed)
    {
        m_collector.absorb(std::move(later.m_collector), absorbed.strings);
    }
    void conclude() { m_context.report().spans += m_collector.finish(); }

private:
    ImportContext& m_context;
    ZipkinSpanCollector m_collector;
};

} // namespace Spanwise
