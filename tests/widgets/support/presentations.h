#pragma once

#include <QString>

#include <memory>

namespace Spanwise {
class TraceSetPresentation;
}

namespace Spanwise::Test {

// A corpus file loaded and dressed for the views, or nullptr (and a test failure naming the
// file) when it did not load; callers QVERIFY it before use.
std::shared_ptr<const TraceSetPresentation> presentationOf(const QString& corpusPath);

} // namespace Spanwise::Test
