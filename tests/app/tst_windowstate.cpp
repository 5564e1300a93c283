#include "compareview.h"
#include "corpus.h"
#include "dependencygraphview.h"
#include "dependencymapview.h"
#include "filterbar.h"
#include "formatting.h"
#include "hexid.h"
#include "libraryversions.h"
#include "mainwindow.h"
#include "rawjsonview.h"
#include "recentfiles.h"
#include "sessionfile.h"
#include "shortcuts.h"
#include "spansview.h"
#include "statisticsview.h"
#include "tracelistpanel.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "traceview.h"
#include "waterfallcontroller.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Spanwise;

namespace {

// Jaeger's publish-cv5 trace (40 spans). The ids and the operation are read off the file.
const QString publishTrace = QStringLiteral("c509f4e535aef38a");
const QString handlerSpan = QStringLiteral("54a4305a24f47e64");
const QString handlerOperation = QStringLiteral("PUT /content/:id/onairversion handler");

QString publishFile()
{
    return QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-publish-cv5.json")));
}

QString hotrodFile()
{
    return QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json")));
}

bool waitUntilLoaded(MainWindow& window, const std::function<void()>& start)
{
    QSignalSpy loaded(&window, &MainWindow::loadCompleted);
    start();
    return loaded.count() > 0 || loaded.wait(30000);
}

QString selectedSpanId(const MainWindow& window)
{
    const TraceSession& session = *window.session();
    if (!session.span().isValid())
        return {};
    return QString::fromStdString(formatSpanId(session.presentation()->set().spans()[session.span().value].spanId));
}

QString selectedOperation(const MainWindow& window)
{
    const TraceSession& session = *window.session();
    const TraceSet& set = session.presentation()->set();
    return QString::fromStdString(std::string(set.text(set.spans()[session.span().value].operation)));
}

} // namespace

