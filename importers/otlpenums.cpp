#include "otlpenums.h"

#include <array>

namespace Spanwise {
namespace {

std::string_view withoutPrefix(std::string_view name, std::string_view prefix)
{
    if (name.starts_with(prefix))
        name.remove_prefix(prefix.size());
    return name;
}

} // namespace

std::optional<SpanKind> otlpSpanKind(std::int64_t number)
{
    static constexpr std::array<SpanKind, 6> kinds = {SpanKind::Unspecified, SpanKind::Internal, SpanKind::Server,
        SpanKind::Client, SpanKind::Producer, SpanKind::Consumer};
    if (number < 0 || number >= static_cast<std::int64_t>(kinds.size()))
        return std::nullopt;
    return kinds[static_cast<std::size_t>(number)];
}

std::optional<SpanKind> otlpSpanKind(std::string_view name)
{
    static constexpr std::array<std::string_view, 6> names = {
        "UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"};
    name = withoutPrefix(name, "SPAN_KIND_");
    for (std::size_t i = 0; i < names.size(); ++i)
        if (name == names[i])
            return otlpSpanKind(static_cast<std::int64_t>(i));
    return std::nullopt;
}

std::optional<StatusCode> otlpStatusCode(std::int64_t number)
{
    switch (number) {
    case 0:
        return StatusCode::Unset;
    case 1:
        return StatusCode::Ok;
    case 2:
        return StatusCode::Error;
    default:
        return std::nullopt;
    }
}

std::optional<StatusCode> otlpStatusCode(std::string_view name)
{
    name = withoutPrefix(name, "STATUS_CODE_");
    if (name == "UNSET")
        return StatusCode::Unset;
    if (name == "OK")
        return StatusCode::Ok;
    if (name == "ERROR")
        return StatusCode::Error;
    return std::nullopt;
}

} // namespace Spanwise
