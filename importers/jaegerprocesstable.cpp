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

std::vector<TraceSetBuilder::SameResource> JaegerProcessTable::sameResources(const JaegerProcessTable& later) const
{
    std::vector<TraceSetBuilder::SameResource> same;
    for (const auto& [text, resource] : later.m_inlineByText)
        if (const auto here = m_inlineByText.find(text); here != m_inlineByText.end())
            same.push_back({resource, here->second});
    if (m_unknown.resource.isValid() && later.m_unknown.resource.isValid())
        same.push_back({later.m_unknown.resource, m_unknown.resource});
    return same;
}

void JaegerProcessTable::absorb(JaegerProcessTable&& later, const TraceSetBuilder::Absorbed& absorbed)
{
    for (auto& [text, resource] : later.m_inlineByText)
        m_inlineByText.try_emplace(text, absorbed.resources[resource.value]);
    if (!m_unknown.resource.isValid() && later.m_unknown.resource.isValid())
        m_unknown.resource = absorbed.resources[later.m_unknown.resource.value];
}

} // namespace Spanwise
