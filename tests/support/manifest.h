#pragma once

#include <QList>
#include <QString>

namespace Spanwise::Test {

// One row of tests/data/corpus/MANIFEST.md: the figures its authors computed for a file.
struct ManifestEntry {
    QString path;   // inside the corpus, e.g. public/jaeger/stalk-hotrod-18231c31.json
    QString format; // e.g. jaeger-json
    int spans = 0;
    int traces = 0;
    int services = 0;
    int errors = 0;
    int duplicateIds = 0;
    int orphanTraces = 0;       // traces with a span whose parent id is not in the file
    bool noServiceName = false; // some spans name no service (the manifest does not count them)
};

// Every trace file row of the manifest with the given format; empty when the manifest cannot
// be read, which callers check (every format has rows).
QList<ManifestEntry> manifestEntries(const QString& format);

} // namespace Spanwise::Test
