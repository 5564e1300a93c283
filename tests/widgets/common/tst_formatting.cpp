#include "formatting.h"
#include "servicecolors.h"

#include <QTest>

using namespace Spanwise;

class TestFormatting : public QObject
{
    Q_OBJECT

private slots:
    void durations_data()
    {
        QTest::addColumn<qint64>("nanoseconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << "0 ns";
        QTest::newRow("nanoseconds") << qint64(999) << "999 ns";
        QTest::newRow("microseconds") << qint64(1500) << QStringLiteral("1.50 µs");
        QTest::newRow("milliseconds") << qint64(73'921'000) << "73.9 ms";
        QTest::newRow("hundreds of ms") << qint64(250'400'000) << "250 ms";
        QTest::newRow("seconds") << qint64(1'250'000'000) << "1.25 s";
        QTest::newRow("minutes") << qint64(125'000'000'000) << "2 min 5 s";
        QTest::newRow("hours") << qint64(7'380'000'000'000) << "2 h 3 min";
        QTest::newRow("negative (clock skew)") << qint64(-2'500'000) << "-2.50 ms";
    }
    void durations()
    {
        QFETCH(qint64, nanoseconds);
        QFETCH(QString, text);
        QCOMPARE(formatDuration(nanoseconds), text);
    }

    // Differences (compare): a plus for slower, a minus for faster, no sign for none.
    void durationChanges()
    {
        QCOMPARE(formatDurationChange(50'000'000), QStringLiteral("+50.0 ms"));
        QCOMPARE(formatDurationChange(-128'000), QStringLiteral("-128 µs"));
        QCOMPARE(formatDurationChange(0), QStringLiteral("0 ns"));
    }

    void serviceColorsAreDistinctAndStable()
    {
        std::vector<QString> names;
        for (int i = 0; i < 30; ++i)
            names.push_back(QStringLiteral("service-%1").arg(i, 2, 10, QLatin1Char('0')));
        for (const bool dark : {false, true}) {
            // Up to 20 services, no two share a colour; past it, still all distinct here.
            const std::vector<QColor> colours = assignServiceColors(names, dark);
            QSet<QRgb> seen;
            for (std::size_t i = 0; i < distinctServiceColors; ++i)
                seen.insert(colours[i].rgb());
            QCOMPARE(seen.size(), qsizetype(distinctServiceColors));
            for (const QColor& colour : colours)
                seen.insert(colour.rgb());
            QCOMPARE(seen.size(), qsizetype(names.size()));
            // Deterministic: the same names in another order get the same colour each.
            std::vector<QString> shuffled(names.rbegin(), names.rend());
            const std::vector<QColor> again = assignServiceColors(shuffled, dark);
            for (std::size_t i = 0; i < names.size(); ++i)
                QCOMPARE(again[names.size() - 1 - i], colours[i]);
            // Readable on the theme's background: far enough from it in lightness.
            const int background = dark ? 0x21 : 0xff;
            for (std::size_t i = 0; i < distinctServiceColors; ++i)
                QVERIFY2(std::abs(colours[i].lightness() - background) > 40, qPrintable(colours[i].name()));
        }
        // The dark theme has a palette of its own.
        QVERIFY(assignServiceColors(names, true)[0] != assignServiceColors(names, false)[0]);
        // The first hues of the light palette are the designed ones, in name order.
        const std::vector<QColor> three =
            assignServiceColors({QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}, false);
        QCOMPARE(three[1].rgb() & 0xffffff, QRgb(0x4e79a7)); // "a" first
        QCOMPARE(three[2].rgb() & 0xffffff, QRgb(0xf28e2b));
        QCOMPARE(three[0].rgb() & 0xffffff, QRgb(0x59a14f));
    }
};

QTEST_MAIN(TestFormatting)
#include "tst_formatting.moc"
