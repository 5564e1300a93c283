#pragma once

#include "attribute.h"
#include "ids.h"
#include "jsonpath.h"
#include "tracesetbuilder.h"

#include <simdjson.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace Spanwise {

class ImportContext;

// Jaeger processes (service name + tags), by processID within one trace, or inline in a span.
// A process becomes a model Resource the first time a span uses it, so a process no span
// names adds no service.
class JaegerProcessTable
{
public:
    explicit JaegerProcessTable(ImportContext& context)
        : m_context(context)
    { }

    // Forgets the previous trace's processes. A borrowed trace began in an earlier share:
    // this reader reads the spans of it that lie in its own share (parallelread.h).
    void startTrace(bool borrowed)
    {
        m_byId.clear();
        m_currentBorrowed = borrowed;
        ++m_tracesStarted;
    }
    // Called once a trace's spans are read: a borrowed trace's processes are kept, to be joined
    // with the earlier reader's.
    void finishTrace();
    // Reads a trace's "processes" object.
    void readTraceProcesses(simdjson::dom::element processes, const JsonPath& path, std::size_t recordOffset);
    // The resource of a processID of the current trace, or an invalid index if there is none.
    ResourceIndex resourceById(std::string_view processId);
    // The resource of a process given inline in a span; equal inline processes share one.
    ResourceIndex resourceInline(simdjson::dom::element process, const JsonPath& path, std::size_t recordOffset);
    // The resource of spans that name no process: the unknown service.
    ResourceIndex unknownResource();

    // Joining the readers of one file's shares (parallelread.h): the later reader's shared
    // resources that are this one's too, then its table carried over.
    TraceSetBuilder::AlreadyHere alreadyHere(const JaegerProcessTable& later) const;
    void absorb(JaegerProcessTable&& later, const TraceSetBuilder::Absorbed& absorbed);

private:
    struct Process {
        std::string serviceName;
        Range tags;
        ResourceIndex resource;
    };

    Process readProcess(simdjson::dom::element process, const JsonPath& path, std::size_t recordOffset);
    ResourceIndex resourceOf(Process& process);

    ImportContext& m_context;
    std::unordered_map<std::string, Process> m_byId; // the current (or last) trace's
    bool m_currentBorrowed = false;
    std::size_t m_tracesStarted = 0;
    std::unordered_map<std::string, Process> m_borrowed; // the trace this reader read in part
    std::unordered_map<std::string, ResourceIndex> m_inlineByText;
    std::vector<Attribute> m_scratch;
    Process m_unknown;
};

} // namespace Spanwise
