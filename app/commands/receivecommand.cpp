#include "receivecommand.h"

#include "command.h"
#include "otlpreceiver.h"
#include "stopsignals.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>

namespace Spanwise {

int runReceiveCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("receive"),
        QStringLiteral("Receives OTLP/HTTP trace exports (POST /v1/traces, protobuf or JSON, gzip or not) and writes "
                       "each accepted request as one line of OTLP JSON."),
        QStringLiteral("spanwise receive [--listen [ADDR:]PORT] -o FILE [--max-spans N] [--idle-exit SECONDS]"));
    const QCommandLineOption listenOption(QStringLiteral("listen"),
        QStringLiteral("Where to listen: [ADDR:]PORT (default 127.0.0.1:4318; port 0 picks a free one)."),
        QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:4318"));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The OTLP JSON Lines file to write (replaced)."), QStringLiteral("FILE"));
    const QCommandLineOption maxSpansOption(QStringLiteral("max-spans"),
        QStringLiteral("Stop after this many spans (the request that reaches it is written whole)."),
        QStringLiteral("N"));
    const QCommandLineOption idleOption(QStringLiteral("idle-exit"),
        QStringLiteral("Stop after this many seconds without a request."), QStringLiteral("SECONDS"));
    for (const auto* option : {&listenOption, &outputOption, &maxSpansOption, &idleOption})
        command.parser().addOption(*option);
    if (const auto exit = command.parse(arguments))
        return *exit;
    if (!command.files().isEmpty())
        return command.usageError(QStringLiteral("receive takes no files"));
    if (!command.parser().isSet(outputOption))
        return command.usageError(QStringLiteral("-o FILE is required"));
    const auto address = ListenAddress::parse(command.parser().value(listenOption));
    if (!address)
        return command.usageError(address.error());
    bool ok = true;
    const qulonglong maxSpans =
        command.parser().isSet(maxSpansOption) ? command.parser().value(maxSpansOption).toULongLong(&ok) : 0;
    if (!ok || (command.parser().isSet(maxSpansOption) && maxSpans == 0))
        return command.usageError(QStringLiteral("--max-spans takes a positive number"));
    const double idleSeconds =
        command.parser().isSet(idleOption) ? command.parser().value(idleOption).toDouble(&ok) : 0;
    if (!ok || idleSeconds < 0 || (command.parser().isSet(idleOption) && idleSeconds == 0))
        return command.usageError(QStringLiteral("--idle-exit takes a positive number of seconds"));

    QFile output(command.parser().value(outputOption));
    if (!output.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return command.failure(QStringLiteral("cannot write %1: %2").arg(output.fileName(), output.errorString()));

    OtlpReceiver receiver;
    if (!receiver.listen(*address)) {
        command.err() << "spanwise receive: " << receiver.errorString() << '\n';
        return ExitUsage;
    }
    QTextStream out(stdout);
    out << "listening on " << receiver.address().toString() << Qt::endl;

    std::uint64_t spans = 0, requests = 0, rejected = 0;
    bool writeFailed = false;
    QTimer idle;
    idle.setSingleShot(true);
    idle.setInterval(static_cast<int>(idleSeconds * 1000));
    QObject::connect(&idle, &QTimer::timeout, qApp, &QCoreApplication::quit);
    if (idleSeconds > 0)
        idle.start();
    QObject::connect(&receiver, &OtlpReceiver::batchReceived, [&](std::shared_ptr<const ReceivedBatch> batch) {
        if (maxSpans && spans >= maxSpans)
            return; // already stopping: nothing past the limit is written
        ++requests;
        spans += batch->accepted.size();
        rejected += batch->rejected;
        // Each line reaches the disk as it comes, so a killed receiver loses nothing answered.
        const std::string line = batch->toOtlpJson();
        if (output.write(line.data(), static_cast<qint64>(line.size())) < 0 || !output.putChar('\n') || !output.flush())
            writeFailed = true;
        if (writeFailed || (maxSpans && spans >= maxSpans))
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    });
    QObject::connect(&receiver, &OtlpReceiver::requestRefused,
        [&](const QString& message) { command.err() << "spanwise receive: refused " << message << Qt::endl; });
    // Any request, even a refused one, is activity.
    QObject::connect(&receiver, &OtlpReceiver::batchReceived, &idle, [&] {
        if (idleSeconds > 0)
            idle.start();
    });
    QObject::connect(&receiver, &OtlpReceiver::requestRefused, &idle, [&] {
        if (idleSeconds > 0)
            idle.start();
    });
    StopSignals stop;
    QObject::connect(&stop, &StopSignals::stopRequested, qApp, &QCoreApplication::quit);

    QCoreApplication::exec();
    receiver.close();
    receiver.flushAnswers(1000);
    output.close();
    command.err() << "spanwise receive: " << spans << " spans in " << requests << " requests written to "
                  << output.fileName();
    if (rejected)
        command.err() << " (" << rejected << " spans rejected)";
    command.err() << Qt::endl;
    if (writeFailed || output.error() != QFileDevice::NoError)
        return command.failure(QStringLiteral("cannot write %1: %2").arg(output.fileName(), output.errorString()));
    return ExitDone;
}

} // namespace Spanwise
