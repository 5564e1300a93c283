#pragma once

#include "ids.h"

#include <cstdint>
#include <vector>

namespace Spanwise {

// Where one builder's attribute indices land once appended to another's array with some runs
// left out (TraceSetBuilder::absorb): an index moves down by the attributes left out before it
// and up by what the other array held already. A run left out because the other array holds
// the same attributes reads as that run.
class AttributeMap
{
public:
    struct Replaced {
        Range run;  // left out
        Range with; // read instead
    };

    AttributeMap() = default;
    AttributeMap(std::uint32_t base, std::vector<Replaced> replaced);

    bool isLeftOut(std::uint32_t index) const;
    Range map(Range range) const;

private:
    std::vector<Replaced>::const_iterator after(std::uint32_t index) const;

    std::uint32_t m_base = 0;
    std::vector<Replaced> m_replaced;            // by run start
    std::vector<std::uint32_t> m_leftOutThrough; // attributes left out up to and including each run
};

} // namespace Spanwise
