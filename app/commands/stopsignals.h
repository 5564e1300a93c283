#pragma once

#include <QObject>

namespace Spanwise {

// Turns SIGINT and SIGTERM into a Qt signal (through a self-pipe: a signal handler may only
// write to a descriptor), so a headless command can finish its file and exit 0 when stopped.
// One at a time per process; the previous handlers come back when it is destroyed.
class StopSignals : public QObject
{
    Q_OBJECT

public:
    explicit StopSignals(QObject* parent = nullptr);
    ~StopSignals() override;

signals:
    void stopRequested(int signalNumber);
};

} // namespace Spanwise
