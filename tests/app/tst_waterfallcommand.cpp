#include "corpus.h"
#include "processes.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

namespace {

int runSpanwise(const QStringList& arguments, QByteArray* err = nullptr)
{
    const Spanwise::Test::ProcessRun result =
        Spanwise::Test::runProgram(QStringLiteral(SPANWISE_EXECUTABLE), arguments);
    if (err)
        *err = result.err;
    return result.exitCode;
}

// Service and operation names that would break an SVG written by string concatenation.
QByteArray hostileTrace()
{
    return "{\"data\":[{\"traceID\":\"a1\",\"spans\":["
           "{\"traceID\":\"a1\",\"spanID\":\"01\",\"operationName\":\"a\\\"b & "
           "<c>\",\"startTime\":10,\"duration\":50,\"processID\":\"p1\"},"
           "{\"traceID\":\"a1\",\"spanID\":\"02\",\"operationName\":\"line\\nbreak\",\"references\":[{\"refType\":"
           "\"CHILD_OF\",\"traceID\":\"a1\",\"spanID\":\"01\"}],"
           "\"startTime\":20,\"duration\":5,\"processID\":\"p2\"}],"
           "\"processes\":{\"p1\":{\"serviceName\":\"</text><script>alert(1)</"
           "script>\"},\"p2\":{\"serviceName\":\"x\\\\y\"}}}]}";
}

// A big trace written as Jaeger JSON: a root (0..1 s) with 100 children, child i running
// [10·i ms, 10·i + 5 ms) with 199 children of its own inside it: 1 + 100 + 19,900 = 20,001 spans, 3 levels.
QByteArray bigTrace()
{
    QByteArray json = "{\"data\":[{\"traceID\":\"b1\",\"processes\":{\"p\":{\"serviceName\":\"svc\"}},\"spans\":[";
    const auto span = [&](int id, int parent, qint64 startUs, qint64 durationUs) {
        json += QByteArray("{\"traceID\":\"b1\",\"spanID\":\"") + QByteArray::number(id, 16) +
            "\",\"operationName\":\"op\",\"processID\":\"p\",\"startTime\":" + QByteArray::number(startUs) +
            ",\"duration\":" + QByteArray::number(durationUs);
        if (parent)
            json += ",\"references\":[{\"refType\":\"CHILD_OF\",\"traceID\":\"b1\",\"spanID\":\"" +
                QByteArray::number(parent, 16) + "\"}]";
        json += "},";
    };
    int next = 1;
    span(next++, 0, 0, 1'000'000);
    for (int child = 0; child < 100; ++child) {
        const int id = next++;
        span(id, 1, child * 10'000, 5'000);
        for (int grandchild = 0; grandchild < 199; ++grandchild)
            span(next++, id, child * 10'000 + grandchild * 20, 10);
    }
    json.chop(1);
    return json + "]}]}";
}

QString corpus(const QString& path)
{
    return QString::fromStdString(Spanwise::Test::corpusFile(path));
}

} // namespace

class TestWaterfallCommand : public QObject
{
    Q_OBJECT

private slots:
    void svgOfHotrod()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("hotrod.svg"));
        QCOMPARE(runSpanwise(
                     {QStringLiteral("waterfall"), corpus(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json")),
                         QStringLiteral("--trace"), QStringLiteral("18231c31672495c6"), QStringLiteral("-o"), out}),
            0);
        bool wellFormed = false, hasScript = false;
        const QStringList texts = Spanwise::Test::svgTextsAndScript(out, &wellFormed, &hasScript);
        QVERIFY(wellFormed);
        for (const char* name : {"frontend", "customer", "driver", "route", "mysql", "redis", "HTTP GET /dispatch",
                 "SQL SELECT", "GetDriver", "FindDriverIDs", "Driver::findNearest", "HTTP GET /route"})
            QVERIFY2(texts.contains(QString::fromLatin1(name)), name);
    }

