#include "formatting.h"

#include <QLocale>
#include <QTimeZone>

#include <cmath>

namespace Spanwise {

QString formatDuration(std::int64_t nanoseconds)
{
    const double ns = static_cast<double>(nanoseconds);
    const double magnitude = std::fabs(ns);
    const auto threeDigits = [](double value, const QString& unit) -> QString {
        const int decimals = std::fabs(value) >= 100 ? 0 : std::fabs(value) >= 10 ? 1 : 2;
        return QString::number(value, 'f', decimals) + QChar(u' ') + unit;
    };
    if (magnitude < 1e3)
        return QString::number(nanoseconds) + QStringLiteral(" ns");
    if (magnitude < 1e6)
        return threeDigits(ns / 1e3, QStringLiteral("µs"));
    if (magnitude < 1e9)
        return threeDigits(ns / 1e6, QStringLiteral("ms"));
    if (magnitude < 60e9)
        return threeDigits(ns / 1e9, QStringLiteral("s"));
    const auto totalSeconds = static_cast<std::int64_t>(std::llround(ns / 1e9));
    if (std::llabs(totalSeconds) < 3600)
        return QStringLiteral("%1 min %2 s").arg(totalSeconds / 60).arg(std::llabs(totalSeconds % 60));
    return QStringLiteral("%1 h %2 min").arg(totalSeconds / 3600).arg(std::llabs(totalSeconds % 3600) / 60);
}

QString formatDurationChange(std::int64_t nanoseconds)
{
    return (nanoseconds > 0 ? QStringLiteral("+") : QString()) + formatDuration(nanoseconds);
}

namespace {
// Read and written on the GUI thread only (the views and the window's menu).
TimeZoneChoice chosenTimeZone = TimeZoneChoice::Local;
} // namespace

void setTimeZoneChoice(TimeZoneChoice choice)
{
    chosenTimeZone = choice;
}

TimeZoneChoice timeZoneChoice()
{
    return chosenTimeZone;
}

QDateTime displayedTime(std::int64_t millisecondsSinceEpoch)
{
    return chosenTimeZone == TimeZoneChoice::Utc
        ? QDateTime::fromMSecsSinceEpoch(millisecondsSinceEpoch, QTimeZone::utc())
        : QDateTime::fromMSecsSinceEpoch(millisecondsSinceEpoch);
}

QString formatTimestamp(std::int64_t nanosecondsSinceEpoch)
{
    const QString text =
        displayedTime(nanosecondsSinceEpoch / 1'000'000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    return chosenTimeZone == TimeZoneChoice::Utc ? text + QStringLiteral(" UTC") : text;
}

QString countText(std::int64_t count, QStringView singular, QStringView plural)
{
    return QLocale().toString(static_cast<qlonglong>(count)) + QLatin1Char(' ') +
        (count == 1 ? singular : plural).toString();
}

QString toQString(std::string_view utf8)
{
    QString text = QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
    for (QChar& c : text) {
        const char16_t u = c.unicode();
        const bool control =
            (u < 0x20 && u != u'\t' && u != u'\n') || (u >= 0x7f && u <= 0x9f) || u == 0xfffe || u == 0xffff;
        if (control)
            c = QChar::ReplacementCharacter;
    }
    return text;
}

} // namespace Spanwise
