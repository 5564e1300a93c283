#include "corpus.h"

#include <QDir>
#include <QFile>

namespace Spanwise::Test {

std::string corpusFile(const QString& relativePath)
{
    return QFile::encodeName(QDir(QStringLiteral(SPANWISE_CORPUS_DIR)).filePath(relativePath)).toStdString();
}

QStringList corpusFiles(const QString& folder, const QStringList& nameFilters)
{
    const QDir dir(QDir(QStringLiteral(SPANWISE_CORPUS_DIR)).filePath(folder));
    return dir.entryList(nameFilters, QDir::Files, QDir::Name);
}

std::string sourceFile(const QString& relativePath)
{
    return QFile::encodeName(QDir(QStringLiteral(SPANWISE_SOURCE_DIR)).filePath(relativePath)).toStdString();
}

} // namespace Spanwise::Test
