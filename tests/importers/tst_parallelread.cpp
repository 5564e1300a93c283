// A file read by several threads at once (importers/parallelread.h) must give what one reader
// gives: the same model, id for id, and the same messages. Every corpus file, the hostile
// files and damaged copies are read by one, two and three readers (the share size lowered so
// that small files are cut too) and the results compared field by field.
#include "corpus.h"
#include "jsonrecords.h"
#include "mutate.h"
#include "parallelread.h"
#include "traceloader.h"
#include "traceset.h"

#include <QDirIterator>
#include <QTest>

#include <algorithm>
#include <tuple>
#include <utility>

using namespace Spanwise;

namespace {

LoadResult load(const std::string& text, unsigned readers)
{
    LoadOptions options;
    options.readers = readers;
    options.minShareBytes = 1;                // cut even a small file into as many shares as there are readers
    options.maxDecompressedBytes = 16u << 20; // the hostile file that inflates to 4 GiB, cut short
    const NamedBuffer buffer {"input", PaddedBuffer(text)};
    return loadTraceBuffers(std::span<const NamedBuffer>(&buffer, 1), options);
}

// Differences are collected as sentences: the first few say what went wrong.
class Comparison
{
public:
    Comparison(const TraceSet& one, const TraceSet& many)
        : m_one(one)
        , m_many(many)
    { }

    void check(bool same, const QString& what)
    {
        if (!same && m_differences.size() < 5)
            m_differences << what;
    }
    bool same() const { return m_differences.isEmpty(); }
    QString differences() const { return m_differences.join(QStringLiteral("; ")); }

    void attributes(Range one, Range many, const QString& where)
    {
        const auto a = m_one.attributes(one), b = m_many.attributes(many);
        check(a.size() == b.size(), where + QStringLiteral(": attribute count"));
        for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
            const QString here = where + QStringLiteral(".attribute[%1]").arg(i);
            check(a[i].key() == b[i].key() && a[i].type() == b[i].type(), here + QStringLiteral(": key or type"));
            switch (a[i].type()) {
            case AttributeType::String:
            case AttributeType::Bytes:
                check(a[i].text == b[i].text, here + QStringLiteral(": text"));
                break;
            case AttributeType::Bool:
                check(a[i].boolean == b[i].boolean, here + QStringLiteral(": value"));
                break;
            case AttributeType::Int:
            case AttributeType::Double:
                check(a[i].integer == b[i].integer, here + QStringLiteral(": value"));
                break;
            case AttributeType::Array:
            case AttributeType::KeyValueList:
                attributes(a[i].children, b[i].children, here);
                break;
            case AttributeType::Empty:
                break;
            }
        }
    }

