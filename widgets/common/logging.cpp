#include "logging.h"

// Warnings are on by default, debug output is opt-in.
Q_LOGGING_CATEGORY(lcImport, "spanwise.import", QtWarningMsg)
Q_LOGGING_CATEGORY(lcLayout, "spanwise.layout", QtWarningMsg)
Q_LOGGING_CATEGORY(lcPaint, "spanwise.paint", QtWarningMsg)
