#pragma once

#include "ids.h"
#include "traceloader.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <expected>
#include <optional>

namespace Spanwise {

class TraceSet;

// The exit codes of every subcommand (docs/cli.md has the table). Scripts rely on them.
enum ExitCode : int {
    ExitDone = 0,        // the command did what it was asked
    ExitInputFailed = 1, // an input could not be loaded (or a named trace or service is not in it,
                         // or the output could not be written); what could be loaded was used
    ExitUsage = 2,       // the arguments do not make a command
    // The gate `check`: 1 is a rule that did not hold, and a load with nothing in it is 3, so a
    // pipeline tells a broken release from a broken input.
    ExitRuleFailed = 1,
    ExitNothingLoaded = 3,
};

// What every subcommand shares: a parser with --help, the trace files as positional arguments,
// messages prefixed with "spanwise NAME:", loading with every import message printed with file
// and place, trace ids resolved, and the exit codes above. A subcommand adds its options to
// parser(), calls parse(), and returns what the helpers return.
// The options of the commands that draw an image (waterfall, flamegraph): -o/--output FILE and
// --width N. Add them with Command::addImageOptions.
struct ImageOptions {
    QCommandLineOption output {QStringList {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The image to write: .svg or .png."), QStringLiteral("FILE")};
    QCommandLineOption width {QStringLiteral("width"), QStringLiteral("Image width in pixels (default 1400)."),
        QStringLiteral("N"), QStringLiteral("1400")};
};

class Command
{
public:
    Command(QString name, const QString& description, QString usage);

    QCommandLineParser& parser() { return m_parser; }
    QTextStream& err() { return m_err; }
    // Parses the arguments; an exit code means stop now (0 after --help, 2 on a parse error).
    std::optional<int> parse(const QStringList& arguments);
    // The same, and a usage error when no trace file is given.
    std::optional<int> parseWithFiles(const QStringList& arguments);
    QStringList files() const { return m_parser.positionalArguments(); }

    // Says what is wrong and how to call the command; returns ExitUsage.
    int usageError(const QString& message);
    // Says what failed; returns ExitInputFailed.
    int failure(const QString& message);
    // Loads files(), printing every import message to err().
    LoadResult load();
    // The trace with this hex id, or nothing after saying so.
    std::optional<TraceIndex> findTrace(const TraceSet& set, const QString& hexId);
    // The one trace a drawing command draws: --trace ID, else the files' only trace. Otherwise
    // the exit code after saying why (the id is not loaded: 1; several traces and no --trace: 2,
    // naming `alternative` as another way out when given).
    std::expected<TraceIndex, int> chosenTrace(
        const TraceSet& set, const QCommandLineOption& traceOption, const QString& alternative = {});
    // The image width, having checked there are files, -o and a width from 400 to 20000; else
    // the usage error's exit code. Call after parse().
    std::expected<int, int> imageWidth(const ImageOptions& options);

private:
    QString m_name;
    QString m_usage;
    QCommandLineParser m_parser;
    QTextStream m_err;
};

// Loads the files a headless command was given, printing every import message (and how many
// were not kept) to `err`, one line each with file and place.
LoadResult loadForCommand(const QStringList& files, QTextStream& err);

} // namespace Spanwise
