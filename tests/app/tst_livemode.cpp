// Live mode in the window: spans posted to the receiver appear in the views, an open trace
// grows when its spans arrive (and stays the one shown), the status bar says where it listens
// and what the bound dropped, and opening files stops receiving.
#include "corpus.h"
#include "hexid.h"
#include "livecapture.h"
#include "livemode.h"
#include "mainwindow.h"
#include "receivedialog.h"
#include "receiverharness.h"
#include "traceloader.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Spanwise;
using namespace Spanwise::Test;

namespace {

// An OTLP JSON export of `spans` spans of trace number `trace`, ids counting from `first`.
QByteArray exportOf(int trace, int spans, int first = 1)
{
    QByteArray json =
        R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},"scopeSpans":[{"spans":[)";
    for (int i = 0; i < spans; ++i)
        json += QStringLiteral(
            R"(%1{"traceId":"%2","spanId":"%3","name":"op %4","startTimeUnixNano":"%5","endTimeUnixNano":"%6"})")
                    .arg(i ? QStringLiteral(",") : QString())
                    .arg(trace, 32, 16, QLatin1Char('0'))
                    .arg(first + i, 16, 16, QLatin1Char('0'))
                    .arg(first + i)
                    .arg(1'000'000 * (first + i))
                    .arg(1'000'000 * (first + i) + 500'000)
                    .toLatin1();
    return json + "]}]}]}";
}

int post(const MainWindow& window, const QByteArray& body)
{
    return exchange(window.liveMode()->capture()->address().port, exportRequest("application/json", body)).status;
}

std::size_t spansShown(const MainWindow& window)
{
    const auto& presentation = window.session()->presentation();
    return presentation ? presentation->set().spans().size() : 0;
}

QString statusText(const MainWindow& window)
{
    return window.liveMode()->statusLabel()->text();
}

ListenAddress anyPort()
{
    ListenAddress address;
    address.port = 0;
    return address;
}

} // namespace

class TestLiveMode : public QObject
{
    Q_OBJECT

private slots:
    void spansAppearAndAnOpenTraceGrows()
    {
        MainWindow window;
        window.show();
        QString error;
        QVERIFY2(window.startReceiving(anyPort(), 1000, &error), qPrintable(error));
        const quint16 port = window.liveMode()->capture()->address().port;
        QVERIFY(port != 0);
        QTRY_VERIFY(statusText(window).contains(QStringLiteral("●</span> Receiving on 127.0.0.1:%1").arg(port)));

        QCOMPARE(post(window, exportOf(1, 2)), 200);
        QTRY_COMPARE(spansShown(window), std::size_t(2));
        QVERIFY(window.windowTitle().contains(QStringLiteral("OTLP on 127.0.0.1:%1").arg(port)));

        // The user opens the trace's second span; more of its spans, and another trace, arrive.
        const TraceSet& first = window.session()->presentation()->set();
        window.session()->openSpan(SpanIndex {1});
        const std::string spanId = formatSpanId(first.span(SpanIndex {1}).spanId);
        window.showTab(QStringLiteral("map"));
        QCOMPARE(post(window, exportOf(1, 3, 10) + "\n"), 200);
        QCOMPARE(post(window, exportOf(2, 1)), 200);
        QTRY_COMPARE(spansShown(window), std::size_t(6));
        const TraceSet& now = window.session()->presentation()->set();
        QCOMPARE(now.traces().size(), std::size_t(2));
        QVERIFY(window.session()->trace().isValid());
        QCOMPARE(now.trace(window.session()->trace()).id, parseHexTraceId("00000000000000000000000000000001").value());
        QCOMPARE(now.trace(window.session()->trace()).spanCount(), 5u);
        QVERIFY(window.session()->span().isValid());
        QCOMPARE(formatSpanId(now.span(window.session()->span()).spanId), spanId);
        // The view the user was reading stays in front.
        QCOMPARE(window.currentTabName(), QStringLiteral("map"));
        QTRY_VERIFY(statusText(window).contains(QStringLiteral("6 spans in 2 traces")));
    }

    void theBoundDropsOldestTracesVisibly()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.startReceiving(anyPort(), 5, nullptr));
        for (int trace = 1; trace <= 3; ++trace)
            QCOMPARE(post(window, exportOf(trace, 2)), 200);
        QTRY_COMPARE(spansShown(window), std::size_t(4));
        QTRY_VERIFY2(statusText(window).contains(QStringLiteral("1 oldest traces dropped (2 spans)")),
            qPrintable(statusText(window)));
        for (const TraceInfo& trace : window.session()->presentation()->set().traces())
            QVERIFY(trace.id != parseHexTraceId("00000000000000000000000000000001").value());
    }

