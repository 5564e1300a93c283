#include "presentations.h"
#include "rawjsonview.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace Spanwise;
using Spanwise::Test::presentationOf;

// The JSON tab with a reader that makes records up and counts its calls: it reads only when
// shown, the span or the whole trace, and says why a record cannot be shown.
class TestRawJsonView : public QObject
{
    Q_OBJECT

    std::shared_ptr<const TraceSetPresentation> m_hotrod =
        presentationOf(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
    int m_calls = 0;

    RawRecordReader countingReader()
    {
        return [this](const TraceSet&, const std::vector<SpanIndex>& spans) {
            ++m_calls;
            std::vector<RawRecord> records;
            for (const SpanIndex span : spans)
                records.push_back(span.value == 3
                        ? RawRecord {{}, QStringLiteral("the file changed"), false}
                        : RawRecord {QStringLiteral("{\"span\": %1}").arg(span.value), {}, false});
            return records;
        };
    }

private slots:
    void readsOnlyWhenShown()
    {
        QVERIFY(m_hotrod);
        m_calls = 0;
        TraceSession session;
        RawJsonView view(&session, countingReader());
        session.setLoaded(m_hotrod, {}, {});
        session.selectTrace(TraceIndex {0});
        session.selectSpan(SpanIndex {5});
        QCOMPARE(m_calls, 0); // hidden: no file touched
        QSignalSpy shown(&view, &RawJsonView::shown);
        view.show();
        QVERIFY(shown.wait(10000));
        QCOMPARE(m_calls, 1);
        QCOMPARE(QJsonDocument::fromJson(view.text().toUtf8()).object().value(QStringLiteral("span")).toInt(), 5);
        // The same span again: not read again.
        session.selectSpan(SpanIndex {5});
        QCOMPARE(m_calls, 1);
    }

    void theWholeTraceIsOneArray()
    {
        QVERIFY(m_hotrod);
        m_calls = 0;
        TraceSession session;
        RawJsonView view(&session, countingReader());
        view.show();
        session.setLoaded(m_hotrod, {}, {});
        QSignalSpy shown(&view, &RawJsonView::shown);
        session.selectTrace(TraceIndex {0});
        view.setWholeTrace(true);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isReading() && !view.text().isEmpty(), 10000);
        QJsonParseError error;
        const QJsonArray records = QJsonDocument::fromJson(view.text().toUtf8(), &error).array();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        // HotROD's 51 spans (MANIFEST), less span 3, whose record the reader could not give.
        QCOMPARE(records.size(), 50);
        const QString status = view.findChild<QLabel*>()->text();
        QVERIFY2(status.contains(QStringLiteral("the file changed")), qPrintable(status));
    }
};

QTEST_MAIN(TestRawJsonView)
#include "tst_rawjsonview.moc"