    void spans()
    {
        check(m_one.spans().size() == m_many.spans().size(), QStringLiteral("span count"));
        for (std::uint32_t i = 0; i < std::min(m_one.spans().size(), m_many.spans().size()); ++i) {
            const Span& a = m_one.spans()[i];
            const Span& b = m_many.spans()[i];
            const QString where = QStringLiteral("span %1").arg(i);
            check(std::tie(a.traceId, a.spanId, a.parentSpanId, a.startNs, a.durationNs, a.operation, a.service,
                      a.resource, a.scope, a.statusMessage, a.traceState, a.traceFlags, a.kind, a.status, a.flags) ==
                    std::tie(b.traceId, b.spanId, b.parentSpanId, b.startNs, b.durationNs, b.operation, b.service,
                        b.resource, b.scope, b.statusMessage, b.traceState, b.traceFlags, b.kind, b.status, b.flags),
                where + QStringLiteral(": fields"));
            attributes(a.attributes, b.attributes, where);
            const auto eventsA = m_one.events(a.events), eventsB = m_many.events(b.events);
            check(eventsA.size() == eventsB.size(), where + QStringLiteral(": event count"));
            for (std::size_t e = 0; e < std::min(eventsA.size(), eventsB.size()); ++e) {
                check(std::tie(eventsA[e].timeNs, eventsA[e].name, eventsA[e].droppedAttributes) ==
                        std::tie(eventsB[e].timeNs, eventsB[e].name, eventsB[e].droppedAttributes),
                    where + QStringLiteral(": event"));
                attributes(eventsA[e].attributes, eventsB[e].attributes, where + QStringLiteral(".event"));
            }
            const auto linksA = m_one.links(a.links), linksB = m_many.links(b.links);
            check(linksA.size() == linksB.size(), where + QStringLiteral(": link count"));
            for (std::size_t l = 0; l < std::min(linksA.size(), linksB.size()); ++l) {
                const Link &x = linksA[l], &y = linksB[l];
                check(std::tie(x.traceId, x.spanId, x.traceState, x.flags, x.droppedAttributes, x.kind) ==
                        std::tie(y.traceId, y.spanId, y.traceState, y.flags, y.droppedAttributes, y.kind),
                    where + QStringLiteral(": link"));
                attributes(x.attributes, y.attributes, where + QStringLiteral(".link"));
            }
            const SpanSource sourceA = m_one.spanSource(SpanIndex {i}), sourceB = m_many.spanSource(SpanIndex {i});
            check(std::tie(sourceA.offset, sourceA.length, sourceA.protoSpan) ==
                    std::tie(sourceB.offset, sourceB.length, sourceB.protoSpan),
                where + QStringLiteral(": source"));
            const SpanDrops dropsA = m_one.dropsOf(SpanIndex {i}), dropsB = m_many.dropsOf(SpanIndex {i});
            check(std::tie(dropsA.attributes, dropsA.events, dropsA.links) ==
                    std::tie(dropsB.attributes, dropsB.events, dropsB.links),
                where + QStringLiteral(": drops"));
        }
    }

    void tables()
    {
        // Ids are compared as numbers above: the pools must hold the same strings in the same order.
        check(m_one.strings().size() == m_many.strings().size(), QStringLiteral("string count"));
        for (std::uint32_t id = 0; id < std::min(m_one.strings().size(), m_many.strings().size()); ++id)
            check(m_one.text(StringId {id}) == m_many.text(StringId {id}), QStringLiteral("string %1").arg(id));
        check(std::ranges::equal(m_one.serviceNames(), m_many.serviceNames()), QStringLiteral("services"));
        check(m_one.resources().size() == m_many.resources().size(), QStringLiteral("resource count"));
        for (std::size_t r = 0; r < std::min(m_one.resources().size(), m_many.resources().size()); ++r) {
            const Resource &a = m_one.resources()[r], &b = m_many.resources()[r];
            check(a.service == b.service && a.droppedAttributes == b.droppedAttributes,
                QStringLiteral("resource %1").arg(r));
            attributes(a.attributes, b.attributes, QStringLiteral("resource %1").arg(r));
        }
        check(m_one.scopes().size() == m_many.scopes().size(), QStringLiteral("scope count"));
        for (std::size_t s = 0; s < std::min(m_one.scopes().size(), m_many.scopes().size()); ++s) {
            const Scope &a = m_one.scopes()[s], &b = m_many.scopes()[s];
            check(a.name == b.name && a.version == b.version, QStringLiteral("scope %1").arg(s));
            attributes(a.attributes, b.attributes, QStringLiteral("scope %1").arg(s));
        }
        check(std::ranges::equal(m_one.spanWarnings(), m_many.spanWarnings(),
                  [](const SpanWarning& a, const SpanWarning& b) { return a.span == b.span && a.text == b.text; }),
            QStringLiteral("span warnings"));
        check(std::ranges::equal(m_one.traceWarnings(), m_many.traceWarnings(),
                  [](const TraceWarning& a, const TraceWarning& b) {
                      return a.traceId == b.traceId && a.text == b.text;
                  }),
            QStringLiteral("trace warnings"));
        check(m_one.logs().size() == m_many.logs().size(), QStringLiteral("log count"));
        for (std::size_t l = 0; l < std::min(m_one.logs().size(), m_many.logs().size()); ++l) {
            const LogRecord &a = m_one.logs()[l], &b = m_many.logs()[l];
            check(std::tie(a.timeNs, a.severityNumber, a.severityText, a.body, a.service, a.traceId, a.spanId, a.offset,
                      a.trace, a.span) ==
                    std::tie(b.timeNs, b.severityNumber, b.severityText, b.body, b.service, b.traceId, b.spanId,
                        b.offset, b.trace, b.span),
                QStringLiteral("log %1").arg(l));
            attributes(a.attributes, b.attributes, QStringLiteral("log %1").arg(l));
        }
        check(m_one.traces().size() == m_many.traces().size(), QStringLiteral("trace count"));
        // Counts every element held: a run of attributes read twice and kept twice shows here.
        check(m_one.approximateBytes() == m_many.approximateBytes(), QStringLiteral("model size"));
    }

private:
    const TraceSet& m_one;
    const TraceSet& m_many;
    QStringList m_differences;
};

