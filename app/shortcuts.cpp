#include "shortcuts.h"

#include <QCoreApplication>

#include <variant>

namespace Spanwise {
namespace {

// Plain data: a QKeySequence of a standard key asks the platform theme, which does not exist
// before the application does, so sequences are made when asked for.
struct Command {
    Shortcut shortcut;
    std::variant<QKeySequence::StandardKey, QKeyCombination> keys;
    const char* action;
};

QKeySequence sequenceOf(const Command& command)
{
    return std::visit([](auto keys) { return QKeySequence(keys); }, command.keys);
}

constexpr Command commands[] = {
    {Shortcut::Open, QKeySequence::Open, QT_TRANSLATE_NOOP("Shortcuts", "Open trace files or a saved session")},
    {Shortcut::AddFiles, QKeyCombination(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
        QT_TRANSLATE_NOOP("Shortcuts", "Add trace files to those loaded")},
    {Shortcut::OpenFromBackend, QKeyCombination(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
        QT_TRANSLATE_NOOP("Shortcuts", "Search or open traces in Jaeger, Tempo or Zipkin")},
    {Shortcut::SaveSession, QKeySequence::Save, QT_TRANSLATE_NOOP("Shortcuts", "Save the session")},
    {Shortcut::Quit, QKeySequence::Quit, QT_TRANSLATE_NOOP("Shortcuts", "Quit")},
    {Shortcut::FilterTraces, QKeyCombination(Qt::CTRL | Qt::Key_L),
        QT_TRANSLATE_NOOP("Shortcuts", "Filter the trace list (a query: docs/query.md)")},
    {Shortcut::ExportWaterfall, QKeyCombination(Qt::CTRL | Qt::Key_E),
        QT_TRANSLATE_NOOP("Shortcuts", "Export the waterfall as SVG or PNG")},
    {Shortcut::GoBack, QKeyCombination(Qt::CTRL | Qt::Key_BracketLeft),
        QT_TRANSLATE_NOOP("Shortcuts", "Back to the trace or span visited before")},
    {Shortcut::GoForward, QKeyCombination(Qt::CTRL | Qt::Key_BracketRight),
        QT_TRANSLATE_NOOP("Shortcuts", "Forward again")},
    {Shortcut::KeyboardShortcuts, QKeyCombination(Qt::Key_F1), QT_TRANSLATE_NOOP("Shortcuts", "This list")},
};

// Keys the views handle in their own key and shortcut handlers (waterfallview.cpp,
// traceview.cpp, spandetailsview.cpp), written as people read them.
const std::pair<const char*, const char*> viewKeys[] = {
    {QT_TRANSLATE_NOOP("Shortcuts", "↑ ↓, j k"), QT_TRANSLATE_NOOP("Shortcuts", "Previous / next span")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Page Up / Page Down, Home / End"),
        QT_TRANSLATE_NOOP("Shortcuts", "Move a page, to the first / last span")},
    {QT_TRANSLATE_NOOP("Shortcuts", "← →"),
        QT_TRANSLATE_NOOP("Shortcuts", "Collapse / expand the span (or go to its parent / first child)")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Enter, double-click the label"),
        QT_TRANSLATE_NOOP("Shortcuts", "Collapse or expand the span")},
    {QT_TRANSLATE_NOOP("Shortcuts", "+ / −, Ctrl+wheel"), QT_TRANSLATE_NOOP("Shortcuts", "Zoom in / out")},
    {QT_TRANSLATE_NOOP("Shortcuts", "0, double-click the overview"),
        QT_TRANSLATE_NOOP("Shortcuts", "Show the whole trace")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Double-click a bar"), QT_TRANSLATE_NOOP("Shortcuts", "Zoom to that span")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Drag the bars, Shift+wheel"), QT_TRANSLATE_NOOP("Shortcuts", "Pan the time axis")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Alt+← / Alt+→"),
        QT_TRANSLATE_NOOP("Shortcuts", "Back / forward through zoom history")},
    {QT_TRANSLATE_NOOP("Shortcuts", "/ or Ctrl+F"), QT_TRANSLATE_NOOP("Shortcuts", "Search in the trace")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Enter / Shift+Enter, F3 / Shift+F3"),
        QT_TRANSLATE_NOOP("Shortcuts", "Next / previous match")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Esc"),
        QT_TRANSLATE_NOOP("Shortcuts", "Clear the search or the selection; stop loading")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+C in span details"),
        QT_TRANSLATE_NOOP("Shortcuts", "Copy the selected value")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Right-click a span"),
        QT_TRANSLATE_NOOP("Shortcuts", "Copy a link to the span, its id or its trace's id")},
};

} // namespace

QKeySequence keysFor(Shortcut shortcut)
{
    for (const Command& command : commands)
        if (command.shortcut == shortcut)
            return sequenceOf(command);
    Q_UNREACHABLE();
}

std::vector<ShortcutHelp> shortcutHelp()
{
    std::vector<ShortcutHelp> rows;
    for (const Command& command : commands)
        rows.push_back({sequenceOf(command).toString(QKeySequence::NativeText),
            QCoreApplication::translate("Shortcuts", command.action)});
    for (const auto& [keys, action] : viewKeys)
        rows.push_back(
            {QCoreApplication::translate("Shortcuts", keys), QCoreApplication::translate("Shortcuts", action)});
    return rows;
}

} // namespace Spanwise
