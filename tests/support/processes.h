#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Spanwise::Test {

struct ProcessRun {
    int exitCode = -1; // -1 when the program crashed, -2 when it hung and was killed
    QByteArray out;
    QByteArray err;
};

// Runs a program as a script would: a fresh process with no display, waiting for it to end
// (two minutes at most: a hang is killed and reported as exit code -2). `environment` adds
// NAME=value entries.
ProcessRun runProgram(const QString& program, const QStringList& arguments, const QStringList& environment = {});

// Every <text> of an SVG file, in order; says whether the file is well-formed XML and which
// elements it holds (to check that no <script> slipped in).
QStringList svgTexts(const QString& path, bool* wellFormed, QStringList* elements = nullptr);

// The same, saying only whether a <script> element is among them.
QStringList svgTextsAndScript(const QString& path, bool* wellFormed, bool* hasScript);

// Writes bytes to a new file, for inputs a test makes up; false when the file cannot be written.
[[nodiscard]] bool writeFile(const QString& path, const QByteArray& bytes);

} // namespace Spanwise::Test
