#include "presentations.h"

#include "corpus.h"
#include "loadchecks.h"
#include "traceloader.h"
#include "tracesetpresentation.h"

#include <QTest>

#include <span>
#include <string>

namespace Spanwise::Test {

std::shared_ptr<const TraceSetPresentation> presentationOf(const QString& corpusPath)
{
    const std::string file = corpusFile(corpusPath);
    const LoadResult result = loadTraceFiles(std::span<const std::string>(&file, 1));
    if (const QString failure = loadFailure(result); !failure.isEmpty()) {
        QTest::qFail(qPrintable(failure), __FILE__, __LINE__);
        return nullptr;
    }
    return std::make_shared<TraceSetPresentation>(result.traces);
}

} // namespace Spanwise::Test
