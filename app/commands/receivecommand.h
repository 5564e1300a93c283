#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise receive --listen [ADDR:]PORT -o FILE [--max-spans N] [--idle-exit SECONDS]`: an
// OTLP/HTTP receiver without a window, for scripts and bug reports (docs/cli.md). Prints
// "listening on ADDR:PORT" first; writes each accepted request's spans as one line of OTLP JSON;
// on SIGINT/SIGTERM, after N spans or after SECONDS without a request, flushes and exits 0.
// Exit 2 when the address cannot be bound or the arguments are wrong, 1 when FILE cannot be
// written.
int runReceiveCommand(const QStringList& arguments);

} // namespace Spanwise