// What the window remembers and reopens: deep links, sessions, recent files, view options,
// and the help that lists its keys.
class TestWindowState : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Settings go to a test location, never the user's.
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        QSettings().clear();
        setTimeZoneChoice(TimeZoneChoice::Local);
    }

    void aDeepLinkOpensTheSpan()
    {
        MainWindow window;
        SessionState link = SessionState::forFiles({hotrodFile(), publishFile()});
        link.traceId = publishTrace;
        link.spanId = handlerSpan;
        link.tab = QStringLiteral("spans");
        QVERIFY(waitUntilLoaded(window, [&] { window.openAt(link); }));
        QVERIFY2(window.placeProblems().isEmpty(), qPrintable(window.placeProblems().join(u'\n')));
        QCOMPARE(selectedSpanId(window), handlerSpan);
        QCOMPARE(selectedOperation(window), handlerOperation);
        QCOMPARE(window.currentTabName(), QStringLiteral("spans"));
    }

    // --service selects a service on the map as a click would, and a session keeps it.
    void aLinkSelectsAServiceOnTheMap()
    {
        MainWindow window;
        window.show();
        SessionState link = SessionState::forFiles({hotrodFile()});
        link.tab = QStringLiteral("map");
        link.service = QStringLiteral("customer");
        QVERIFY(waitUntilLoaded(window, [&] { window.openAt(link); }));
        QTRY_VERIFY_WITH_TIMEOUT(window.isSettled() && !window.mapView()->selectedService().isEmpty(), 20000);
        QCOMPARE(window.mapView()->selectedService(), QStringLiteral("customer"));
        const DependencyGraphView* map = window.mapView()->graphView();
        QCOMPARE(map->highlightedNodes().empty(), false);
        QCOMPARE(window.currentPlace().service, QStringLiteral("customer"));

        // A name the map does not have selects nothing, and says so.
        window.mapView()->selectService(QStringLiteral("no-such-service"));
        QVERIFY(window.mapView()->selectedService().isEmpty());
        QVERIFY(map->highlightedNodes().empty());
    }

    // The JSON tab reads the record back from the file through the importers' reader.
    void theJsonTabShowsTheSpansRecord()
    {
        MainWindow window;
        window.show();
        SessionState link = SessionState::forFiles({publishFile()});
        link.traceId = publishTrace;
        link.spanId = handlerSpan;
        link.tab = QStringLiteral("json");
        QVERIFY(waitUntilLoaded(window, [&] { window.openAt(link); }));
        QTRY_VERIFY_WITH_TIMEOUT(window.isSettled() && !window.rawJsonView()->text().isEmpty(), 20000);
        const QJsonObject record = QJsonDocument::fromJson(window.rawJsonView()->text().toUtf8()).object();
        QCOMPARE(record.value(QStringLiteral("spanID")).toString(), handlerSpan);
        QCOMPARE(record.value(QStringLiteral("operationName")).toString(), handlerOperation);
    }

    void aLinkThatDoesNotResolveSaysWhyAndKeepsTheRest()
    {
        MainWindow window;
        SessionState link = SessionState::forFiles({publishFile()});
        link.traceId = publishTrace;
        link.spanId = QStringLiteral("123");
        QVERIFY(waitUntilLoaded(window, [&] { window.openAt(link); }));
        QCOMPARE(window.placeProblems().size(), 1);
        QVERIFY2(
            window.placeProblems().front().contains(QStringLiteral("123")), qPrintable(window.placeProblems().front()));
        // The trace is still shown.
        const TraceSession& session = *window.session();
        QVERIFY(session.trace().isValid());
        QCOMPARE(QString::fromStdString(
                     formatTraceId(session.presentation()->set().forest().traces()[session.trace().value].id)),
            publishTrace);
    }

    // "Copy link to this span" gives a shell command; run through a shell, its words open the
    // same span, even from a folder whose name needs quoting.
    void theCopiedLinkReopensTheSpan()
    {
        QTemporaryDir dir;
        const QString awkward = dir.filePath(QStringLiteral("it's a trace.json"));
        QVERIFY(QFile::copy(publishFile(), awkward));
        MainWindow window;
        QVERIFY(waitUntilLoaded(window, [&] { window.openFiles({awkward}); }));
        const TraceSet& set = window.session()->presentation()->set();
        const auto id = parseHexSpanId(handlerSpan.toStdString());
        SpanIndex span;
        for (std::uint32_t i = 0; i < set.spans().size(); ++i)
            if (set.spans()[i].spanId == *id)
                span = SpanIndex {i};
        QVERIFY(span.isValid());
        const QString link = window.traceView()->spanLink(span);
        QVERIFY2(link.startsWith(QStringLiteral("spanwise ")), qPrintable(link));

        QProcess shell;
        shell.start(QStringLiteral("bash"),
            {QStringLiteral("-c"), QStringLiteral("words() { shift; printf '%s\\n' \"$@\"; }; words ") + link});
        QVERIFY(shell.waitForFinished(10000));
        QStringList words = QString::fromUtf8(shell.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(words.size(), 7); // FILE --trace ID --span ID --tab VIEW
        QCOMPARE(words[0], awkward);
        SessionState place = SessionState::forFiles({words[0]});
        QCOMPARE(words[1], QStringLiteral("--trace"));
        place.traceId = words[2];
        QCOMPARE(words[3], QStringLiteral("--span"));
        place.spanId = words[4];
        QCOMPARE(words[5], QStringLiteral("--tab"));
        place.tab = words[6];

        MainWindow reopened;
        QVERIFY(waitUntilLoaded(reopened, [&] { reopened.openAt(place); }));
        QVERIFY(reopened.placeProblems().isEmpty());
        QCOMPARE(selectedSpanId(reopened), handlerSpan);
        QCOMPARE(reopened.currentTabName(), QStringLiteral("waterfall"));
    }

    void aSessionReopensExactly()
    {
        QTemporaryDir dir;
        const QString sessionPath = dir.filePath(QStringLiteral("work.spanwise"));
        MainWindow window;
        SessionState link = SessionState::forFiles({hotrodFile(), publishFile()});
        link.traceId = publishTrace;
        link.spanId = handlerSpan;
        QVERIFY(waitUntilLoaded(window, [&] { window.openAt(link); }));
        window.traceList()->filterBar()->setText(QStringLiteral("duration>1ms"));
        window.spansView()->filterBar()->setText(QStringLiteral("service=publish*"));
        window.statisticsView()->filterBar()->setText(QStringLiteral("count>=2"));
        window.compareView()->compare(QStringLiteral("trace=") + publishTrace, QStringLiteral("service=frontend"));
        WaterfallController* controller = window.traceView()->controller();
        const auto whole = controller->traceRange();
        controller->setVisibleRange({whole.startNs + whole.width() / 4, whole.startNs + whole.width() / 2});
        window.showTab(QStringLiteral("statistics"));
        const SessionState saved = window.currentPlace();
        QCOMPARE(window.saveSession(sessionPath), QString());

        MainWindow reopened;
        QVERIFY(waitUntilLoaded(reopened, [&] { reopened.openFiles({sessionPath}); }));
        QVERIFY2(reopened.placeProblems().isEmpty(), qPrintable(reopened.placeProblems().join(u'\n')));
        const SessionState again = reopened.currentPlace();
        QCOMPARE(again.paths(), saved.paths());
        QCOMPARE(again.traceId, publishTrace);
        QCOMPARE(again.spanId, handlerSpan);
        QCOMPARE(again.tab, QStringLiteral("statistics"));
        QCOMPARE(again.traceFilter, QStringLiteral("duration>1ms"));
        QCOMPARE(again.spanFilter, QStringLiteral("service=publish*"));
        QCOMPARE(again.statisticsFilter, QStringLiteral("count>=2"));
        QCOMPARE(again.compareA, QStringLiteral("trace=") + publishTrace);
        QCOMPARE(again.compareB, QStringLiteral("service=frontend"));
        QVERIFY(again.zoom);
        QCOMPARE(again.zoom->fromNs, whole.width() / 4);
        QCOMPARE(again.zoom->toNs, whole.width() / 2);
        // The session went to the top of File ▸ Open Recent.
        QCOMPARE(RecentFiles().entries().front(), QStringList {QFileInfo(sessionPath).absoluteFilePath()});
    }

    void aSessionWarnsWhenAFileChanged()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("publish.json"));
        QVERIFY(QFile::copy(publishFile(), copy));
        const QString sessionPath = dir.filePath(QStringLiteral("s.spanwise"));
        QCOMPARE(writeSessionFile(SessionState::forFiles({copy}), sessionPath), QString());
        {
            QFile file(copy);
            QVERIFY(file.open(QIODevice::Append));
            file.write("\n");
        }
        MainWindow window;
        QVERIFY(waitUntilLoaded(window, [&] { window.openFiles({sessionPath}); }));
        QCOMPARE(window.placeProblems().size(), 1);
        QVERIFY2(window.placeProblems().front().contains(QStringLiteral("publish.json")),
            qPrintable(window.placeProblems().front()));
    }

    void recentFilesKeepTheNewestTenAndGreyTheMissing()
    {
        RecentFiles recent;
        recent.add({publishFile()});
        recent.add({hotrodFile(), publishFile()});
        recent.add({publishFile()});
        QCOMPARE(recent.entries().size(), 2u);
        QCOMPARE(recent.entries().front(), QStringList {publishFile()});
        for (int i = 0; i < 12; ++i)
            recent.add({QStringLiteral("/nonexistent/%1.json").arg(i)});
        QCOMPARE(int(recent.entries().size()), RecentFiles::maximumEntries);
        QCOMPARE(recent.entries().front(), QStringList {QStringLiteral("/nonexistent/11.json")});

        recent.clear();
        recent.add({publishFile()});
        recent.add({QStringLiteral("/nonexistent/gone.json")});
        MainWindow window;
        emit window.recentMenu()->aboutToShow();
        QAction* gone = nullptr;
        QAction* present = nullptr;
        for (QAction* action : window.recentMenu()->actions()) {
            if (action->text().startsWith(QStringLiteral("gone.json")))
                gone = action;
            if (action->text() == QStringLiteral("stalk-publish-cv5.json"))
                present = action;
        }
        QVERIFY(gone && present);
        QVERIFY(!gone->isEnabled());
        QVERIFY(gone->text().contains(QStringLiteral("missing")));
        QVERIFY(present->isEnabled());
        recent.removeMissing();
        QCOMPARE(
            recent.entries(), std::vector<QStringList> {QStringList {QFileInfo(publishFile()).absoluteFilePath()}});
    }

    void viewOptionsAndLayoutAreRemembered()
    {
        QList<int> splitterSizes;
        {
            MainWindow window;
            window.resize(1111, 777);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.findChild<QAction*>(QStringLiteral("timezone-utc"))->trigger();
            window.mapView()->findChild<QComboBox*>(QStringLiteral("mapDirection"))->setCurrentIndex(1);
            auto* splitter = window.findChild<QSplitter*>(QStringLiteral("mainSplitter"));
            splitter->setSizes({300, 811});
            splitterSizes = splitter->sizes();
            window.close();
        }
        setTimeZoneChoice(TimeZoneChoice::Local); // a new run starts from the default
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(timeZoneChoice(), TimeZoneChoice::Utc);
        QVERIFY(window.findChild<QAction*>(QStringLiteral("timezone-utc"))->isChecked());
        QVERIFY(formatTimestamp(0).endsWith(QStringLiteral(" UTC")));
        QCOMPARE(formatTimestamp(1'500'000'000), QStringLiteral("1970-01-01 00:00:01.500 UTC"));
        QCOMPARE(window.mapView()->findChild<QComboBox*>(QStringLiteral("mapDirection"))->currentIndex(), 1);
        QCOMPARE(window.size(), QSize(1111, 777));
        QCOMPARE(window.findChild<QSplitter*>(QStringLiteral("mainSplitter"))->sizes(), splitterSizes);
    }

    // Help ▸ Keyboard Shortcuts lists one table; every key the window's actions answer to is in it.
    void theShortcutListCoversEveryAction()
    {
        MainWindow window;
        // A row may list several keys ("Ctrl+O, Ctrl+Shift+O", "Ctrl+C in span details").
        QStringList listed;
        for (const ShortcutHelp& row : shortcutHelp())
            listed << row.keys.split(QRegularExpression(QStringLiteral("[ ,/]+")), Qt::SkipEmptyParts);
        int checked = 0;
        for (QAction* action : window.findChildren<QAction*>()) {
            if (action->shortcut().isEmpty() || action->menu())
                continue;
            const QString keys = action->shortcut().toString(QKeySequence::NativeText);
            QVERIFY2(listed.contains(keys), qPrintable(action->text() + QStringLiteral(": ") + keys));
            ++checked;
        }
        QVERIFY2(checked >= 8, qPrintable(QString::number(checked)));
    }

    void aboutNamesTheLibrariesInUse()
    {
        const auto versions = libraryVersions();
        QStringList names;
        for (const auto& [name, version] : versions) {
            names << name;
            QVERIFY2(!version.isEmpty() && version.front().isDigit(), qPrintable(name + u' ' + version));
        }
        QCOMPARE(names,
            (QStringList {QStringLiteral("Qt"), QStringLiteral("Graphviz"), QStringLiteral("protobuf"),
                QStringLiteral("simdjson"), QStringLiteral("zlib"), QStringLiteral("zstd")}));
        QCOMPARE(versions.front().second, QString::fromLatin1(qVersion()));
    }
};

QTEST_MAIN(TestWindowState)
#include "tst_windowstate.moc"
