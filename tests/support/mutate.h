#pragma once

#include <random>
#include <string>

namespace Spanwise::Test {

// Deterministic damage to a file's text: flipped bytes, a cut, a chunk repeated, garbage
// inserted, brackets swapped, a chunk erased (one of them, chosen by `random`).
std::string mutate(const std::string& original, std::mt19937_64& random);

} // namespace Spanwise::Test
