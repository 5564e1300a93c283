#include "paddedbuffer.h"

#include <QTest>

#include <algorithm>
#include <string>

using namespace Spanwise;

// simdjson reads up to SIMDJSON_PADDING bytes past what it parses: every PaddedBuffer keeps that
// many zero bytes after its content, however it was filled.
namespace {

bool paddedWithZeros(const PaddedBuffer& buffer)
{
    const char* end = buffer.view().data() + buffer.size();
    return std::all_of(end, end + PaddedBuffer::padding, [](char c) { return c == '\0'; });
}

} // namespace

class TestPaddedBuffer : public QObject
{
    Q_OBJECT

private slots:
    void paddingFollowsTheBytes()
    {
        QVERIFY(PaddedBuffer::padding >= 32);
        PaddedBuffer empty;
        QVERIFY(empty.empty() && paddedWithZeros(empty));
        PaddedBuffer buffer(std::string_view("{\"a\":1}"));
        QCOMPARE(buffer.view(), std::string_view("{\"a\":1}"));
        QVERIFY(paddedWithZeros(buffer));
        buffer.append(std::string(200, 'x'));
        QCOMPARE(buffer.size(), std::size_t(207));
        QVERIFY(paddedWithZeros(buffer));
    }

    // Filled in place (file reads, decompression): room is asked for, partly used, committed.
    void growAndCommit()
    {
        PaddedBuffer buffer;
        char* room = buffer.grow(1000);
        std::fill(room, room + 1000, 'y'); // the whole room written, then only part kept
        buffer.commit(10);
        QCOMPARE(buffer.view(), std::string_view("yyyyyyyyyy"));
        QVERIFY(paddedWithZeros(buffer)); // what was written past the kept part is zero again
        buffer.reserve(1 << 20);
        room = buffer.grow(5);
        std::fill(room, room + 5, 'z');
        buffer.commit(5);
        QCOMPARE(buffer.view(), std::string_view("yyyyyyyyyyzzzzz"));
        QVERIFY(paddedWithZeros(buffer));
    }

    // A file-sized buffer is mapped rather than taken from the heap: the same promises hold
    // while it grows past one mapping into the next, and in its copies.
    void largeBuffersKeepTheirBytes()
    {
        PaddedBuffer buffer;
        std::string expected;
        for (int chunk = 0; chunk < 40; ++chunk) { // 40 × 1 MiB: past the 8 MiB where mapping starts
            const std::string bytes(1u << 20, char('a' + chunk % 26));
            char* room = buffer.grow(bytes.size() + 4096);
            std::copy(bytes.begin(), bytes.end(), room);
            buffer.commit(bytes.size());
            expected += bytes;
            QVERIFY(paddedWithZeros(buffer));
        }
        QVERIFY(buffer.view() == expected);
        const PaddedBuffer copy = buffer;
        QVERIFY(copy.view() == expected && copy.view().data() != buffer.view().data());
        QVERIFY(paddedWithZeros(copy));
        PaddedBuffer moved = std::move(buffer);
        QVERIFY(moved.view() == expected && paddedWithZeros(moved));
    }
};

QTEST_GUILESS_MAIN(TestPaddedBuffer)
#include "tst_paddedbuffer.moc"
