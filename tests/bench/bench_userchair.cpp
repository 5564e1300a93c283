// Prints what a user waits for, from the user's chair: a generated trace file on disk, then the
// whole `spanwise` process — start, read, parse, window, first paint of the visible tab, exit —
// timed from outside with its peak resident memory, next to a plain simdjson DOM parse of the
// same file read from disk in this process (the reference the scale targets are set against).
// "loaded MB" is the window's resident size when it saved its picture, as it logs it: what a
// loaded window keeps. Each figure is the fastest of three rounds.
// Never asserts on time.
//   bench_userchair [--keep DIR] [SPANS...]   (default 100000 300000 1000000)
// The window runs on whatever QT_QPA_PLATFORM and DISPLAY say (run-benchmarks.sh starts Xvfb
// when it can; offscreen otherwise). Each file holds one trace of SPANS spans (Jaeger JSON).
#include "benchsupport.h"

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Spanwise;

namespace {

struct ProcessFigures {
    double seconds = 0;
    double peakMb = 0;
    std::string err; // what it wrote on stderr
    int exitCode = -1;
};

// Runs a program to its end, its output discarded and its stderr kept; wall time and peak RSS
// from wait4().
ProcessFigures runMeasured(const std::vector<std::string>& arguments, const std::filesystem::path& errFile)
{
    std::vector<char*> argv;
    for (const std::string& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    ProcessFigures figures;
    std::fflush(stdout); // or the child's exit writes our buffered lines again
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = fork();
    if (child == 0) {
        std::freopen("/dev/null", "w", stdout);
        std::freopen(errFile.c_str(), "w", stderr);
        setenv("QT_LOGGING_RULES", "spanwise.import.debug=true", 1);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage {};
    if (child < 0 || wait4(child, &status, 0, &usage) < 0)
        return figures;
    figures.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    figures.peakMb = static_cast<double>(usage.ru_maxrss) / 1024.0; // KiB on Linux
    figures.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream err(errFile);
    figures.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
    return figures;
}

// The resident size the window logged when it saved its picture, or -1.
double loadedMb(const std::string& err)
{
    const std::string marker = "resident after load: ";
    const std::size_t at = err.find(marker);
    return at == std::string::npos ? -1 : std::atof(err.c_str() + at + marker.size());
}

// simdjson's DOM parse of the file as the user's program would meet it: read from disk into a
// padded string, then parsed. Milliseconds for both together.
double simdjsonFileMilliseconds(const std::string& path)
{
    simdjson::dom::parser parser;
    return Bench::millisecondsOf([&] {
        simdjson::padded_string text;
        if (simdjson::padded_string::load(path).get(text)) {
            std::fprintf(stderr, "cannot read %s\n", path.c_str());
            return;
        }
        simdjson::dom::element root;
        if (parser.parse(text).get(root))
            std::fprintf(stderr, "simdjson rejected %s\n", path.c_str());
    });
}

constexpr int rounds = 3;

} // namespace

int main(int argc, char** argv)
{
    std::filesystem::path dir;
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--keep") == 0 && i + 1 < argc)
            dir = argv[++i];
        else
            sizes.push_back(std::atoi(argv[i]));
    }
    if (sizes.empty())
        sizes = {100000, 300000, 1000000};
    const bool keep = !dir.empty();
    if (!keep)
        dir = std::filesystem::temp_directory_path() / ("spanwise-userchair-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string spanwise = SPANWISE_EXECUTABLE;

    std::printf("%9s %8s %11s | %9s %9s %7s %7s | %9s %9s %7s %7s %9s\n", "spans", "file MB", "simdjson s", "summary s",
        "peak MB", "x parse", "x file", "window s", "peak MB", "x parse", "x file", "loaded MB");
    for (const int spans : sizes) {
        const std::filesystem::path file = dir / ("trace-" + std::to_string(spans) + ".json");
        if (!std::filesystem::exists(file)) {
            std::ofstream out(file, std::ios::binary);
            out << Bench::generatedJaeger(1, spans);
        }
        const double fileMb = static_cast<double>(std::filesystem::file_size(file)) / 1e6;
        // Warm the page cache once, as a user's second look at a file would find it.
        (void)simdjsonFileMilliseconds(file);
        // The fastest of three rounds of each, taken in turn so that a busy spell on this shared
        // machine slows all three alike.
        double reference = 0;
        ProcessFigures summary, window;
        const std::string shot = (dir / "window.png").string();
        for (int round = 0; round < rounds; ++round) {
            const double parse = simdjsonFileMilliseconds(file) / 1000.0;
            const ProcessFigures summaryRun = runMeasured({spanwise, "summary", file}, dir / "summary.err");
            const ProcessFigures windowRun = runMeasured({spanwise, "--screenshot", shot, file}, dir / "window.err");
            if (round == 0 || parse < reference)
                reference = parse;
            if (round == 0 || summaryRun.seconds < summary.seconds)
                summary = summaryRun;
            if (round == 0 || windowRun.seconds < window.seconds)
                window = windowRun;
        }
        if (summary.exitCode != 0 || window.exitCode != 0)
            std::fprintf(stderr, "spanwise failed on %s (summary exit %d, window exit %d)\n", file.c_str(),
                summary.exitCode, window.exitCode);
        std::printf("%9d %8.0f %11.2f | %9.2f %9.0f %7.1f %7.2f | %9.2f %9.0f %7.1f %7.2f %9.0f\n", spans, fileMb,
            reference, summary.seconds, summary.peakMb, summary.seconds / reference, summary.peakMb / fileMb,
            window.seconds, window.peakMb, window.seconds / reference, window.peakMb / fileMb, loadedMb(window.err));
        std::fflush(stdout);
        if (!keep)
            std::filesystem::remove(file);
    }
    if (!keep)
        std::filesystem::remove_all(dir);
    return 0;
}
