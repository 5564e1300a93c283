#include "problemsdialog.h"

#include "formatting.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Spanwise {

ProblemsDialog::ProblemsDialog(const std::vector<ImportReport>& reports, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Loading problems"));
    resize(900, 420);
    auto* layout = new QVBoxLayout(this);
    auto* tree = new QTreeWidget(this);
    tree->setHeaderLabels({tr("Severity"), tr("File"), tr("Place"), tr("JSON path"), tr("Message")});
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    std::size_t dropped = 0;
    for (const ImportReport& report : reports) {
        dropped += report.messagesDropped;
        for (const ImportMessage& message : report.messages) {
            const QString place = message.line > 0 ? tr("line %1, column %2").arg(message.line).arg(message.column)
                                                   : tr("byte %1").arg(message.byteOffset);
            auto* item = new QTreeWidgetItem(tree,
                {message.severity == Severity::Error ? tr("Error") : tr("Warning"), toQString(report.path), place,
                    toQString(message.jsonPath), toQString(message.text)});
            item->setToolTip(4, toQString(message.text));
        }
    }
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(tree);
    if (dropped > 0)
        layout->addWidget(new QLabel(
            countText(static_cast<std::int64_t>(dropped), u"more message", u"more messages") + tr(" not kept."), this));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace Spanwise
