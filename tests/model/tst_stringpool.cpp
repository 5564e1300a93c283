// The string pool: one id per distinct text, dense and stable, through the table's growth,
// for texts that share their first eight bytes or differ only in length.
#include "stringpool.h"

#include <QTest>

#include <string>
#include <vector>

using namespace Spanwise;

class TestStringPool : public QObject
{
    Q_OBJECT

private slots:
    void oneIdPerText()
    {
        StringPool pool;
        QCOMPARE(pool.intern(""), StringPool::empty());
        // Enough texts to grow the table many times; a shared prefix, lengths 1 to 40.
        std::vector<std::string> texts;
        for (int i = 0; i < 50'000; ++i)
            texts.push_back("http.request.header." + std::to_string(i) + std::string(std::size_t(i % 20), 'x'));
        texts.push_back("a");
        texts.push_back(std::string("a\0", 2)); // differs from "a" only in length
        std::vector<StringId> ids;
        for (const std::string& text : texts)
            ids.push_back(pool.intern(text));
        QCOMPARE(pool.size(), texts.size() + 1);
        for (std::size_t i = 0; i < texts.size(); ++i) {
            QCOMPARE(ids[i].value, std::uint32_t(i + 1)); // dense, in order of first sight
            QCOMPARE(pool.intern(texts[i]), ids[i]);
            QCOMPARE(pool.find(texts[i]), ids[i]);
            QCOMPARE(pool.view(ids[i]), std::string_view(texts[i]));
        }
        QVERIFY(!pool.find("never interned").isValid());

        // A copy answers alike and owns its texts.
        const StringPool copy = pool;
        pool = StringPool();
        QCOMPARE(copy.find(texts[123]), ids[123]);
        QCOMPARE(copy.view(ids[123]), std::string_view(texts[123]));
    }
};

QTEST_GUILESS_MAIN(TestStringPool)
#include "tst_stringpool.moc"
