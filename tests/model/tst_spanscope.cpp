#include "fixtures.h"
#include "spanscope.h"
#include "traceset.h"

#include <QTest>

using namespace Spanwise;

// What a view's scope covers: one trace, the traces a filter passes, or all.
class TestSpanScope : public QObject
{
    Q_OBJECT

    // Three traces of 1, 2 and 3 spans.
    std::shared_ptr<const TraceSet> m_set = Test::buildTraceSet({
        {1, {}, "a", "x", 0, 10, false, 1},
        {1, {}, "b", "y", 0, 10, false, 2},
        {2, 1, "b", "z", 1, 5, false, 2},
        {1, {}, "c", "w", 0, 10, false, 3},
        {2, 1, "c", "v", 1, 5, false, 3},
        {3, 1, "c", "u", 2, 5, false, 3},
    });

private slots:
    void tracesInScope()
    {
        QCOMPARE(Spanwise::tracesInScope(*m_set, {}).size(), 3u);
        const auto one = Spanwise::tracesInScope(*m_set, {.onlyTrace = TraceIndex {1}, .onlyTraces = {}});
        QCOMPARE(one, std::vector {TraceIndex {1}});
        const auto passing = std::make_shared<const std::vector<bool>>(std::vector {true, false, true});
        QCOMPARE(Spanwise::tracesInScope(*m_set, {.onlyTrace = {}, .onlyTraces = passing}),
            (std::vector {TraceIndex {0}, TraceIndex {2}}));
    }

    void spansInScopeFollowTheSameTraces()
    {
        const auto passing = std::make_shared<const std::vector<bool>>(std::vector {true, false, true});
        std::size_t spans = 0;
        for (const TraceIndex trace : Spanwise::tracesInScope(*m_set, {.onlyTrace = {}, .onlyTraces = passing}))
            spans += m_set->trace(trace).spanCount();
        QCOMPARE(spansInScope(*m_set, {.onlyTrace = {}, .onlyTraces = passing}).size(), spans);
        QCOMPARE(spans, 4u); // 1 + 3
    }
};

QTEST_GUILESS_MAIN(TestSpanScope)
#include "tst_spanscope.moc"
