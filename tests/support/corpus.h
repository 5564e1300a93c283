#pragma once

#include <QString>

#include <string>

namespace Spanwise::Test {

// A file of the shared corpus (../shared/corpus beside the project), by path inside it.
std::string corpusFile(const QString& relativePath);
// Every file of a corpus folder with one of the given suffixes, sorted.
QStringList corpusFiles(const QString& folder, const QStringList& nameFilters);
// A file of the project itself (e.g. resources/demo/demo-trace.json).
std::string sourceFile(const QString& relativePath);

} // namespace Spanwise::Test
