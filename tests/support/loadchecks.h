#pragma once

#include "traceloader.h"

#include <QString>
#include <QTest>

namespace Spanwise::Test {

// Why a load cannot be used by a test: no report, a file that failed (with its first message,
// which names the file), or no trace at all. Empty when the load is usable.
QString loadFailure(const LoadResult& result);

// Every message of every file, as users read them ("file: line 3, column 7 (byte 42), at …: …").
QStringList loadMessages(const LoadResult& result);

} // namespace Spanwise::Test

// Fails the test, naming the file and the reason, unless every file loaded and there is at
// least one trace; use it before touching reports.front() or traces().front().
#define SPANWISE_VERIFY_LOADED(result)                                                                                 \
    do {                                                                                                               \
        const QString spanwiseLoadFailure = Spanwise::Test::loadFailure(result);                                       \
        QVERIFY2(spanwiseLoadFailure.isEmpty(), qPrintable(spanwiseLoadFailure));                                      \
    } while (false)
