#include "fixtures.h"
#include "mappedfile.h"
#include "processes.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <string>

#include <unistd.h>

using namespace Spanwise;

// A trace file is mapped rather than copied: the bytes read as the file holds them, zeros follow
// them for simdjson, pages given back read the same again, and a file cut short while mapped
// reads as zeros where it lost bytes instead of ending the process.
class TestMappedFile : public QObject
{
    Q_OBJECT

private slots:
    void readsTheFileAndPadsIt_data()
    {
        QTest::addColumn<int>("size");
        const int page = static_cast<int>(::sysconf(_SC_PAGESIZE));
        QTest::newRow("one byte") << 1;
        QTest::newRow("a page exactly") << page;
        QTest::newRow("pages and a bit") << 3 * page + 17;
    }

    void readsTheFileAndPadsIt()
    {
        QFETCH(int, size);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f.json"));
        std::string bytes(static_cast<std::size_t>(size), 'x');
        for (std::size_t i = 0; i < bytes.size(); ++i)
            bytes[i] = static_cast<char>('a' + i % 26);
        QVERIFY(Test::writeFile(path, QByteArray::fromStdString(bytes)));
        auto mapped = MappedFile::open(path.toStdString());
        QVERIFY2(mapped, mapped ? "" : mapped.error().c_str());
        QVERIFY(mapped->view() == bytes);
        const char* end = mapped->view().data() + mapped->view().size();
        QVERIFY(std::all_of(end, end + PaddedBuffer::padding, [](char c) { return c == '\0'; }));
        QVERIFY(!mapped->wasCutShort());
    }

    // What cannot be mapped is left to the reader, which says what is wrong with it.
    void mapsOnlyNonEmptyRegularFiles()
    {
        QTemporaryDir dir;
        const QString empty = dir.filePath(QStringLiteral("empty.json"));
        QVERIFY(Test::writeFile(empty, {}));
        QVERIFY(!MappedFile::open(empty.toStdString()));
        QVERIFY(!MappedFile::open(dir.path().toStdString()));
        QVERIFY(!MappedFile::open(dir.filePath(QStringLiteral("missing.json")).toStdString()));
    }

    void releasedPagesReadTheSame()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.json"));
        std::string bytes(3u << 20, ' ');
        for (std::size_t i = 0; i < bytes.size(); i += 997)
            bytes[i] = static_cast<char>('a' + i % 26);
        QVERIFY(Test::writeFile(path, QByteArray::fromStdString(bytes)));
        auto mapped = MappedFile::open(path.toStdString());
        QVERIFY(mapped);
        QVERIFY(mapped->view() == bytes);
        mapped->release(0, bytes.size());
        QVERIFY(mapped->view() == bytes);
    }

    void aFileCutShortReadsAsZeros()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.json"));
        const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        QVERIFY(Test::writeFile(path, QByteArray(static_cast<int>(4 * page), 'x')));
        auto mapped = MappedFile::open(path.toStdString());
        QVERIFY(mapped);
        // Another program rewrites the file while it is being read.
        QCOMPARE(::truncate(path.toLocal8Bit().constData(), static_cast<off_t>(page)), 0);
        const std::string_view view = mapped->view();
        QCOMPARE(std::count(view.begin(), view.end(), 'x'), std::ptrdiff_t(page));
        QCOMPARE(std::count(view.begin(), view.end(), '\0'), std::ptrdiff_t(3 * page));
        QVERIFY(mapped->wasCutShort());
    }
};

QTEST_GUILESS_MAIN(TestMappedFile)
#include "tst_mappedfile.moc"
