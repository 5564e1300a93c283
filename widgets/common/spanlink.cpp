#include "spanlink.h"

#include "formatting.h"
#include "hexid.h"
#include "traceset.h"

#include <QFileInfo>

#include <algorithm>

namespace Spanwise {

QString shellQuoted(const QString& word)
{
    const bool plain = !word.isEmpty() && std::all_of(word.begin(), word.end(), [](QChar c) {
        return (c.unicode() < 128 && c.isLetterOrNumber()) || QStringView(u"_./:=@%+,-").contains(c);
    });
    if (plain)
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString spanLinkCommand(const QStringList& files, const TraceSet& set, SpanIndex span, const QString& tab)
{
    Q_ASSERT(span.isValid() && span.value < set.spans().size());
    const Span& record = set.spans()[span.value];
    QStringList words {QStringLiteral("spanwise")};
    for (const QString& file : files)
        words << shellQuoted(QFileInfo(file).absoluteFilePath());
    words << QStringLiteral("--trace") << toQString(formatTraceId(record.traceId)) << QStringLiteral("--span")
          << toQString(formatSpanId(record.spanId));
    if (!tab.isEmpty())
        words << QStringLiteral("--tab") << tab;
    return words.join(QLatin1Char(' '));
}

} // namespace Spanwise
