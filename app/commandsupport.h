#pragma once

#include "traceloader.h"

#include <QStringList>

class QTextStream;

namespace Spanwise {

// Loads the files a headless command was given, printing every import message (and how many
// were not kept) to `err`, one line each with file and place.
LoadResult loadForCommand(const QStringList& files, QTextStream& err);

} // namespace Spanwise
