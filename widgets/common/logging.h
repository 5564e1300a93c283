#pragma once

#include <QLoggingCategory>

// The categories Spanwise logs under; switch them on with QT_LOGGING_RULES, e.g.
//   QT_LOGGING_RULES="spanwise.*.debug=true" spanwise trace.json
// spanwise.import: what each load read, skipped and how long it took.
// spanwise.layout: Graphviz layouts: size, engine, helper process, time, timeouts.
// spanwise.paint: waterfall frames slower than a frame at 60 Hz.
Q_DECLARE_LOGGING_CATEGORY(lcImport)
Q_DECLARE_LOGGING_CATEGORY(lcLayout)
Q_DECLARE_LOGGING_CATEGORY(lcPaint)
