// The real OpenTelemetry JS SDK (tests/live/otel-js, pinned by its package-lock.json) exports
// a few hundred spans over OTLP/HTTP, in protobuf and in JSON, to the receiver the window uses
// and to the headless `spanwise receive`. Every span the SDK says it made must arrive, with its
// parent, name and every attribute's value and type.
#include "corpus.h"
#include "hexid.h"
#include "processes.h"
#include "receiverharness.h"
#include "traceloader.h"
#include "traceset.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Spanwise;
using namespace Spanwise::Test;

namespace {

constexpr int tracesPerRun = 40; // 9 spans each: 360 spans a run

QString sdkDir()
{
    return QStringLiteral(SPANWISE_SOURCE_DIR "/tests/live/otel-js");
}

// Runs export.mjs against the URL; the spans it made, one JSON object each, or a failure.
std::expected<QList<QJsonObject>, QString> runSdk(const QString& url, const QString& encoding)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        return std::unexpected(QStringLiteral("node is not installed: packaging/quickstart.sh test installs it"));
    if (!QDir(sdkDir() + QStringLiteral("/node_modules/@opentelemetry/sdk-trace-base")).exists())
        return std::unexpected(QStringLiteral("the SDK is not installed in %1: packaging/quickstart.sh test runs "
                                              "npm ci there")
                                   .arg(sdkDir()));
    QProcess process;
    process.setWorkingDirectory(sdkDir());
    process.start(node,
        {sdkDir() + QStringLiteral("/export.mjs"), QStringLiteral("--url"), url, QStringLiteral("--encoding"), encoding,
            QStringLiteral("--traces"), QString::number(tracesPerRun)});
    // The receiver runs in its own thread, so blocking here is fine.
    if (!process.waitForFinished(60'000) || process.exitCode() != 0)
        return std::unexpected(
            QStringLiteral("export.mjs failed: ") + QString::fromUtf8(process.readAllStandardError()));
    const QByteArray err = process.readAllStandardError();
    if (!err.isEmpty())
        return std::unexpected(QStringLiteral("the SDK reported: ") + QString::fromUtf8(err));
    QList<QJsonObject> made;
    for (const QByteArray& line : process.readAllStandardOutput().split('\n'))
        if (!line.isEmpty())
            made.append(QJsonDocument::fromJson(line).object());
    return made;
}

bool sameValue(const TraceSet& set, const Attribute& a, const QJsonValue& expected)
{
    switch (a.type()) {
    case AttributeType::String:
        return expected.isString() && set.text(a.text) == expected.toString().toStdString();
    case AttributeType::Bool:
        return expected.isBool() && a.boolean == expected.toBool();
    case AttributeType::Int:
        return expected.isDouble() && double(a.integer) == expected.toDouble();
    case AttributeType::Double:
        return expected.isDouble() && a.real == expected.toDouble();
    case AttributeType::Array: {
        const auto elements = set.attributes(a.children);
        const QJsonArray values = expected.toArray();
        if (!expected.isArray() || qsizetype(elements.size()) != values.size())
            return false;
        for (qsizetype i = 0; i < values.size(); ++i)
            if (!sameValue(set, elements[std::size_t(i)], values[i]))
                return false;
        return true;
    }
    default:
        return false;
    }
}

// Empty when every made span is in the set as made; else what differs, first thing first.
QString differences(const TraceSet& set, const QList<QJsonObject>& made)
{
    std::map<std::pair<std::string, std::string>, const Span*> byId;
    for (const Span& span : set.spans())
        byId[{formatTraceId(span.traceId), formatSpanId(span.spanId)}] = &span;
    if (set.spans().size() != std::size_t(made.size()))
        return QStringLiteral("%1 spans arrived, the SDK made %2").arg(set.spans().size()).arg(made.size());
    for (const QJsonObject& expected : made) {
        const auto found = byId.find({expected[QStringLiteral("traceId")].toString().toStdString(),
            expected[QStringLiteral("spanId")].toString().toStdString()});
        const QString id = expected[QStringLiteral("spanId")].toString();
        if (found == byId.end())
            return QStringLiteral("span %1 did not arrive").arg(id);
        const Span& span = *found->second;
        if (set.text(span.operation) != expected[QStringLiteral("name")].toString().toStdString())
            return QStringLiteral("span %1 has another name").arg(id);
        const QString parent = expected[QStringLiteral("parentSpanId")].toString();
        if (span.hasParentId() != !parent.isEmpty() ||
            (span.hasParentId() && formatSpanId(span.parentSpanId) != parent.toStdString()))
            return QStringLiteral("span %1 has another parent").arg(id);
        const QJsonObject attributes = expected[QStringLiteral("attributes")].toObject();
        if (set.attributes(span.attributes).size() != std::size_t(attributes.size()))
            return QStringLiteral("span %1 has %2 attributes, not %3")
                .arg(id)
                .arg(set.attributes(span.attributes).size())
                .arg(attributes.size());
        for (const Attribute& a : set.attributes(span.attributes)) {
            const QString key = QString::fromUtf8(set.text(a.key()));
            if (!attributes.contains(key) || !sameValue(set, a, attributes[key]))
                return QStringLiteral("span %1: attribute %2 differs").arg(id, key);
        }
    }
    return {};
}

LoadResult loadLines(const std::string& lines)
{
    std::vector<NamedBuffer> buffers;
    buffers.push_back({"received", PaddedBuffer(lines)});
    return loadTraceBuffers(buffers);
}

} // namespace

class TestOtlpSdkExport : public QObject
{
    Q_OBJECT

private slots:
    void windowReceiver_data() { encodings(); }
    void windowReceiver()
    {
        QFETCH(QString, encoding);
        ReceiverHarness receiver;
        const auto made = runSdk(QStringLiteral("http://127.0.0.1:%1/v1/traces").arg(receiver.port()), encoding);
        QVERIFY2(made, qPrintable(made.error()));
        QCOMPARE(made->size(), tracesPerRun * 9);
        std::string lines;
        for (const auto& batch : receiver.batches())
            lines += batch->toOtlpJson() + '\n';
        QVERIFY(receiver.batches().size() > 1); // the SDK sent several requests
        const LoadResult received = loadLines(lines);
        const QString difference = differences(*received.traces, *made);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void headlessReceiver_data() { encodings(); }
    void headlessReceiver()
    {
        QFETCH(QString, encoding);
        QTemporaryDir dir;
        const QString output = dir.filePath(QStringLiteral("received.jsonl"));
        QProcess receive;
        receive.start(QStringLiteral(SPANWISE_EXECUTABLE),
            {QStringLiteral("receive"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("-o"),
                output, QStringLiteral("--max-spans"), QString::number(tracesPerRun * 9)});
        QVERIFY(receive.waitForReadyRead(10'000));
        const QByteArray first = receive.readLine().trimmed();
        QVERIFY2(first.startsWith("listening on 127.0.0.1:"), first.constData());
        const QByteArray port = first.mid(first.lastIndexOf(':') + 1);
        const auto made =
            runSdk(QStringLiteral("http://127.0.0.1:%1/v1/traces").arg(QString::fromLatin1(port)), encoding);
        QVERIFY2(made, qPrintable(made.error()));
        // --max-spans: it stops by itself once every span arrived, exit 0.
        QVERIFY(receive.waitForFinished(10'000));
        QCOMPARE(receive.exitStatus(), QProcess::NormalExit);
        QCOMPARE(receive.exitCode(), 0);
        const std::string path = output.toStdString();
        const LoadResult received = loadTraceFiles(std::span(&path, 1));
        QCOMPARE(received.reports.front().format, std::string("otlp-jsonl"));
        QCOMPARE(received.reports.front().warningCount, std::size_t(0));
        const QString difference = differences(*received.traces, *made);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

private:
    void encodings()
    {
        QTest::addColumn<QString>("encoding");
        QTest::newRow("protobuf") << QStringLiteral("proto");
        QTest::newRow("json") << QStringLiteral("json");
    }
};

QTEST_GUILESS_MAIN(TestOtlpSdkExport)
#include "tst_otlpsdkexport.moc"
