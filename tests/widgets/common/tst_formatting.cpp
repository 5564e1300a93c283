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

    void serviceColorsAreStableAndDistinct()
    {
        // The colour follows the name's text, not the string object: built from parts, the same.
        QString built = QStringLiteral("front");
        built += QStringLiteral("end");
        QCOMPARE(serviceColor(built), serviceColor(QStringLiteral("frontend")));
        // Stable in every run: FNV-1a (offset 2166136261, prime 16777619) over the UTF-16 code
        // units picks one of the 16 palette entries; computed here on its own, not by the code.
        std::uint32_t hash = 2166136261u;
        for (const char16_t unit : u"frontend") {
            if (unit == 0)
                break;
            hash = (hash ^ unit) * 16777619u;
        }
        const QRgb palette[16] = {0x4e79a7, 0xf28e2b, 0x59a14f, 0xb07aa1, 0x76b7b2, 0xedc948, 0xff9da7, 0x9c755f,
            0x86bcb6, 0x8cd17d, 0xa0cbe8, 0xffbe7d, 0xd4a6c8, 0x499894, 0xf1ce63, 0x79706e};
        QCOMPARE(serviceColor(QStringLiteral("frontend")).rgb() & 0xffffff, palette[hash % 16]);
        QSet<QString> colours;
        for (const char* name : {"frontend", "customer", "driver", "route", "mysql", "redis"})
            colours.insert(serviceColor(QString::fromLatin1(name)).name());
        QVERIFY(colours.size() >= 4);
    }
};

QTEST_MAIN(TestFormatting)
#include "tst_formatting.moc"
