#pragma once

#include <memory>
#include <string_view>

namespace Spanwise {

class ImportContext;
class SegmentedRead;

// One trace file format. The registry asks every importer how sure it is that a file's first
// bytes are its format, and hands the whole file to the surest.
class Importer
{
public:
    virtual ~Importer() = default;

    // The format's name as `spanwise summary` prints it, e.g. "jaeger-json".
    virtual std::string_view formatName() const = 0;
    // 0 = not this format; higher = surer. `head` is the start of the (decompressed) file.
    virtual int sniff(std::string_view head) const = 0;
    // Reads every span it can into the context's builder; reports what it skipped.
    virtual void read(ImportContext& context) const = 0;
    // A reader of the file a segment of whole lines at a time (segmentedread.h), for formats
    // whose lines stand alone (JSON Lines); nullptr when the format has none. `file` is the
    // file's context, with no bytes of its own.
    virtual std::unique_ptr<SegmentedRead> readInSegments(ImportContext& file) const;
};

} // namespace Spanwise
