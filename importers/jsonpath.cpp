#include "jsonpath.h"

#include <vector>

namespace Spanwise {

std::string JsonPath::toString() const
{
    std::vector<const JsonPath*> chain;
    for (const JsonPath* p = this; p; p = p->parent)
        chain.push_back(p);
    std::string out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const JsonPath& step = **it;
        if (step.index >= 0) {
            out += '[' + std::to_string(step.index) + ']';
        } else if (!step.key.empty()) {
            if (!out.empty())
                out += '.';
            out += step.key;
        }
    }
    return out;
}

} // namespace Spanwise
