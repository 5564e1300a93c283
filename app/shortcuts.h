#pragma once

#include <QKeySequence>
#include <QString>

#include <vector>

namespace Spanwise {

// The window's commands that have keys. The menus take their keys from keysFor(), and
// Help ▸ Keyboard Shortcuts lists shortcutHelp(), so the two cannot disagree.
enum class Shortcut {
    Open,
    AddFiles,
    OpenFromBackend,
    SaveSession,
    Quit,
    FilterTraces,
    ExportWaterfall,
    GoBack,
    GoForward,
    KeyboardShortcuts,
};

QKeySequence keysFor(Shortcut shortcut);

struct ShortcutHelp {
    QString keys;   // as the platform writes them, e.g. "Ctrl+O"
    QString action; // what they do
};
// Every key Spanwise answers to: the window's commands, then the keys views handle themselves
// (the waterfall, the search field, the span details).
std::vector<ShortcutHelp> shortcutHelp();

} // namespace Spanwise
