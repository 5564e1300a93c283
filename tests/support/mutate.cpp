#include "mutate.h"

#include <algorithm>

namespace Spanwise::Test {

std::string mutate(const std::string& original, std::mt19937_64& random)
{
    std::string text = original;
    if (text.empty())
        return text;
    const auto at = [&](std::size_t limit) {
        return static_cast<std::size_t>(random() % std::max<std::size_t>(1, limit));
    };
    switch (random() % 6) {
    case 0:
        for (int i = 0; i < 8; ++i)
            text[at(text.size())] = static_cast<char>(random() & 0xff);
        break;
    case 1:
        text.resize(at(text.size()));
        break;
    case 2: {
        const std::size_t begin = at(text.size());
        text.insert(at(text.size()), text.substr(begin, at(200)));
        break;
    }
    case 3:
        text.insert(at(text.size()), "\x00\xff{[\"\\", 6);
        break;
    case 4:
        for (char& c : text)
            if ((c == '{' || c == '[') && random() % 50 == 0)
                c = c == '{' ? '[' : '{';
        break;
    default:
        text.erase(at(text.size()), at(64));
        break;
    }
    return text;
}

} // namespace Spanwise::Test
