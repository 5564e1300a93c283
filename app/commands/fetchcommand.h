#pragma once

#include <QStringList>

namespace Spanwise {

// `spanwise fetch jaeger|tempo|zipkin URL --trace ID -o FILE`, or a search with
// `--service NAME [--operation OP] [--tag K=V]... [--min-duration D] [--lookback D]
// [--limit N]` (Tempo also `--traceql Q`): writes what the backend answered, a file Spanwise
// reads back (docs/cli.md). Credentials: --token or SPANWISE_TOKEN, --user USER[:PASSWORD]
// (or SPANWISE_PASSWORD), --header "Name: value" repeatable, --insecure only when asked.
// Exit 0, 1 when the backend fails or answers nothing Spanwise can read, 2 on bad usage.
int runFetchCommand(const QStringList& arguments);

} // namespace Spanwise