    void refusalsAreCounted()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.startReceiving(anyPort(), 100, nullptr));
        QCOMPARE(exchange(window.liveMode()->capture()->address().port, exportRequest("text/plain", "x")).status, 415);
        QTRY_VERIFY2(statusText(window).contains(QStringLiteral("1 requests refused")), qPrintable(statusText(window)));
        QVERIFY(window.liveMode()->statusLabel()->toolTip().contains(QStringLiteral("415")));
    }

    void aTakenPortSaysSo()
    {
        MainWindow first, second;
        QVERIFY(first.startReceiving(anyPort(), 100, nullptr));
        ListenAddress taken = anyPort();
        taken.port = first.liveMode()->capture()->address().port;
        QString error;
        QVERIFY(!second.startReceiving(taken, 100, &error));
        QVERIFY2(error.contains(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(taken.port)), qPrintable(error));
        QVERIFY(!second.liveMode()->isListening());
    }

    void saveReceivedInBothEncodings()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.startReceiving(anyPort(), 100, nullptr));
        QCOMPARE(post(window, exportOf(1, 3)), 200);
        QCOMPARE(post(window, exportOf(2, 2)), 200);
        QTRY_COMPARE(spansShown(window), std::size_t(5));
        QTemporaryDir dir;
        for (const auto& [name, protobuf, format] :
            {std::tuple {"received.jsonl", false, "otlp-jsonl"}, std::tuple {"received.pb", true, "otlp-proto"}}) {
            const QString path = dir.filePath(QLatin1String(name));
            QSignalSpy saved(window.liveMode(), &LiveMode::saved);
            window.liveMode()->saveTo(path, protobuf);
            QVERIFY(saved.wait(10'000));
            QCOMPARE(saved.first().first().toString(), QString());
            const std::string file = path.toStdString();
            const LoadResult loaded = loadTraceFiles(std::span(&file, 1));
            QCOMPARE(loaded.reports.front().format, std::string(format));
            QCOMPARE(loaded.traces->spans().size(), std::size_t(5));
            QCOMPARE(loaded.traces->traces().size(), std::size_t(2));
        }
    }

    void theDialogSaysWhenThePortIsTaken()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        MainWindow window;
        window.show();
        QAction* receive = nullptr;
        for (QAction* action : window.menuBar()->findChildren<QAction*>())
            if (action->text() == QStringLiteral("&Receive OTLP…"))
                receive = action;
        QVERIFY(receive);
        receive->trigger();
        auto* dialog = window.findChild<ReceiveDialog*>();
        QVERIFY(dialog);
        dialog->findChild<QSpinBox*>(QStringLiteral("port"))->setValue(taken.serverPort());
        dialog->accept();
        QVERIFY(dialog->isVisible()); // stays open for another port
        QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("error"))->text().contains(QStringLiteral("cannot listen")),
            qPrintable(dialog->findChild<QLabel*>(QStringLiteral("error"))->text()));
        QVERIFY(!window.liveMode()->isListening());
        dialog->findChild<QSpinBox*>(QStringLiteral("port"))->setValue(0);
        dialog->accept();
        QVERIFY(window.liveMode()->isListening());
    }

    void openingFilesStopsReceiving()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.startReceiving(anyPort(), 100, nullptr));
        window.openFiles(
            {QString::fromStdString(corpusFile(QStringLiteral("public/otlp-json/proto-example-trace.json")))});
        QVERIFY(!window.liveMode()->isListening());
        QTRY_VERIFY(!window.windowTitle().contains(QStringLiteral("OTLP on")));
    }
};

QTEST_MAIN(TestLiveMode)
#include "tst_livemode.moc"
