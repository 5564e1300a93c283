#pragma once

#include <QString>

class QChartView;

namespace Spanwise {

// Saves a chart as it is shown, as PNG or SVG (by the file's extension). Returns an empty
// string, or what went wrong.
QString exportChart(QChartView& view, const QString& path);

} // namespace Spanwise
