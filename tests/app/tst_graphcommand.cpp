#include "corpus.h"
#include "processes.h"

#include <QFile>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

int run(const QString& program, const QStringList& arguments, QByteArray* err = nullptr)
{
    const Spanwise::Test::ProcessRun result = Spanwise::Test::runProgram(program, arguments);
    if (err)
        *err = result.err;
    return result.exitCode;
}

int spanwise(const QStringList& arguments, QByteArray* err = nullptr)
{
    return run(QStringLiteral(SPANWISE_EXECUTABLE), QStringList {QStringLiteral("graph")} + arguments, err);
}

QString sdk()
{
    return QString::fromStdString(Spanwise::Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")));
}

// Services named to break an SVG or DOT writer that glues strings together.
QByteArray hostileTrace()
{
    return "{\"data\":[{\"traceID\":\"a1\",\"spans\":["
           "{\"traceID\":\"a1\",\"spanID\":\"01\",\"operationName\":\"o\",\"startTime\":10,\"duration\":50,"
           "\"processID\":\"p1\"},"
           "{\"traceID\":\"a1\",\"spanID\":\"02\",\"operationName\":\"o\",\"references\":[{\"refType\":\"CHILD_OF\","
           "\"traceID\":\"a1\",\"spanID\":\"01\"}],"
           "\"startTime\":20,\"duration\":5,\"processID\":\"p2\"},"
           "{\"traceID\":\"a1\",\"spanID\":\"03\",\"operationName\":\"o\",\"references\":[{\"refType\":\"CHILD_OF\","
           "\"traceID\":\"a1\",\"spanID\":\"02\"}],"
           "\"startTime\":21,\"duration\":3,\"processID\":\"p3\"},"
           "{\"traceID\":\"a1\",\"spanID\":\"04\",\"operationName\":\"o\",\"references\":[{\"refType\":\"CHILD_OF\","
           "\"traceID\":\"a1\",\"spanID\":\"03\"}],"
           "\"startTime\":22,\"duration\":1,\"processID\":\"p4\"}],"
           "\"processes\":{\"p1\":{\"serviceName\":\"a\\\"b\"},\"p2\":{\"serviceName\":\"x\\\\y\"},"
           "\"p3\":{\"serviceName\":\"</text><script>alert(1)</script>\"},\"p4\":{\"serviceName\":\"two\\nlines\"}}}]}";
}

// 100 services and 940 distinct calls between them, each call its own two-span trace: the
// size of map whose dot layout once ran for minutes. Pairs from a fixed-seed generator.
QByteArray denseMapTrace()
{
    QByteArray json = "[";
    std::uint64_t state = 12345;
    const auto next = [&] { return (state = state * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; };
    QSet<QPair<int, int>> pairs;
    while (pairs.size() < 940) {
        const int from = int(next() % 100), to = int(next() % 100);
        if (from != to)
            pairs.insert({from, to});
    }
    int trace = 0;
    for (const auto& [from, to] : std::as_const(pairs)) {
        ++trace;
        const QByteArray id = QByteArray::number(trace, 16);
        if (json.size() > 1)
            json += ',';
        json += "{\"traceId\":\"" + id +
            "\",\"id\":\"1\",\"name\":\"call\",\"timestamp\":1700000000000000,\"duration\":10,"
            "\"localEndpoint\":{\"serviceName\":\"service-" +
            QByteArray::number(from) +
            "\"}},"
            "{\"traceId\":\"" +
            id +
            "\",\"id\":\"2\",\"parentId\":\"1\",\"name\":\"serve\",\"timestamp\":1700000000000001,"
            "\"duration\":5,\"localEndpoint\":{\"serviceName\":\"service-" +
            QByteArray::number(to) + "\"}}";
    }
    return json + "]";
}

} // namespace

class TestGraphCommand : public QObject
{
    Q_OBJECT

private slots:
    // The dense map is laid out (by the helper, with bounded effort) instead of running for
    // minutes; every service is on it.
    void denseMapFinishes()
    {
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("dense.json"));
        QVERIFY(Spanwise::Test::writeFile(trace, denseMapTrace()));
        const QString out = dir.filePath(QStringLiteral("dense.svg"));
        QByteArray err;
        QCOMPARE(spanwise({trace, QStringLiteral("-o"), out}, &err), 0);
        bool wellFormed = false;
        const QStringList texts = Spanwise::Test::svgTexts(out, &wellFormed);
        QVERIFY(wellFormed);
        for (int i = 0; i < 100; ++i)
            QVERIFY2(texts.contains(QStringLiteral("service-%1").arg(i)), qPrintable(QString::number(i)));
    }

    void svgOfTheSdkCapture()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("deps.svg"));
        QCOMPARE(spanwise({sdk(), QStringLiteral("-o"), out}), 0);
        bool wellFormed = false, hasScript = false;
        const QStringList texts = Spanwise::Test::svgTextsAndScript(out, &wellFormed, &hasScript);
        QVERIFY(wellFormed);
        for (const char* service : {"web-frontend", "api-gateway", "auth-service", "catalog-service", "orders-service",
                 "inventory-service", "payments-service", "notification-worker", "analytics-batch"})
            QVERIFY2(texts.contains(QString::fromLatin1(service)), service);
        QVERIFY(texts.contains(QStringLiteral("290 calls, 5 err")));
    }

    void pngAndDot()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("deps.png"));
        QCOMPARE(spanwise({sdk(), QStringLiteral("-o"), png}), 0);
        QVERIFY(QImage(png).width() > 500);
        const QString dot = dir.filePath(QStringLiteral("deps.dot"));
        QCOMPARE(spanwise({sdk(), QStringLiteral("-o"), dot, QStringLiteral("--no-virtual")}), 0);
        // Graphviz's own dot accepts what we wrote.
        const QString svg = dir.filePath(QStringLiteral("by-dot.svg"));
        QCOMPARE(run(QStringLiteral("dot"), {QStringLiteral("-Tsvg"), dot, QStringLiteral("-o"), svg}), 0);
        QVERIFY(QFile(svg).size() > 1000);
    }

    void focusAndDepth()
    {
        QTemporaryDir dir;
        const QString dot = dir.filePath(QStringLiteral("focus.dot"));
        QCOMPARE(
            spanwise({sdk(), QStringLiteral("-o"), dot, QStringLiteral("--focus"), QStringLiteral("orders-service"),
                QStringLiteral("--depth"), QStringLiteral("1"), QStringLiteral("--no-virtual")}),
            0);
        QFile file(dot);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        // orders-service, its caller api-gateway and its three callees; not web-frontend.
        for (const char* name :
            {"orders-service", "api-gateway", "inventory-service", "payments-service", "notification-worker"})
            QVERIFY2(text.contains(name), name);
        QVERIFY(!text.contains("web-frontend"));
        QVERIFY(!text.contains("auth-service"));
    }

    void hostileNamesStayWellFormedAndInert()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("hostile.json"));
        QVERIFY(Spanwise::Test::writeFile(input, hostileTrace()));
        const QString svg = dir.filePath(QStringLiteral("hostile.svg"));
        QByteArray err;
        QCOMPARE(spanwise({input, QStringLiteral("-o"), svg}, &err), 0);
        bool wellFormed = false, hasScript = true;
        const QString all = Spanwise::Test::svgTextsAndScript(svg, &wellFormed, &hasScript).join(QLatin1Char('|'));
        QVERIFY(wellFormed);
        QVERIFY(!hasScript);
        QVERIFY2(all.contains(QStringLiteral("</text><script>alert(1)</script>")), qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("a\"b")));
        QVERIFY(all.contains(QStringLiteral("x\\y")));
        const QString dot = dir.filePath(QStringLiteral("hostile.dot"));
        QCOMPARE(spanwise({input, QStringLiteral("-o"), dot}), 0);
        QCOMPARE(run(QStringLiteral("dot"),
                     {QStringLiteral("-Tsvg"), dot, QStringLiteral("-o"), dir.filePath(QStringLiteral("d.svg"))}),
            0);
        bool dotWellFormed = false, dotScript = true;
        Spanwise::Test::svgTextsAndScript(dir.filePath(QStringLiteral("d.svg")), &dotWellFormed, &dotScript);
        QVERIFY(dotWellFormed);
        QVERIFY(!dotScript);
    }

    void usage()
    {
        QCOMPARE(spanwise({sdk()}), 2);
        QCOMPARE(spanwise({sdk(), QStringLiteral("-o"), QStringLiteral("/tmp/x.svg"), QStringLiteral("--focus"),
                     QStringLiteral("nobody")}),
            1);
    }
};

QTEST_GUILESS_MAIN(TestGraphCommand)
#include "tst_graphcommand.moc"
