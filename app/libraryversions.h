#pragma once

#include <QString>

#include <utility>
#include <vector>

namespace Spanwise {

// The libraries this build runs with, for the About box and `spanwise --version` (bug reports):
// run-time versions where the library reports one (Qt, Graphviz, zlib, zstd), otherwise the
// version of the headers it was built against (protobuf, simdjson).
std::vector<std::pair<QString, QString>> libraryVersions();
// "Qt 6.4.2, Graphviz 2.43.0, …"
QString libraryVersionsText();

} // namespace Spanwise
