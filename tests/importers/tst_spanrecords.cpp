#include "corpus.h"
#include "hexid.h"
#include "loadchecks.h"
#include "spanrecords.h"
#include "traceloader.h"
#include "traceset.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Spanwise;

namespace {

// The id of a record, whatever the format calls it and however it writes it.
std::optional<std::uint64_t> idOf(const QJsonObject& record, const char* key)
{
    return parseHexSpanId(record.value(QLatin1String(key)).toString().toStdString());
}

} // namespace

// The span details' raw JSON: each span's record read back from its file by byte range
// (re-inflated for compressed files; the OTLP JSON mapping for protobuf), and it must be the
// record of that very span: its id, name and timing are compared with the loaded span.
class TestSpanRecords : public QObject
{
    Q_OBJECT

private slots:
    void recordsRoundTripTheSpansFields_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("idKey");
        QTest::addColumn<QString>("nameKey");
        QTest::addColumn<bool>("converted");
        QTest::newRow("jaeger") << "public/jaeger/stalk-publish-cv5.json"
                                << "spanID"
                                << "operationName" << false;
        QTest::newRow("jaeger zstd") << "public/jaeger/stalk-hotrod-18231c31.json.zst"
                                     << "spanID"
                                     << "operationName" << false;
        QTest::newRow("zipkin v2") << "sdk/traces.zipkin.json.zst"
                                   << "id"
                                   << "name" << false;
        QTest::newRow("zipkin v1") << "public/zipkin-v1/otelcol-v1-multiple-batches.json"
                                   << "id"
                                   << "name" << false;
        QTest::newRow("otlp json") << "sdk/traces.otlp.json.zst"
                                   << "spanId"
                                   << "name" << false;
        QTest::newRow("otlp jsonl") << "sdk/traces.otlp.jsonl.zst"
                                    << "spanId"
                                    << "name" << false;
        QTest::newRow("otlp protobuf") << "sdk/traces.otlp.pb.zst"
                                       << "spanId"
                                       << "name" << true;
        QTest::newRow("otlp framed protobuf") << "sdk/traces.otlp-lenprefixed.bin.zst"
                                              << "spanId"
                                              << "name" << true;
    }

    void recordsRoundTripTheSpansFields()
    {
        QFETCH(QString, file);
        QFETCH(QString, idKey);
        QFETCH(QString, nameKey);
        QFETCH(bool, converted);
        const std::string path = Test::corpusFile(file);
        const LoadResult result = loadTraceFiles(std::span<const std::string>(&path, 1));
        SPANWISE_VERIFY_LOADED(result);
        const TraceSet& set = *result.traces;
        // The first, a middle and the last span, and every span of the first trace at once.
        std::vector<SpanIndex> asked {SpanIndex {0}, SpanIndex {static_cast<std::uint32_t>(set.spans().size() / 2)},
            SpanIndex {static_cast<std::uint32_t>(set.spans().size() - 1)}};
        for (const SpanIndex span : set.forest().spansOf(set.trace(TraceIndex {0})))
            asked.push_back(span);
        const std::vector<SpanRecord> records = readSpanRecords(set, asked);
        QCOMPARE(records.size(), asked.size());
        for (std::size_t i = 0; i < asked.size(); ++i) {
            const SpanRecord& record = records[i];
            QVERIFY2(record.error.empty(), record.error.c_str());
            QCOMPARE(record.converted, converted);
            QJsonParseError error;
            const QJsonObject json = QJsonDocument::fromJson(QByteArray::fromStdString(record.json), &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
            const Span& span = set.span(asked[i]);
            QCOMPARE(idOf(json, idKey.toLatin1().constData()), std::optional<std::uint64_t> {span.spanId});
            QCOMPARE(json.value(nameKey).toString().toStdString(), std::string(set.text(span.operation)));
            if (converted) {
                // Times are strings of nanoseconds in the OTLP JSON mapping.
                const qint64 start = json.value(QStringLiteral("startTimeUnixNano")).toString().toLongLong();
                const qint64 end = json.value(QStringLiteral("endTimeUnixNano")).toString().toLongLong();
                QCOMPARE(end - start, span.durationNs);
                QCOMPARE(start, span.startNs);
            }
        }
    }

    // A file that changed after loading is said to have changed, never shown as another record.
    void aChangedFileIsSaid()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("publish.json"));
        QVERIFY(QFile::copy(
            QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-publish-cv5.json"))), copy));
        const std::string path = copy.toStdString();
        const LoadResult result = loadTraceFiles(std::span<const std::string>(&path, 1));
        SPANWISE_VERIFY_LOADED(result);
        // Gone: said so.
        QVERIFY(QFile::remove(copy));
        const std::vector<SpanRecord> gone = readSpanRecords(*result.traces, std::vector {SpanIndex {0}});
        QVERIFY2(gone.front().error.find("cannot open") != std::string::npos, gone.front().error.c_str());

        // The same file with its text moved by one byte: the record's range no longer holds it.
        QFile original(
            QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-publish-cv5.json"))));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QFile shifted(copy);
        QVERIFY(shifted.open(QIODevice::WriteOnly));
        shifted.write(" " + original.readAll());
        shifted.close();
        const std::vector<SpanRecord> moved = readSpanRecords(*result.traces, std::vector {SpanIndex {0}});
        QVERIFY2(moved.front().error.find("changed") != std::string::npos, moved.front().error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSpanRecords)
#include "tst_spanrecords.moc"
