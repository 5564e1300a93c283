#include "jaegerprocesstable.h"

#include "importcontext.h"
#include "jaegertags.h"
#include "jsonvalue.h"
#include "tracesetbuilder.h"

namespace Spanwise {

void JaegerProcessTable::readTraceProcesses(
    simdjson::dom::element processes, const JsonPath& path, std::size_t recordOffset)
{
    simdjson::dom::object object;
    if (processes.get_object().get(object)) {
        m_context.warn(recordOffset, path.toString(),
            "expected an object of processes, found " + std::string(jsonTypeName(processes)));
        return;
    }
    for (const auto [id, process] : object)
        m_byId.insert_or_assign(std::string(id), readProcess(process, path.member(id), recordOffset));
}

JaegerProcessTable::Process JaegerProcessTable::readProcess(
    simdjson::dom::element process, const JsonPath& path, std::size_t recordOffset)
{
    Process result;
    simdjson::dom::object object;
    if (process.get_object().get(object)) {
        m_context.warn(
            recordOffset, path.toString(), "expected a process object, found " + std::string(jsonTypeName(process)));
        return result;
    }
    if (const auto name = jsonMember(object, "serviceName")) {
        if (const auto text = jsonString(*name))
            result.serviceName = *text;
        else
            m_context.warn(recordOffset, path.member("serviceName").toString(),
                "serviceName should be a string, found " + std::string(jsonTypeName(*name)));
    }
    m_scratch.clear();
    if (const auto tags = jsonMember(object, "tags"))
        readJaegerTags(*tags, path.member("tags"), recordOffset, m_context, m_scratch);
    result.tags = m_context.builder().addAttributes(m_scratch);
    return result;
}

ResourceIndex JaegerProcessTable::resourceOf(Process& process)
{
    if (!process.resource.isValid()) {
        TraceSetBuilder& builder = m_context.builder();
        process.resource = builder.addResource(builder.service(process.serviceName), process.tags);
    }
    return process.resource;
}

ResourceIndex JaegerProcessTable::resourceById(std::string_view processId)
{
    const auto it = m_byId.find(std::string(processId));
    return it == m_byId.end() ? ResourceIndex {} : resourceOf(it->second);
}

ResourceIndex JaegerProcessTable::resourceInline(
    simdjson::dom::element process, const JsonPath& path, std::size_t recordOffset)
{
    // Bare span arrays repeat the same process in every span: share one resource.
    std::string text = simdjson::minify(process);
    if (const auto it = m_inlineByText.find(text); it != m_inlineByText.end())
        return it->second;
    Process read = readProcess(process, path, recordOffset);
    const ResourceIndex resource = resourceOf(read);
    m_inlineByText.emplace(std::move(text), resource);
    return resource;
}

ResourceIndex JaegerProcessTable::unknownResource()
{
    return resourceOf(m_unknown);
}

void JaegerProcessTable::finishTrace()
{
    if (m_currentBorrowed)
        m_borrowed = m_byId; // at most one trace holds the border of a share
}

TraceSetBuilder::AlreadyHere JaegerProcessTable::alreadyHere(const JaegerProcessTable& later) const
{
    TraceSetBuilder::AlreadyHere here;
    for (const auto& [text, resource] : later.m_inlineByText)
        if (const auto it = m_inlineByText.find(text); it != m_inlineByText.end())
            here.resources.push_back({resource, it->second});
    if (m_unknown.resource.isValid() && later.m_unknown.resource.isValid())
        here.resources.push_back({later.m_unknown.resource, m_unknown.resource});
    // The trace across the border: this reader's last, read whole up to the border, and its
    // processes read (their tags added) by both readers.
    for (const auto& [id, process] : later.m_borrowed) {
        const auto it = m_byId.find(id);
        if (it == m_byId.end())
            continue;
        here.attributes.push_back({process.tags, it->second.tags});
        if (process.resource.isValid() && it->second.resource.isValid())
            here.resources.push_back({process.resource, it->second.resource});
    }
    return here;
}

void JaegerProcessTable::absorb(JaegerProcessTable&& later, const TraceSetBuilder::Absorbed& absorbed)
{
    for (auto& [text, resource] : later.m_inlineByText)
        m_inlineByText.try_emplace(text, absorbed.resources[resource.value]);
    if (!m_unknown.resource.isValid() && later.m_unknown.resource.isValid())
        m_unknown.resource = absorbed.resources[later.m_unknown.resource.value];
    for (const auto& [id, process] : later.m_borrowed)
        if (const auto it = m_byId.find(id);
            it != m_byId.end() && !it->second.resource.isValid() && process.resource.isValid())
            it->second.resource = absorbed.resources[process.resource.value];
    // A trace the later reader began is now the last: a third reader may hold part of it.
    if (later.m_tracesStarted > 0 && !later.m_currentBorrowed) {
        m_byId = std::move(later.m_byId);
        for (auto& [id, process] : m_byId) {
            process.tags = absorbed.attributes.map(process.tags);
            if (process.resource.isValid())
                process.resource = absorbed.resources[process.resource.value];
        }
    }
}

} // namespace Spanwise
