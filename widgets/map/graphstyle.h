#pragma once

#include <QColor>
#include <QString>

#include <vector>

namespace Spanwise {

// How a map drawn for another purpose than the plain dependency map (the map diff) colours and
// labels its nodes and edges, and what its legend says. Element vectors are by node or edge
// index; an empty vector leaves every element as the plain map draws it.
struct GraphStyle {
    struct Element {
        QColor colour;                    // the edge's line, the node's frame
        Qt::PenStyle pen = Qt::SolidLine; // dashed, dotted for what is gone
        QString tooltip;                  // rich text, instead of the plain map's figures
    };
    struct LegendEntry {
        QColor colour;
        Qt::PenStyle pen = Qt::SolidLine;
        QString text;
    };
    std::vector<Element> nodes;
    std::vector<Element> edges;
    std::vector<QString> edgeLabels; // laid out and drawn instead of the call counts
    std::vector<LegendEntry> legend; // instead of the plain map's
};

} // namespace Spanwise
