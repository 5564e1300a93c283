#include "theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace Spanwise {
namespace {

ThemeChoice g_choice = ThemeChoice::System;
// What the desktop gave before a choice replaced it, to restore on System.
std::optional<QPalette> g_systemPalette;
QString g_systemStyle;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x21, 0x24), text(0xe6, 0xe8, 0xeb);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x38, 0x3d));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x91, 0x99));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x34, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4e));
    p.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x44));
    p.setColor(QPalette::Mid, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6f, 0xb8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x7a, 0x7f, 0x86));
    return p;
}

} // namespace

std::optional<ThemeChoice> parseThemeChoice(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QStringLiteral("system"))
        return ThemeChoice::System;
    if (n == QStringLiteral("light"))
        return ThemeChoice::Light;
    if (n == QStringLiteral("dark"))
        return ThemeChoice::Dark;
    return std::nullopt;
}

QString themeChoiceName(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

void applyTheme(ThemeChoice choice)
{
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    Q_ASSERT(app);
    if (!g_systemPalette) {
        g_systemPalette = QApplication::palette();
        g_systemStyle = app->style()->name();
    }
    g_choice = choice;
    switch (choice) {
    case ThemeChoice::System:
        QApplication::setStyle(QStyleFactory::create(g_systemStyle));
        QApplication::setPalette(*g_systemPalette);
        break;
    case ThemeChoice::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case ThemeChoice::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
}

ThemeChoice currentThemeChoice()
{
    return g_choice;
}

bool isDarkTheme()
{
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

const ViewColors& viewColors(bool dark)
{
    static const ViewColors light {
        .dark = false,
        .background = QColor(0xff, 0xff, 0xff),
        .alternate = QColor(0xf7, 0xf8, 0xfa),
        .header = QColor(0xf1, 0xf3, 0xf5),
        .grid = QColor(0xe3, 0xe6, 0xea),
        .guide = QColor(0xc4, 0xc9, 0xd0),
        .text = QColor(0x20, 0x24, 0x28),
        .secondaryText = QColor(0x5f, 0x63, 0x68),
        .selection = QColor(0xd6, 0xe4, 0xff),
        .hover = QColor(0xee, 0xf2, 0xf8),
        .match = QColor(0xff, 0xf4, 0xc2),
        .currentMatch = QColor(0xff, 0xdf, 0x7a),
        .mark = QColor(0xe3, 0x8b, 0x00),
        .error = QColor(0xd3, 0x2f, 0x2f),
        .errorText = QColor(0xc0, 0x1c, 0x28),
        .criticalPath = QColor(0x1b, 0x1f, 0x24),
        .accent = QColor(0x1a, 0x56, 0xdb),
        .peer = QColor(0x9a, 0xa0, 0xa6),
        .note = QColor(0x8a, 0x5a, 0x00),
        .betterText = QColor(0x1e, 0x7b, 0x34),
    };
    static const ViewColors darkColors {
        .dark = true,
        .background = QColor(0x1f, 0x21, 0x24),
        .alternate = QColor(0x26, 0x28, 0x2c),
        .header = QColor(0x2b, 0x2d, 0x31),
        .grid = QColor(0x3a, 0x3d, 0x42),
        .guide = QColor(0x55, 0x5a, 0x61),
        .text = QColor(0xe6, 0xe8, 0xeb),
        .secondaryText = QColor(0xa9, 0xae, 0xb5),
        .selection = QColor(0x2f, 0x4a, 0x73),
        .hover = QColor(0x30, 0x34, 0x3a),
        .match = QColor(0x5a, 0x4d, 0x1a),
        .currentMatch = QColor(0x8a, 0x6d, 0x12),
        .mark = QColor(0xff, 0xb2, 0x3b),
        .error = QColor(0xef, 0x53, 0x50),
        .errorText = QColor(0xff, 0x8a, 0x80),
        .criticalPath = QColor(0xf5, 0xf6, 0xf7),
        .accent = QColor(0x6d, 0xa8, 0xff),
        .peer = QColor(0x7d, 0x84, 0x8c),
        .note = QColor(0xf0, 0xc0, 0x60),
        .betterText = QColor(0x7e, 0xd3, 0x8c),
    };
    return dark ? darkColors : light;
}

const ViewColors& viewColors()
{
    return viewColors(isDarkTheme());
}

} // namespace Spanwise
