#pragma once

#include <QColor>
#include <QString>

#include <optional>

namespace Spanwise {

// What the user asked for: follow the desktop, or always light or dark (View ▸ Theme, --theme).
enum class ThemeChoice { System, Light, Dark };

std::optional<ThemeChoice> parseThemeChoice(const QString& name);
QString themeChoiceName(ThemeChoice choice);

// Applies a choice to the application: Light and Dark set the Fusion style and a palette of
// their own; System restores the desktop's. Every widget gets a PaletteChange and repaints.
void applyTheme(ThemeChoice choice);
ThemeChoice currentThemeChoice();

// Whether the palette in use is dark (whatever chose it).
bool isDarkTheme();

// The colours of everything Spanwise paints itself (waterfall, overview, map, charts), for the
// palette in use. Table text and backgrounds come from the palette itself.
struct ViewColors {
    bool dark = false;    // which palette of service colours goes with these
    QColor background;    // behind the bars, the map, the charts
    QColor alternate;     // every other row
    QColor header;        // the ruler, the overview
    QColor grid;          // ruler ticks and grid lines
    QColor guide;         // tree guides, overview frame
    QColor text;          // labels
    QColor secondaryText; // durations, figures, legends
    QColor selection;     // the selected row
    QColor hover;         // the row under the mouse
    QColor match;         // a search match
    QColor currentMatch;  // the current search match
    QColor mark;          // a diagnostics mark
    QColor error;         // error bars, badges, markers
    QColor errorText;     // error text on `background` (readable on dark as on light)
    QColor criticalPath;  // the critical-path strip on the bars
    QColor accent;        // the overview window, the marked map node
    QColor peer;          // an uninstrumented peer on the map
    QColor note;          // a warning note
    QColor betterText;    // an improvement in a comparison (errorText marks a regression)
};
const ViewColors& viewColors();
const ViewColors& viewColors(bool dark);

} // namespace Spanwise
