#include "backgroundwork.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace Spanwise;

namespace {

// A job that runs until its ticket is cancelled or `release` is set, then returns `value`.
auto heldJob(std::shared_ptr<std::atomic<bool>> release, int value)
{
    return [release, value](const WorkTicket& ticket) {
        while (!ticket.isCancelled() && !release->load())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return ticket.isCancelled() ? -value : value;
    };
}

} // namespace

class TestBackgroundWork : public QObject
{
    Q_OBJECT

private slots:
    void deliversOnTheEventLoopNeverInsideRun()
    {
        BackgroundWork work;
        int delivered = 0;
        work.run([](const WorkTicket&) { return 7; }, [&](int value) { delivered = value; });
        // Even a job that is already done waits for the event loop.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        QCOMPARE(delivered, 0);
        QVERIFY(work.isRunning());
        QTRY_COMPARE(delivered, 7);
        QVERIFY(!work.isRunning());
    }

    void theNewestRequestWinsAndCancelsThePrevious()
    {
        BackgroundWork work;
        QList<int> delivered;
        auto release = std::make_shared<std::atomic<bool>>(false);
        std::atomic<bool> firstSawCancel {false};
        work.run(
            [&firstSawCancel](const WorkTicket& ticket) {
                while (!ticket.isCancelled())
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                firstSawCancel = true;
                return 1;
            },
            [&](int value) { delivered << value; });
        work.run(heldJob(release, 2), [&](int value) { delivered << value; });
        QTRY_VERIFY(firstSawCancel.load()); // the first job was told to stop, without a wait here
        release->store(true);
        QTRY_COMPARE(delivered, QList<int> {2});
        QTest::qWait(50);
        QCOMPARE(delivered, QList<int> {2}); // the first one's result never arrives
    }

    void cancelDropsTheResultAndStopKeepsIt()
    {
        BackgroundWork work;
        QList<int> delivered;
        auto never = std::make_shared<std::atomic<bool>>(false);
        work.run(heldJob(never, 3), [&](int value) { delivered << value; });
        work.cancel();
        QVERIFY(!work.isRunning());
        QTest::qWait(50);
        QVERIFY(delivered.isEmpty());
        work.run(heldJob(never, 4), [&](int value) { delivered << value; });
        work.requestStop();
        QTRY_COMPARE(delivered, QList<int> {-4}); // stopped early, and what it had is delivered
    }

    void reportsProgress()
    {
        BackgroundWork work;
        QSignalSpy progress(&work, &BackgroundWork::progressChanged);
        auto release = std::make_shared<std::atomic<bool>>(false);
        work.run(
            [release](const WorkTicket& ticket) {
                ticket.setProgress(0.5);
                while (!release->load())
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                return 0;
            },
            [](int) {});
        QTRY_VERIFY(!progress.isEmpty() && progress.last().first().toInt() == 500);
        release->store(true);
        QTRY_VERIFY(!work.isRunning());
    }

    void aJobMayOutliveItsOwner()
    {
        auto release = std::make_shared<std::atomic<bool>>(false);
        bool delivered = false;
        {
            BackgroundWork work;
            work.run(heldJob(release, 5), [&](int) { delivered = true; });
        } // destroyed while the job runs: it is cancelled and not waited for
        release->store(true);
        QTest::qWait(50);
        QVERIFY(!delivered);
    }
};

QTEST_MAIN(TestBackgroundWork)
#include "tst_backgroundwork.moc"
