#pragma once

// Qt's moc (run on test and widget files that include the model) cannot parse libstdc++'s
// <concepts>, which <compare> pulls in; the compiler proper always sees it.
#ifndef Q_MOC_RUN
#include <compare>
#endif
#include <cstdint>
#include <limits>

namespace Spanwise {

// Distinct index types: a span index can never be passed where a string id belongs.
// Each wraps a 32-bit index into one of TraceSet's flat arrays.
template <typename Tag> struct TypedIndex {
    static constexpr std::uint32_t invalidValue = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t value = invalidValue;

    constexpr TypedIndex() = default;
    constexpr explicit TypedIndex(std::uint32_t v)
        : value(v)
    { }
    constexpr bool isValid() const { return value != invalidValue; }
    constexpr auto operator<=>(const TypedIndex&) const = default;
};

using StringId = TypedIndex<struct StringIdTag>;
using SpanIndex = TypedIndex<struct SpanIndexTag>;
using ServiceId = TypedIndex<struct ServiceIdTag>;
using ResourceIndex = TypedIndex<struct ResourceIndexTag>;
using ScopeIndex = TypedIndex<struct ScopeIndexTag>;
using TraceIndex = TypedIndex<struct TraceIndexTag>;
using FileIndex = TypedIndex<struct FileIndexTag>;

// W3C / OTLP 128-bit trace id. 64-bit ids (Jaeger, Zipkin) have hi == 0, so a 128-bit id
// whose high half is zero equals the 64-bit one.
struct TraceId {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;

    constexpr bool isNull() const { return hi == 0 && lo == 0; }
    constexpr auto operator<=>(const TraceId&) const = default;
};

// A contiguous run of elements in one of TraceSet's flat arrays.
struct Range {
    std::uint32_t begin = 0;
    std::uint32_t count = 0;
    constexpr std::uint32_t end() const { return begin + count; }
};

} // namespace Spanwise
