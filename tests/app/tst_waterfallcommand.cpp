#include "corpus.h"
#include "processes.h"

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