// Messages as one set: a break inside a record that two shares divide is given by the share the
// break is in, so its place in the list may move (never its text, place in the file or count).
std::vector<std::tuple<int, std::uint64_t, std::uint32_t, std::uint32_t, std::string, std::string>> messages(
    const ImportReport& report)
{
    std::vector<std::tuple<int, std::uint64_t, std::uint32_t, std::uint32_t, std::string, std::string>> list;
    for (const ImportMessage& m : report.messages)
        list.emplace_back(int(m.severity), m.byteOffset, m.line, m.column, m.jsonPath, m.text);
    std::ranges::sort(list);
    return list;
}

QString compare(const std::string& text, unsigned readers)
{
    const LoadResult one = load(text, 1);
    const LoadResult many = load(text, readers);
    const ImportReport &a = one.reports.front(), &b = many.reports.front();
    QStringList problems;
    if (std::tie(a.format, a.spans, a.logRecords, a.warningCount, a.errorCount, a.failed) !=
        std::tie(b.format, b.spans, b.logRecords, b.warningCount, b.errorCount, b.failed))
        problems << QStringLiteral("report counts: %1 spans %2 warnings %3 errors against %4, %5, %6")
                        .arg(a.spans)
                        .arg(a.warningCount)
                        .arg(a.errorCount)
                        .arg(b.spans)
                        .arg(b.warningCount)
                        .arg(b.errorCount);
    // Under the cap, every message; over it, which ones are kept depends on the order.
    if (a.messagesDropped == 0 && messages(a) != messages(b))
        problems << QStringLiteral("messages differ");
    Comparison model(*one.traces, *many.traces);
    model.tables();
    model.spans();
    if (!model.same())
        problems << model.differences();
    return problems.join(QStringLiteral("; "));
}

QStringList corpusFiles()
{
    QStringList files;
    const QString root = QString::fromStdString(Test::sourceFile(QStringLiteral("tests/data/corpus")));
    for (QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        QString path = QDir(root).relativeFilePath(it.next());
        if (path.endsWith(QLatin1String(".md")) || path.endsWith(QLatin1String("SOURCES.json")) ||
            path.endsWith(QLatin1String("capture-info.json")))
            continue;
        if (path.endsWith(QLatin1String(".zst")))
            path.chop(4);
        files << path;
    }
    files.sort();
    return files;
}

} // namespace

