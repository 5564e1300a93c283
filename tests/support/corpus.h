#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <string>

class QTemporaryDir;

namespace Spanwise::Test {

// The test data lives in the repository: tests/data/corpus holds the trace files of the
// team's corpus (origin, licence and figures in its MANIFEST.md), files over about 100 KB
// stored zstd-compressed as NAME.zst. Functions here take the path the manifest names
// (e.g. public/jaeger/stalk-hotrod-18231c31.json) and find the stored file.

// The stored file, compressed or not: the importers read both as they are. When no such file
// is stored, the plain path, so a caller's load fails naming it instead of crashing.
std::string corpusFile(const QString& relativePath);

// The file's content, decompressed; empty (and *ok false) when it cannot be read.
QByteArray corpusBytes(const QString& relativePath, bool* ok);

// The file's decompressed content written into dir under its own name, for tests that hand a
// plain file to another program; empty when that fails.
QString plainCorpusCopy(const QString& relativePath, const QTemporaryDir& dir);

// A file under tests/data, by path inside it (hostile inputs, regression cases).
std::string dataFile(const QString& relativePath);

// A file of the project itself (e.g. resources/demo/demo-trace.json).
std::string sourceFile(const QString& relativePath);

} // namespace Spanwise::Test
