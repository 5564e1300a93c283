#include "stopsignals.h"

#include <QSocketNotifier>

#include <cassert>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Spanwise {
namespace {

int writeEnd = -1;
int readEnd = -1;
struct sigaction previousInt {
};
struct sigaction previousTerm {
};

extern "C" void forwardSignal(int signalNumber)
{
    const char byte = static_cast<char>(signalNumber);
    [[maybe_unused]] const auto written = ::write(writeEnd, &byte, 1);
}

} // namespace

StopSignals::StopSignals(QObject* parent)
    : QObject(parent)
{
    assert(writeEnd < 0 && "one StopSignals at a time");
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return;
    writeEnd = pair[0];
    readEnd = pair[1];
    auto* notifier = new QSocketNotifier(readEnd, QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        if (::read(readEnd, &byte, 1) == 1)
            emit stopRequested(byte);
    });
    struct sigaction action {
    };
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, &previousInt);
    sigaction(SIGTERM, &action, &previousTerm);
}

StopSignals::~StopSignals()
{
    if (writeEnd < 0)
        return;
    sigaction(SIGINT, &previousInt, nullptr);
    sigaction(SIGTERM, &previousTerm, nullptr);
    ::close(writeEnd);
    ::close(readEnd);
    writeEnd = readEnd = -1;
}

} // namespace Spanwise