class TestParallelRead : public QObject
{
    Q_OBJECT

private slots:
    void sameAsOneReader_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString& file : corpusFiles())
            QTest::newRow(qPrintable(file)) << file;
    }
    void sameAsOneReader()
    {
        QFETCH(QString, file);
        bool read = false;
        const std::string text = Test::corpusBytes(file, &read).toStdString();
        QVERIFY2(read, qPrintable(file));
        for (const unsigned readers : {2u, 3u}) {
            const QString problems = compare(text, readers);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 readers: %2").arg(readers).arg(problems)));
        }
    }

    // Readers share a resource among equal records (Jaeger's inline processes, OTLP entries
    // without a resource, spans without a process): each share made its own, and the join must
    // keep one, as one reader would. Written here so that every share meets each of them.
    void sharedResourcesStayShared_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("resources");
        QString jaeger = QStringLiteral("[");
        for (int i = 0; i < 40; ++i) {
            const QString process = i % 2
                ? QStringLiteral(R"({"serviceName":"cart","tags":[{"key":"host","type":"string","value":"h1"}]})")
                : QStringLiteral(
                      R"({"serviceName":"shop","tags":[{"key":"zone","type":"string","value":"z9"},{"key":"pid","type":"int64","value":7}]})");
            jaeger += QStringLiteral(
                R"(%1{"traceID":"%2","spanID":"%3","operationName":"op","startTime":1000,"duration":5,"tags":[{"key":"i","type":"int64","value":%4}],%5})")
                          .arg(i ? QStringLiteral(",\n") : QString())
                          .arg(i / 4 + 1, 16, 16, QLatin1Char('0'))
                          .arg(i + 1, 16, 16, QLatin1Char('0'))
                          .arg(i)
                          .arg(i % 5 == 4 ? QStringLiteral(R"("warnings":null)")
                                          : QStringLiteral(R"("process":)") + process);
        }
        jaeger += QStringLiteral("]\n");
        // Two inline processes, and the unknown service's for the spans that name none.
        QTest::newRow("jaeger inline processes") << jaeger << 3;
        QString otlp;
        for (int i = 0; i < 30; ++i)
            otlp += QStringLiteral(
                R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"%1","spanId":"%2","name":"n","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]})"
                "\n")
                        .arg(i + 1, 32, 16, QLatin1Char('0'))
                        .arg(i + 1, 16, 16, QLatin1Char('0'));
        // Every entry lacks a resource: one empty resource for them all.
        QTest::newRow("otlp entries without a resource") << otlp << 1;
    }
    void sharedResourcesStayShared()
    {
        QFETCH(QString, text);
        QFETCH(int, resources);
        const std::string bytes = text.toStdString();
        for (const unsigned readers : {2u, 3u}) {
            const QString problems = compare(bytes, readers);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 readers: %2").arg(readers).arg(problems)));
            QCOMPARE(load(bytes, readers).traces->resources().size(), std::size_t(resources));
        }
    }

    // The hostile files, and every input that once broke a fuzz target (fuzz_load's check of
    // the shares among them).
    void filesOfAFolderToo_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::newRow("hostile") << QString::fromStdString(Test::dataFile(QStringLiteral("hostile")));
        QTest::newRow("fuzz regressions")
            << QString::fromStdString(Test::sourceFile(QStringLiteral("tests/fuzz/regressions")));
    }
    void filesOfAFolderToo()
    {
        QFETCH(QString, folder);
        int files = 0;
        for (QDirIterator it(folder, QDir::Files); it.hasNext(); ++files) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const std::string text = file.readAll().toStdString();
            for (const unsigned readers : {2u, 3u}) {
                const QString problems = compare(text, readers);
                QVERIFY2(problems.isEmpty(),
                    qPrintable(QStringLiteral("%1, %2 readers: %3").arg(it.fileName()).arg(readers).arg(problems)));
            }
        }
        QVERIFY(files > 10);
    }

    // Damage anywhere, a share's border included: breaks, cuts and repeats give the same result.
    void damagedFilesToo_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* file :
            {"public/jaeger/stalk-search-410a8604.json", "public/zipkin-v2/lens-yelp.json",
                "public/otlp-json/jaeger-memstore-otel-traces.json", "sdk/traces.otlp.jsonl", "sdk/traces.zipkin.json"})
            QTest::newRow(file) << QString::fromLatin1(file);
    }
    void damagedFilesToo()
    {
        QFETCH(QString, file);
        bool read = false;
        const std::string original = Test::corpusBytes(file, &read).left(64 * 1024).toStdString();
        QVERIFY2(read, qPrintable(file));
        std::mt19937_64 random(qHash(file, 0)); // seeded alike in every run
        for (int i = 0; i < 300; ++i) {
            const std::string mutant = Test::mutate(original, random);
            const QString problems = compare(mutant, 2 + i % 2);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("mutant %1: %2").arg(i).arg(problems)));
        }
    }

    // A reader stops once its walk has passed its share. A message found after that point about
    // an earlier place (here: at the end of the file, about the '[' at its start) is then the
    // later share's to give, or no reader would give it.
    void lateMessageAboutAnEarlierPlace()
    {
        std::string text = "[";
        for (int i = 0; i < 30; ++i)
            text += QStringLiteral(
                R"(%1{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"%2","spanId":"%2","name":"n"}]}]}]})")
                        .arg(i ? QStringLiteral(",") : QString())
                        .arg(i + 1, 16, 16, QLatin1Char('0'))
                        .toStdString(); // one line: no JSON Lines to resume reading in
        const LoadResult one = load(text, 1);
        QCOMPARE(one.reports.front().spans, std::size_t(30));
        QVERIFY(std::ranges::any_of(one.reports.front().messages, [](const ImportMessage& message) {
            return message.byteOffset == 0 && message.text.find("opened here") != std::string::npos;
        }));
        for (const unsigned readers : {2u, 3u}) {
            const QString problems = compare(text, readers);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 readers: %2").arg(readers).arg(problems)));
        }
    }

    // JSON Lines: a later share starts at its first line instead of walking the lines before
    // it, and is read again, walking, when that start proves wrong.
    void jsonLinesShareStartsAtItsFirstLine_data()
    {
        QTest::addColumn<bool>("damaged");
        QTest::newRow("whole lines") << false;
        QTest::newRow("a broken line across the border") << true;
    }
    void jsonLinesShareStartsAtItsFirstLine()
    {
        QFETCH(bool, damaged);
        // The middle line is long, so the even border falls inside it; the third line is the
        // later share's first. Broken, the middle line costs only itself, and one reader says
        // where reading resumes: in the later share, though the earlier share's reader met it.
        const std::string first = "{\"resourceSpans\":[]}\n";
        const std::string middle = "{\"resourceSpans\":[" + std::string(200, ' ') + (damaged ? "\n" : "]}\n");
        const std::string text = first + middle + "{\"resourceSpans\":[]}\n";
        const std::size_t third = first.size() + middle.size();
        const PaddedBuffer bytes(text);
        TraceSetBuilder builder;
        ImportReport report;
        ImportContext context(PaddedView(bytes), builder, report);
        context.setReaders(2, 1);
        ShareReaders shares(context);
        QCOMPARE(shares.count(), std::size_t(2));
        QCOMPARE(shares.context(1).topLevelStart(), std::uint64_t(third));
        std::vector<std::size_t> firstVisited(2);
        shares.run([&](std::size_t share) {
            JsonRecords records(shares.context(share));
            bool first = true;
            records.forEachTopLevelValue([&](std::size_t pos) {
                if (std::exchange(first, false))
                    firstVisited[share] = pos;
                return records.scanner().valueEnd(pos);
            });
        });
        QCOMPARE(shares.readAgain(), std::size_t(damaged ? 1 : 0));
        // Read again, the later share walked from the file's first value.
        QCOMPARE(firstVisited[1], damaged ? std::size_t(0) : third);
    }
};

QTEST_GUILESS_MAIN(TestParallelRead)
#include "tst_parallelread.moc"
