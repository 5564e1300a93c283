#include "importer.h"

#include "segmentedread.h"

namespace Spanwise {

std::unique_ptr<SegmentedRead> Importer::readInSegments(ImportContext&) const
{
    return nullptr;
}

} // namespace Spanwise
