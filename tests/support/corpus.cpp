#include "corpus.h"

#include "decompress.h"
#include "processes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

namespace Spanwise::Test {
namespace {

QDir dataDir()
{
    return QDir(QStringLiteral(SPANWISE_SOURCE_DIR "/tests/data"));
}
QDir corpusDir()
{
    return QDir(dataDir().filePath(QStringLiteral("corpus")));
}

QString storedCorpusPath(const QString& relativePath)
{
    const QString plain = corpusDir().filePath(relativePath);
    if (QFileInfo::exists(plain))
        return plain;
    const QString packed = plain + QStringLiteral(".zst");
    // Neither stored: the plain name, so the failing load names the file it looked for.
    return QFileInfo::exists(packed) ? packed : plain;
}

} // namespace

std::string corpusFile(const QString& relativePath)
{
    return QFile::encodeName(storedCorpusPath(relativePath)).toStdString();
}

QByteArray corpusBytes(const QString& relativePath, bool* ok)
{
    *ok = false;
    QFile file(storedCorpusPath(relativePath));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stored = file.readAll();
    const std::string_view view(stored.constData(), std::size_t(stored.size()));
    const Compression compression = detectCompression(view);
    if (compression == Compression::None) {
        *ok = true;
        return stored;
    }
    const DecompressResult inflated = decompress(view, compression, DecompressLimits {});
    if (inflated.error)
        return {};
    *ok = true;
    return QByteArray(inflated.bytes.view().data(), qsizetype(inflated.bytes.size()));
}

QString plainCorpusCopy(const QString& relativePath, const QTemporaryDir& dir)
{
    bool ok = false;
    const QByteArray bytes = corpusBytes(relativePath, &ok);
    const QString path = dir.filePath(QFileInfo(relativePath).fileName());
    return ok && writeFile(path, bytes) ? path : QString();
}

std::string dataFile(const QString& relativePath)
{
    return QFile::encodeName(dataDir().filePath(relativePath)).toStdString();
}

std::string sourceFile(const QString& relativePath)
{
    return QFile::encodeName(QDir(QStringLiteral(SPANWISE_SOURCE_DIR)).filePath(relativePath)).toStdString();
}

} // namespace Spanwise::Test
