#include "csvexport.h"

#include "roles.h"

#include <QAbstractItemModel>
#include <QSaveFile>
#include <QTextStream>

#include <vector>

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

void writeCsv(const QAbstractItemModel& model, QTextStream& out)
{
    std::vector<int> columns;
    QStringList header;
    for (int c = 0; c < model.columnCount(); ++c) {
        if (model.headerData(c, Qt::Horizontal, Roles::ColumnUnused).toBool())
            continue;
        columns.push_back(c);
        const QVariant name = model.headerData(c, Qt::Horizontal, Roles::CsvHeader);
        header << csvText((name.isValid() ? name : model.headerData(c, Qt::Horizontal)).toString());
    }
    out << header.join(QLatin1Char(',')) << '\n';
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (const int c : columns) {
            const QModelIndex index = model.index(r, c);
            const QVariant raw = index.data(Roles::Sort);
            switch (raw.typeId()) {
            case QMetaType::Double:
                cells << QString::number(raw.toDouble(), 'g', 12);
                break;
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
            case QMetaType::Int:
            case QMetaType::UInt:
                cells << raw.toString();
                break;
            default:
                cells << csvText(index.data(Qt::DisplayRole).toString());
            }
        }
        out << cells.join(QLatin1Char(',')) << '\n';
    }
}

QString exportCsv(const QAbstractItemModel& model, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    QTextStream out(&file);
    writeCsv(model, out);
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace Spanwise
