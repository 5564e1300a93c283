#include "csvexport.h"

#include <QAbstractItemModel>
#include <QSaveFile>
#include <QTextStream>

namespace Spanwise {

QString csvNumber(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n')))
        return QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return text;
}

// A text cell as spreadsheets read it safely: a leading = + - @ (or tab, carriage return)
// would start a formula (CSV injection), so such text gets a leading apostrophe. Numbers are
// written raw and never pass through here.
QString csvText(QString text)
{
    if (!text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front()))
        text.prepend(QLatin1Char('\''));
    return csvNumber(std::move(text));
}

QString exportCsv(const QAbstractItemModel& model, const QString& path, int rawRole, int headerRole)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    QTextStream out(&file);
    QStringList header;
    for (int c = 0; c < model.columnCount(); ++c) {
        const QVariant special = model.headerData(c, Qt::Horizontal, headerRole);
        header << csvText((special.isValid() ? special : model.headerData(c, Qt::Horizontal)).toString());
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
            cells << (numeric ? csvNumber(raw.toString()) : csvText(index.data(Qt::DisplayRole).toString()));
        }
        out << cells.join(QLatin1Char(',')) << '\n';
    }
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace Spanwise
