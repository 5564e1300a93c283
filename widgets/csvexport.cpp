#include "csvexport.h"

#include <QAbstractItemModel>
#include <QSaveFile>
#include <QTextStream>

namespace Spanwise {
namespace {

QString field(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n')))
        return QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return text;
}

} // namespace

QString exportCsv(const QAbstractItemModel& model, const QString& path, int rawRole, int headerRole)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    QTextStream out(&file);
    QStringList header;
    for (int c = 0; c < model.columnCount(); ++c) {
        const QVariant special = model.headerData(c, Qt::Horizontal, headerRole);
        header << field((special.isValid() ? special : model.headerData(c, Qt::Horizontal)).toString());
    }
    out << header.join(QLatin1Char(',')) << '\n';
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model.columnCount(); ++c) {
            const QModelIndex index = model.index(r, c);
            const QVariant raw = index.data(rawRole);
            const bool numeric = raw.typeId() == QMetaType::LongLong || raw.typeId() == QMetaType::Int ||
                                 raw.typeId() == QMetaType::Double || raw.typeId() == QMetaType::ULongLong ||
                                 raw.typeId() == QMetaType::UInt;
            cells << field(numeric ? raw.toString() : index.data(Qt::DisplayRole).toString());
        }
        out << cells.join(QLatin1Char(',')) << '\n';
    }
    out.flush();
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace Spanwise
