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
        QCOMPARE(serviceColor(QStringLiteral("frontend")), serviceColor(QStringLiteral("frontend")));
        // The palette is fixed: the same name gets the same colour in every run and view.
        QCOMPARE(serviceColor(QStringLiteral("frontend")).name(), serviceColor(QString::fromUtf8("frontend")).name());
        QSet<QString> colours;
        for (const char* name : {"frontend", "customer", "driver", "route", "mysql", "redis"})
            colours.insert(serviceColor(QString::fromLatin1(name)).name());
        QVERIFY(colours.size() >= 4);
    }
};

QTEST_MAIN(TestFormatting)
#include "tst_formatting.moc"
