#include "hugepages.h"

#include <QTest>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

using namespace Spanwise;

// Huge pages are advice: whatever the kernel does with it, the arrays behave as before.
class TestHugePages : public QObject
{
    Q_OBJECT

private slots:
    void reserveMoreKeepsContentsAndMakesRoom();
    void adviceOnAnyRangeLeavesMemoryAsItWas();
};

void TestHugePages::reserveMoreKeepsContentsAndMakesRoom()
{
    std::vector<std::uint64_t> items(1000);
    std::iota(items.begin(), items.end(), 0);
    constexpr std::size_t more = 3u << 20; // 24 MiB of room: whole huge pages inside
    reserveMore(items, more);
    QVERIFY(items.capacity() >= 1000 + more);
    QCOMPARE(items.size(), std::size_t(1000));
    QCOMPARE(items[999], std::uint64_t(999));
    const std::uint64_t* room = items.data();
    for (std::size_t i = 0; i < more; ++i)
        items.push_back(i);
    QCOMPARE(items.data(), room); // filled without moving
    QCOMPARE(items[1000 + more - 1], std::uint64_t(more - 1));
}

void TestHugePages::adviceOnAnyRangeLeavesMemoryAsItWas()
{
    std::vector<char> bytes(5u << 20, 'x');
    adviseHugePages(bytes.data(), 0);                    // nothing
    adviseHugePages(bytes.data() + 1, 100);              // inside one small page
    adviseHugePages(bytes.data() + 3, bytes.size() - 7); // unaligned at both ends
    QCOMPARE(std::count(bytes.begin(), bytes.end(), 'x'), std::ptrdiff_t(bytes.size()));
}

QTEST_GUILESS_MAIN(TestHugePages)
#include "tst_hugepages.moc"
