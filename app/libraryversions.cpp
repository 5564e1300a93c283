#include "libraryversions.h"

#include <google/protobuf/stubs/common.h>
#include <graphviz/gvc.h>
#include <simdjson.h>
#include <zlib.h>
#include <zstd.h>

#include <QStringList>
#include <QtGlobal>

namespace Spanwise {
namespace {

QString graphvizVersion()
{
    GVC_t* context = gvContext();
    const QString version = QString::fromUtf8(gvcVersion(context));
    gvFreeContext(context);
    return version;
}

} // namespace

std::vector<std::pair<QString, QString>> libraryVersions()
{
    return {
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("Graphviz"), graphvizVersion()},
        {QStringLiteral("protobuf"),
            QString::fromStdString(google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION))},
        {QStringLiteral("simdjson"),
            QStringLiteral("%1.%2.%3")
                .arg(simdjson::SIMDJSON_VERSION_MAJOR)
                .arg(simdjson::SIMDJSON_VERSION_MINOR)
                .arg(simdjson::SIMDJSON_VERSION_REVISION)},
        {QStringLiteral("zlib"), QString::fromLatin1(zlibVersion())},
        {QStringLiteral("zstd"), QString::fromLatin1(ZSTD_versionString())},
    };
}

QString libraryVersionsText()
{
    QStringList parts;
    for (const auto& [name, version] : libraryVersions())
        parts << name + QLatin1Char(' ') + version;
    return parts.join(QStringLiteral(", "));
}

} // namespace Spanwise
