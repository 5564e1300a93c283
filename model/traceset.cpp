#include "traceset.h"

#include <algorithm>

namespace Spanwise {

std::size_t TraceSet::errorSpanCount() const
{
    return static_cast<std::size_t>(
        std::count_if(m_spans.begin(), m_spans.end(), [](const Span& s) { return s.isError(); }));
}

} // namespace Spanwise
