#include "backgroundwork.h"
#include "dependencygraphview.h"
#include "dependencymapview.h"
#include "diagnosticsview.h"
#include "fixtures.h"
#include "generator.h"
#include "jaegerwriter.h"
#include "mainwindow.h"
#include "operationstatsmodel.h"
#include "processes.h"
#include "refreshwhenshown.h"
#include "spansview.h"
#include "statisticsview.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QImage>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace Spanwise;

// The scale issue's promise, checked without a clock: once a large trace is loaded and the
// visible tab has shown it, no other tab has started work (a hidden span table used to sort
// every row on the GUI thread, a hidden map waited on Graphviz), and a scripted screenshot
// exits without laying out the map it does not show.
class TestQuietLoad : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // One batch trace of about 20,000 spans from the project's generator.
        TraceGen::GeneratorOptions options;
        options.seed = 5;
        options.traces = 1;
        options.spansPerTrace = 20'000;
        m_file = m_dir.filePath(QStringLiteral("batch.json"));
        std::ofstream out(m_file.toStdString());
        TraceGen::writeJaegerJson(TraceGen::Generator(options).generate(), out);
        QVERIFY(out.good());
    }

    void hiddenTabsDoNoWork()
    {
        MainWindow window;
        window.show();
        window.showTab(QStringLiteral("waterfall"));
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        window.openFiles({m_file});
        QVERIFY(loaded.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(window.isSettled(), 60000);
        const std::size_t spans = window.session()->presentation()->set().spans().size();
        QVERIFY(spans >= 20'000);

        // Nothing runs for a hidden tab, and each has its refresh waiting for it.
        for (const BackgroundWork* work : window.findChildren<BackgroundWork*>())
            QVERIFY2(!work->isRunning(), qPrintable(work->parent()->metaObject()->className()));
        QCOMPARE(window.spansView()->shownRows(), 0);
        QVERIFY(window.spansView()->isLoading());
        QVERIFY(!window.statisticsView()->model()->result());
        QVERIFY(!window.mapView()->graphView()->graph());
        QVERIFY(window.mapView()->isComputing());
        QVERIFY(window.diagnosticsView()->isComputing());

        // Shown, the span table catches up: every span of the one trace, on a worker.
        QSignalSpy rows(window.spansView(), &SpansView::rowsReady);
        window.showTab(QStringLiteral("spans"));
        QVERIFY(rows.count() || rows.wait(60000));
        QCOMPARE(std::size_t(window.spansView()->shownRows()), spans);
    }

    void screenshotDoesNotWaitForTheMap()
    {
        const QString shot = m_dir.filePath(QStringLiteral("shot.png"));
        // The layout logs each start at debug level: none may appear.
        const QStringList environment {QStringLiteral("QT_QPA_PLATFORM=offscreen"),
            QStringLiteral("QT_LOGGING_RULES=spanwise.layout.debug=true"),
            QStringLiteral("XDG_CONFIG_HOME=") + m_dir.filePath(QStringLiteral("config"))};
        const Test::ProcessRun run = Test::runProgram(
            QStringLiteral(SPANWISE_EXECUTABLE), {QStringLiteral("--screenshot"), shot, m_file}, environment);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(!run.err.contains("laying out"), run.err.constData());
        QVERIFY(!QImage(shot).isNull());

        // The same run on the map tab does lay it out: the log line is the one to look for.
        const Test::ProcessRun map = Test::runProgram(QStringLiteral(SPANWISE_EXECUTABLE),
            {QStringLiteral("--tab"), QStringLiteral("map"), QStringLiteral("--screenshot"), shot, m_file},
            environment);
        QVERIFY2(map.exitCode == 0, map.err.constData());
        QVERIFY2(map.err.contains("laying out"), map.err.constData());
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
};

QTEST_MAIN(TestQuietLoad)
#include "tst_quietload.moc"
