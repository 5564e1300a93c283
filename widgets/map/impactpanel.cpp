#include "impactpanel.h"

#include "formatting.h"
#include "impact.h"
#include "treesection.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Spanwise {
namespace {

constexpr int serviceRole = Qt::UserRole + 1;

QString share(std::uint64_t part, std::uint64_t whole)
{
    return whole ? QStringLiteral("%1%").arg(100.0 * static_cast<double>(part) / static_cast<double>(whole), 0, 'f', 1)
                 : QString();
}

QTreeWidgetItem* group(QTreeWidget* tree, const QString& title, std::size_t count)
{
    return addTreeSection(tree, QStringLiteral("%1 (%2)").arg(title).arg(count));
}

void addServices(
    QTreeWidget* tree, const QString& title, const std::vector<ImpactService>& services, std::uint64_t traces)
{
    QTreeWidgetItem* parent = group(tree, title, services.size());
    for (const ImpactService& s : services) {
        const QString name = toQString(s.name);
        auto* item = new QTreeWidgetItem(parent,
            {s.isVirtual ? name + QCoreApplication::translate("ImpactPanel", " (peer)") : name,
                QString::number(s.traces), share(s.traces, traces)});
        item->setData(0, serviceRole, name);
        item->setToolTip(0, QCoreApplication::translate("ImpactPanel", "Double-click for its own impact"));
    }
}

} // namespace

ImpactPanel::ImpactPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_tree->setObjectName(QStringLiteral("impactTree"));
    m_tree->setHeaderLabels({tr("Impact"), tr("Traces"), tr("Share")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_tree, 1);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (const QString name = item->data(0, serviceRole).toString(); !name.isEmpty())
            emit serviceActivated(name);
    });
    clear();
}

void ImpactPanel::clear()
{
    m_title->setText(tr("Click a service or an edge to see what depends on it, trace by trace."));
    m_tree->clear();
}

void ImpactPanel::showComputing(const QString& target)
{
    m_title->setText(tr("<b>%1</b>: counting the traces that pass through it…").arg(target.toHtmlEscaped()));
    m_tree->clear();
}

void ImpactPanel::showImpact(const QString& target, const Impact& impact)
{
    m_title->setText(tr("<b>%1</b>: %2 of %3 traces pass through it (%4). If it fails, these entry points "
                        "fail in the share of their traces shown.")
                         .arg(target.toHtmlEscaped())
                         .arg(impact.traces)
                         .arg(impact.tracesInScope)
                         .arg(share(impact.traces, impact.tracesInScope)));
    m_tree->clear();
    QTreeWidgetItem* entries = group(m_tree, tr("Entry points"), impact.entryPoints.size());
    for (const ImpactEntryPoint& e : impact.entryPoints) {
        auto* item = new QTreeWidgetItem(entries,
            {toQString(e.service) + QStringLiteral(": ") + toQString(e.operation),
                tr("%1 of %2").arg(e.traces).arg(e.tracesTotal), share(e.traces, e.tracesTotal)});
        item->setToolTip(0, item->text(0));
    }
    addServices(m_tree, tr("Upstream: depend on it"), impact.upstream, impact.traces);
    addServices(m_tree, tr("Downstream: it depends on"), impact.downstream, impact.traces);
    m_tree->header()->resizeSections(QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
}

} // namespace Spanwise
