#include "chartscales.h"

#include <QDateTime>
#include <QTest>

#include <cmath>

using namespace Spanwise;

class TestChartScales : public QObject
{
    Q_OBJECT

private slots:
    void countsTickOnWholeNumbers()
    {
        // 1, 2 or 5 × 10^k, at most six steps from zero to the peak.
        QCOMPARE(integerTickStep(3), 1);
        QCOMPARE(integerTickStep(6), 1);
        QCOMPARE(integerTickStep(7), 2);
        QCOMPARE(integerTickStep(17), 5);
        QCOMPARE(integerTickStep(30), 5);
        QCOMPARE(integerTickStep(31), 10);
        QCOMPARE(integerTickStep(1234), 500);
        QCOMPARE(integerTickStep(0), 1);
        for (const double peak : {1.0, 9.0, 13.0, 99.0, 480.0, 77777.0}) {
            const int step = integerTickStep(peak);
            QVERIFY(step >= 1);
            QVERIFY(peak / step <= 6);
        }
    }

    void anyValuesTickOnRoundNumbers()
    {
        QCOMPARE(niceTickStep(8.23), 2.0);
        QCOMPARE(niceTickStep(136), 50.0);
        QCOMPARE(niceTickStep(1.03), 0.2);
        QCOMPARE(niceTickStep(0.04), 0.01);
        for (const double max : {0.3, 7.0, 8.23, 99.0, 1234.5}) {
            const double step = niceTickStep(max);
            QVERIFY(max / step <= 6 + 1e-9);
            // A round number: 1, 2 or 5 times a power of ten.
            const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
            QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9,
                qPrintable(QString::number(step)));
        }
    }

    void durationsInAUnitThatFits()
    {
        QCOMPARE(durationUnitFor(900).name, QStringLiteral("ns"));
        QCOMPARE(durationUnitFor(25'000).name, QStringLiteral("µs"));
        QCOMPARE(durationUnitFor(5'430'000'000).name, QStringLiteral("ms")); // 5430 ms
        QCOMPARE(durationUnitFor(12'000'000'000).name, QStringLiteral("s"));
        QCOMPARE(durationUnitFor(12'000'000'000).nanoseconds, 1e9);
    }

    void timeAxesShowWhatTheRangeNeeds()
    {
        const QDateTime noon(QDate(2025, 3, 10), QTime(12, 0));
        const std::int64_t t = noon.toMSecsSinceEpoch();
        QCOMPARE(timeAxisFormat(t, t + 2'000), QStringLiteral("HH:mm:ss.zzz"));
        QCOMPARE(timeAxisFormat(t, t + 60'000), QStringLiteral("HH:mm:ss"));
        QCOMPARE(timeAxisFormat(t, t + 5 * 3'600'000), QStringLiteral("HH:mm"));
        // Crossing midnight: the date is shown.
        QCOMPARE(timeAxisFormat(t, t + 13 * 3'600'000), QStringLiteral("MM-dd HH:mm"));
    }

    void labelsNeverUseExponents()
    {
        const auto label = [](double step, double value) {
            return QString::asprintf(tickLabelFormat(step).toLatin1().constData(), value);
        };
        for (const double step : {0.005, 0.5, 2.0, 250.0, 500000.0})
            QVERIFY2(!label(step, step * 4).contains(QLatin1Char('e')), qPrintable(label(step, step * 4)));
        QCOMPARE(label(250, 1000), QStringLiteral("1000"));
        // Neighbouring ticks read apart: 0.005 steps once showed 0.01, 0.01, 0.01.
        QCOMPARE(label(0.005, 0.005), QStringLiteral("0.005"));
        QCOMPARE(label(0.005, 0.010), QStringLiteral("0.010"));
        QCOMPARE(label(0.25, 0.75), QStringLiteral("0.75"));
        QCOMPARE(label(0.1, 0.3), QStringLiteral("0.3"));
    }
};

QTEST_MAIN(TestChartScales)
#include "tst_chartscales.moc"
