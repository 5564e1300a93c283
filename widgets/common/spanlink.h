#pragma once

#include "ids.h"

#include <QString>
#include <QStringList>

namespace Spanwise {

class TraceSet;

// One word of a POSIX shell command line: as it is when it needs no quoting, else in single
// quotes (a quote inside becomes '\'').
QString shellQuoted(const QString& word);

// "Copy link to this span": the command that opens these files at the span, for a bug report
// or a chat (spanwise FILE... --trace ID --span ID --tab VIEW). Files become absolute paths;
// no files means the bundled demo, which the command opens by itself.
QString spanLinkCommand(const QStringList& files, const TraceSet& set, SpanIndex span, const QString& tab);

} // namespace Spanwise
