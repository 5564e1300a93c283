#include "corpus.h"
#include "mainwindow.h"

#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QUrl>

using namespace Spanwise;

namespace {

bool waitForLoad(MainWindow& window, QSignalSpy& spy)
{
    Q_UNUSED(window);
    return spy.count() > 0 || spy.wait(30000);
}

QString statusText(MainWindow& window)
{
    QString text;
    for (QLabel* label : window.statusBar()->findChildren<QLabel*>())
        text += label->text();
    return text;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensTheDemo()
    {
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        window.openDemo();
        QVERIFY(waitForLoad(window, loaded));
        auto* table = window.findChild<QTableView*>(QStringLiteral("traceTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 30);
        QVERIFY2(statusText(window).contains(QStringLiteral("30 traces")), qPrintable(statusText(window)));
    }

    void opensACorpusFileAndFilters()
    {
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        window.openFiles(
            {QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"))),
                QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-publish-cv5.json")))});
        QVERIFY(waitForLoad(window, loaded));
        auto* table = window.findChild<QTableView*>(QStringLiteral("traceTable"));
        QCOMPARE(table->model()->rowCount(), 2);
        QVERIFY(statusText(window).contains(QStringLiteral("91 spans")));
        auto* filter = window.findChild<QLineEdit*>(QStringLiteral("traceTextFilter"));
        QTest::keyClicks(filter, QStringLiteral("DISPATCH"));
        // The filter applies after its debounce.
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("frontend"));
    }

    void dropLoadsFiles()
    {
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(
            QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-trace-a155f674.json"))))});
        // As a real drag does: enter first (the window says it takes files), then drop.
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(waitForLoad(window, loaded));
        QCOMPARE(window.findChild<QTableView*>(QStringLiteral("traceTable"))->model()->rowCount(), 1);
        QVERIFY(statusText(window).contains(QStringLiteral("156 spans")));
    }

    void reportsFilesThatCannotLoad()
    {
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        window.openFiles({QStringLiteral("/nonexistent/trace.json")});
        QVERIFY(waitForLoad(window, loaded));
        QCOMPARE(window.findChild<QTableView*>(QStringLiteral("traceTable"))->model()->rowCount(), 0);
        bool problemsShown = false;
        for (QPushButton* button : window.statusBar()->findChildren<QPushButton*>())
            problemsShown =
                problemsShown || (button->isVisibleTo(&window) && button->text().contains(QStringLiteral("1 problem")));
        QVERIFY(problemsShown);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
