#include "problemsdialog.h"

#include "formatting.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <map>

namespace Spanwise {
namespace {

constexpr int locationRole = Qt::UserRole + 1;
constexpr int pathRole = Qt::UserRole + 2;

struct Group {
    Severity severity;
    QString text;
    std::vector<std::pair<const ImportReport*, const ImportMessage*>> places;
};

} // namespace

QString ProblemsDialog::location(const ImportReport& report, const ImportMessage& message)
{
    const QString path = toQString(report.path);
    return message.line > 0 ? QStringLiteral("%1:%2:%3").arg(path).arg(message.line).arg(message.column) : path;
}

ProblemsDialog::ProblemsDialog(const std::vector<ImportReport>& reports, QWidget* parent)
    : QDialog(parent)
    , m_tree(new QTreeWidget(this))
{
    setWindowTitle(tr("Loading problems"));
    resize(900, 420);
    auto* layout = new QVBoxLayout(this);
    m_tree->setHeaderLabels({tr("Message"), tr("Count"), tr("Place"), tr("JSON path")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);

    // Identical messages once, errors first, then in order of first appearance.
    std::vector<Group> groups;
    std::map<std::pair<int, QString>, std::size_t> groupOf;
    std::size_t dropped = 0;
    for (const ImportReport& report : reports) {
        dropped += report.messagesDropped;
        for (const ImportMessage& message : report.messages) {
            const QString text = toQString(message.text);
            const auto key = std::pair {static_cast<int>(message.severity), text};
            auto [it, added] = groupOf.try_emplace(key, groups.size());
            if (added)
                groups.push_back({message.severity, text, {}});
            groups[it->second].places.emplace_back(&report, &message);
        }
    }
    std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
        return (a.severity == Severity::Error) > (b.severity == Severity::Error);
    });
    const ViewColors& colors = viewColors();
    for (const Group& group : groups) {
        const bool error = group.severity == Severity::Error;
        auto* top = new QTreeWidgetItem(
            m_tree, {(error ? tr("Error: ") : tr("Warning: ")) + group.text, QString::number(group.places.size())});
        top->setForeground(0, error ? colors.errorText : colors.note);
        top->setToolTip(0, group.text);
        top->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        for (const auto& [report, message] : group.places) {
            const QString place = message->line > 0
                ? tr("%1: line %2, column %3")
                      .arg(QFileInfo(toQString(report->path)).fileName())
                      .arg(message->line)
                      .arg(message->column)
                : tr("%1: byte %2").arg(QFileInfo(toQString(report->path)).fileName()).arg(message->byteOffset);
            auto* item = new QTreeWidgetItem(top, {QString(), QString(), place, toQString(message->jsonPath)});
            item->setData(0, locationRole, location(*report, *message));
            item->setData(0, pathRole, toQString(report->path));
            item->setToolTip(2, tr("Double-click to open the file (its place is copied as file:line:column)"));
        }
        top->setExpanded(groups.size() <= 5 || group.places.size() <= 3);
    }
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (const int column : {1, 2, 3})
        m_tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString where = item->data(0, locationRole).toString();
        if (where.isEmpty())
            return;
        QApplication::clipboard()->setText(where);
        QDesktopServices::openUrl(QUrl::fromLocalFile(item->data(0, pathRole).toString()));
        emit locationActivated(where);
    });
    layout->addWidget(m_tree);
    if (dropped > 0)
        layout->addWidget(new QLabel(
            countText(static_cast<std::int64_t>(dropped), u"more message", u"more messages") + tr(" not kept."), this));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace Spanwise