    void pngOfHotrod()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("hotrod.png"));
        QCOMPARE(runSpanwise(
                     {QStringLiteral("waterfall"), corpus(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json")),
                         QStringLiteral("-o"), out, QStringLiteral("--width"), QStringLiteral("1600")}),
            0);
        const QImage image(out);
        QCOMPARE(image.width(), 1600);
        QVERIFY(image.height() > 500);
    }

    void hostileNamesAreInert()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("hostile.json"));
        QVERIFY(Spanwise::Test::writeFile(input, hostileTrace()));
        const QString out = dir.filePath(QStringLiteral("hostile.svg"));
        QCOMPARE(runSpanwise({QStringLiteral("waterfall"), input, QStringLiteral("-o"), out}), 0);
        bool wellFormed = false, hasScript = true;
        const QString all = Spanwise::Test::svgTextsAndScript(out, &wellFormed, &hasScript).join(QLatin1Char('|'));
        QVERIFY(wellFormed);
        QVERIFY(!hasScript);
        QVERIFY(all.contains(QStringLiteral("</text><script>alert(1)</script>")));
        QVERIFY(all.contains(QStringLiteral("x\\y")));
    }

    // Past the height a PNG may have, the first rows are written, the rest counted, exit 0.
    void aBigTraceFillsAPngAndSaysWhatWasLeftOut()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("big.json"));
        QVERIFY(Spanwise::Test::writeFile(file, bigTrace()));
        QByteArray err;
        const QString png = dir.filePath(QStringLiteral("big.png"));
        QCOMPARE(runSpanwise({QStringLiteral("waterfall"), file, QStringLiteral("-o"), png}, &err), 0);
        QVERIFY2(err.contains("of 20001 rows;") && err.contains("rows were left out"), err.constData());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.height() <= 16'384);
        QVERIFY(image.height() > 16'000); // filled, not cut short
        // The SVG keeps every row and stays well-formed (it is written a block at a time).
        const QString svg = dir.filePath(QStringLiteral("big.svg"));
        QCOMPARE(runSpanwise({QStringLiteral("waterfall"), file, QStringLiteral("-o"), svg}, &err), 0);
        QVERIFY2(!err.contains("left out"), err.constData());
        bool wellFormed = false;
        Spanwise::Test::svgTexts(svg, &wellFormed);
        QVERIFY(wellFormed);
    }

    // --max-rows, --depth and --from/--to narrow the picture; its height tells the rows drawn.
    void rowsDepthAndWindowNarrowThePicture()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("big.json"));
        QVERIFY(Spanwise::Test::writeFile(file, bigTrace()));
        const auto height = [&](const QStringList& extra, QByteArray* err = nullptr) {
            const QString png = dir.filePath(QStringLiteral("n.png"));
            QFile::remove(png);
            if (runSpanwise(QStringList {QStringLiteral("waterfall"), file, QStringLiteral("-o"), png} + extra, err) !=
                0)
                return -1;
            return QImage(png).height();
        };
        QByteArray err;
        const int ten = height({QStringLiteral("--max-rows"), QStringLiteral("10")}, &err);
        QVERIFY2(err.contains("wrote the first 10 of 20001 rows; 19991 rows were left out"), err.constData());
        const int twenty = height({QStringLiteral("--max-rows"), QStringLiteral("20")});
        QVERIFY(ten > 0 && twenty > ten);
        const int rowHeight = (twenty - ten) / 10;
        const int header = ten - 10 * rowHeight;
        // Two levels: the root and its 100 children.
        QCOMPARE(height({QStringLiteral("--depth"), QStringLiteral("2")}, &err), header + 101 * rowHeight);
        QVERIFY2(err.contains("19900 of 20001 spans are outside"), err.constData());
        // 0..25 ms: the root, children 0, 1 and 2 (starting at 0, 10 and 20 ms) and their 3 × 199.
        QCOMPARE(
            height({QStringLiteral("--from"), QStringLiteral("0"), QStringLiteral("--to"), QStringLiteral("25ms")}),
            header + (1 + 3 + 3 * 199) * rowHeight);
        // Both: two levels of that window.
        QCOMPARE(height({QStringLiteral("--from"), QStringLiteral("5ms"), QStringLiteral("--to"),
                     QStringLiteral("25ms"), QStringLiteral("--depth"), QStringLiteral("2")}),
            header + (1 + 3) * rowHeight);
        for (const QStringList& bad : {QStringList {QStringLiteral("--from"), QStringLiteral("soon")},
                 QStringList {
                     QStringLiteral("--from"), QStringLiteral("2s"), QStringLiteral("--to"), QStringLiteral("1s")},
                 QStringList {QStringLiteral("--depth"), QStringLiteral("0")},
                 QStringList {QStringLiteral("--max-rows"), QStringLiteral("-3")}})
            QCOMPARE(height(bad), -1);
    }

    void usageAndFailures()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("x.svg"));
        QByteArray err;
        // Several traces and no --trace: the user must choose.
        QCOMPARE(runSpanwise({QStringLiteral("waterfall"), corpus(QStringLiteral("sdk/traces.otlp.json")),
                                 QStringLiteral("-o"), out},
                     &err),
            2);
        QVERIFY2(err.contains("320 traces"), err.constData());
        QCOMPARE(runSpanwise({QStringLiteral("waterfall"), corpus(QStringLiteral("sdk/traces.otlp.json")),
                     QStringLiteral("--trace"), QStringLiteral("ffff"), QStringLiteral("-o"), out}),
            1);
        QCOMPARE(runSpanwise(
                     {QStringLiteral("waterfall"), corpus(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"))}),
            2);
        QCOMPARE(runSpanwise(
                     {QStringLiteral("waterfall"), corpus(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json")),
                         QStringLiteral("-o"), dir.filePath(QStringLiteral("x.bmp"))},
                     &err),
            1);
        QVERIFY(err.contains("use .svg or .png"));
    }
};

QTEST_GUILESS_MAIN(TestWaterfallCommand)
#include "tst_waterfallcommand.moc"
