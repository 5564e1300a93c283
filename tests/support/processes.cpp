#include "processes.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QXmlStreamReader>

namespace Spanwise::Test {

ProcessRun runProgram(const QString& program, const QStringList& arguments, const QStringList& extraEnvironment)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    for (const QString& entry : extraEnvironment)
        environment.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {-2, {}, program.toUtf8() + " did not finish within two minutes"};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        process.readAllStandardError()};
}

QStringList svgTexts(const QString& path, bool* wellFormed, QStringList* elements)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *wellFormed = false;
        return {};
    }
    QXmlStreamReader xml(&file);
    QStringList texts;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (elements)
            elements->append(xml.name().toString());
        if (xml.name() == QStringLiteral("text"))
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    }
    *wellFormed = !xml.hasError();
    return texts;
}

QStringList svgTextsAndScript(const QString& path, bool* wellFormed, bool* hasScript)
{
    QStringList elements;
    const QStringList texts = svgTexts(path, wellFormed, &elements);
    *hasScript = elements.contains(QStringLiteral("script"));
    return texts;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace Spanwise::Test
