#include "corpus.h"
#include "generator.h"
#include "jaegerwriter.h"

#include <QFile>
#include <QTest>

#include <sstream>

// The bundled demo trace is the generator's output, not a hand-edited file: regenerating it
// with the documented options gives the committed bytes.
class TestDemoTrace : public QObject
{
    Q_OBJECT

private slots:
    void demoIsGenerated()
    {
        Spanwise::TraceGen::Generator generator(Spanwise::TraceGen::demoTraceOptions());
        std::ostringstream generated;
        Spanwise::TraceGen::writeJaegerJson(generator.generate(), generated);
        QFile committed(
            QString::fromStdString(Spanwise::Test::sourceFile(QStringLiteral("resources/demo/demo-trace.json"))));
        QVERIFY(committed.open(QIODevice::ReadOnly));
        QVERIFY2(committed.readAll() == QByteArray::fromStdString(generated.str()),
            "resources/demo/demo-trace.json differs from `spanwise-tracegen --demo` output: regenerate it");
    }

    void sameSeedSameTraces()
    {
        Spanwise::TraceGen::GeneratorOptions options;
        options.seed = 99;
        options.traces = 3;
        std::ostringstream a, b;
        Spanwise::TraceGen::writeJaegerJson(Spanwise::TraceGen::Generator(options).generate(), a);
        Spanwise::TraceGen::writeJaegerJson(Spanwise::TraceGen::Generator(options).generate(), b);
        QCOMPARE(a.str(), b.str());
        options.seed = 100;
        std::ostringstream c;
        Spanwise::TraceGen::writeJaegerJson(Spanwise::TraceGen::Generator(options).generate(), c);
        QVERIFY(a.str() != c.str());
    }

    void batchTracesReachTheirSize()
    {
        Spanwise::TraceGen::GeneratorOptions options;
        options.traces = 1;
        options.spansPerTrace = 2000;
        const auto traces = Spanwise::TraceGen::Generator(options).generate();
        QCOMPARE(traces.size(), std::size_t(1));
        QVERIFY(traces[0].spans.size() >= 2000);
        QVERIFY(traces[0].spans.size() < 2200);
    }
};

QTEST_GUILESS_MAIN(TestDemoTrace)
#include "tst_demotrace.moc"
