#include "loadchecks.h"

#include "traceset.h"

namespace Spanwise::Test {

QString loadFailure(const LoadResult& result)
{
    if (result.reports.empty())
        return QStringLiteral("no file was loaded");
    for (const ImportReport& report : result.reports) {
        if (!report.failed)
            continue;
        const std::string why = report.messages.empty() ? report.path + ": failed without a message"
                                                        : report.describe(report.messages.front());
        return QString::fromStdString(why);
    }
    if (!result.traces || result.traces->traces().empty())
        return QStringLiteral("%1: loaded, but holds no trace")
            .arg(QString::fromStdString(result.reports.front().path));
    return {};
}

QStringList loadMessages(const LoadResult& result)
{
    QStringList out;
    for (const ImportReport& report : result.reports)
        for (const ImportMessage& message : report.messages)
            out << QString::fromStdString(report.describe(message));
    return out;
}

} // namespace Spanwise::Test
