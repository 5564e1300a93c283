#include "compareview.h"

#include "backgroundwork.h"
#include "calltree.h"
#include "formatting.h"
#include "query.h"
#include "spanquery.h"
#include "spanscope.h"
#include "theme.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <expected>

namespace Spanwise {
namespace {

constexpr int nodeRole = Qt::UserRole + 1;

enum Column {
    PathColumn,
    ChangeColumn,
    CountA,
    CountB,
    TotalA,
    TotalB,
    TotalChange,
    SelfA,
    SelfB,
    SelfChange,
    P50A,
    P50B,
    ColumnCount
};

QString changeName(NodeChange change)
{
    switch (change) {
    case NodeChange::Same:
        return QString();
    case NodeChange::Added:
        return CompareView::tr("added");
    case NodeChange::Removed:
        return CompareView::tr("removed");
    case NodeChange::Changed:
        return CompareView::tr("changed");
    }
    Q_UNREACHABLE();
}

QString signedDuration(double ns)
{
    return formatDurationChange(std::llround(ns));
}

// The traces a query picks, by index; an error sentence when it cannot be read.
std::expected<std::vector<TraceIndex>, QString> tracesPicked(const TraceSet& set, const QString& text)
{
    auto passing = tracesMatching(set, text.toStdString());
    if (!passing)
        return std::unexpected(QString::fromStdString(passing.error().message));
    return tracesInScope(
        set, {.onlyTrace = {}, .onlyTraces = std::make_shared<const std::vector<bool>>(std::move(*passing))});
}

} // namespace

CompareView::CompareView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_queryA(new QLineEdit(this))
    , m_queryB(new QLineEdit(this))
    , m_swap(new QPushButton(tr("Swap"), this))
    , m_minPercent(new QDoubleSpinBox(this))
    , m_minMs(new QDoubleSpinBox(this))
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_work(new BackgroundWork(this))
{
    Q_ASSERT(session);
    m_queryA->setObjectName(QStringLiteral("compareA"));
    m_queryB->setObjectName(QStringLiteral("compareB"));
    m_queryA->setPlaceholderText(tr("A (baseline): traces to compare, e.g. trace=4bf9… or file=before.json"));
    m_queryB->setPlaceholderText(tr("B: the traces compared with A, e.g. service.version=1.5"));
    m_queryA->setClearButtonEnabled(true);
    m_queryB->setClearButtonEnabled(true);
    m_swap->setToolTip(tr("Exchange A and B"));
    auto* compareButton = new QPushButton(tr("Compare"), this);
    compareButton->setDefault(true);
    auto* fields = new QHBoxLayout;
    fields->addWidget(new QLabel(tr("A"), this));
    fields->addWidget(m_queryA, 1);
    fields->addWidget(new QLabel(tr("B"), this));
    fields->addWidget(m_queryB, 1);
    fields->addWidget(m_swap);
    fields->addWidget(compareButton);
    const CompareThresholds defaults;
    m_minPercent->setRange(0, 1000);
    m_minPercent->setSuffix(tr(" %"));
    m_minPercent->setValue(defaults.minChangePercent);
    m_minMs->setRange(0, 3'600'000);
    m_minMs->setDecimals(3);
    m_minMs->setSuffix(tr(" ms"));
    m_minMs->setValue(static_cast<double>(defaults.minChangeNs) / 1e6);
    const QString thresholdTip = tr("A node counts as changed when its count differs, or its total time moves by "
                                    "more than this share and more than this time");
    m_minPercent->setToolTip(thresholdTip);
    m_minMs->setToolTip(thresholdTip);
    auto* thresholds = new QHBoxLayout;
    thresholds->addWidget(new QLabel(tr("Changed when the total moves by more than"), this));
    thresholds->addWidget(m_minPercent);
    thresholds->addWidget(new QLabel(tr("and"), this));
    thresholds->addWidget(m_minMs);
    thresholds->addStretch(1);

    m_summary->setWordWrap(true);
    m_summary->setText(tr("Pick two traces in the trace list (Ctrl+click) and choose Compare from its context "
                          "menu, or type a query for each side: a side may be a group of traces."));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Service: operation"), tr("Change"), tr("Count A"), tr("Count B"), tr("Total A"),
        tr("Total B"), tr("Δ total"), tr("Self A"), tr("Self B"), tr("Δ self"), tr("p50 A"), tr("p50 B")});
    m_tree->headerItem()->setToolTip(TotalChange, tr("B − A, per trace of each side when a side is a group"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    // Names read whole: sized to them when a comparison arrives (the figures scroll beside them
    // on a narrow screen), and the user may drag it.
    m_tree->header()->setSectionResizeMode(PathColumn, QHeaderView::Interactive);
    for (int column = ChangeColumn; column < ColumnCount; ++column)
        m_tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addLayout(thresholds);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);

    connect(compareButton, &QPushButton::clicked, this, &CompareView::run);
    connect(m_queryA, &QLineEdit::returnPressed, this, &CompareView::run);
    connect(m_minPercent, &QDoubleSpinBox::editingFinished, this, &CompareView::run);
    connect(m_minMs, &QDoubleSpinBox::editingFinished, this, &CompareView::run);
    connect(m_queryB, &QLineEdit::returnPressed, this, &CompareView::run);
    connect(m_swap, &QPushButton::clicked, this, [this] {
        const QString a = m_queryA->text();
        m_queryA->setText(m_queryB->text());
        m_queryB->setText(a);
        run();
    });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) { openSide(item, true); });
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint& point) {
        QTreeWidgetItem* item = m_tree->itemAt(point);
        if (!item || !m_result)
            return;
        const ComparedNode& node = m_result->nodes[item->data(0, nodeRole).toUInt()];
        QMenu menu(this);
        menu.addAction(tr("Open in A's Waterfall"), this, [this, item] { openSide(item, false); })
            ->setEnabled(node.exampleA.isValid());
        menu.addAction(tr("Open in B's Waterfall"), this, [this, item] { openSide(item, true); })
            ->setEnabled(node.exampleB.isValid());
        menu.exec(m_tree->viewport()->mapToGlobal(point));
    });
    connect(m_session, &TraceSession::loaded, this, &CompareView::loaded);
    connect(m_session, &TraceSession::comparisonRequested, this, &CompareView::compare);
}

CompareView::~CompareView() = default;

bool CompareView::isComputing() const
{
    return m_work->isRunning();
}

void CompareView::setThresholds(CompareThresholds thresholds)
{
    m_minPercent->setValue(thresholds.minChangePercent);
    m_minMs->setValue(static_cast<double>(thresholds.minChangeNs) / 1e6);
    run();
}

QString CompareView::queryA() const
{
    return m_queryA->text();
}

QString CompareView::queryB() const
{
    return m_queryB->text();
}

QString CompareView::summary() const
{
    return m_summary->text();
}

void CompareView::compare(const QString& queryA, const QString& queryB)
{
    m_queryA->setText(queryA);
    m_queryB->setText(queryB);
    run();
}

void CompareView::loaded(const std::shared_ptr<const TraceSetPresentation>& presentation)
{
    const bool sameSpans = m_presentation && presentation && &m_presentation->set() != &presentation->set() &&
        m_presentation->set().spans().size() == presentation->set().spans().size();
    m_presentation = presentation;
    m_work->cancel();
    m_tree->clear();
    m_result.reset();
    // The clock-skew switch replaces the set with the same spans: compare again. A new load
    // starts empty.
    if (sameSpans && !m_queryA->text().isEmpty() && !m_queryB->text().isEmpty())
        run();
}

void CompareView::run()
{
    if (!m_presentation)
        return;
    if (m_queryA->text().trimmed().isEmpty() || m_queryB->text().trimmed().isEmpty()) {
        m_summary->setText(tr("Give a query for each side."));
        return;
    }
    m_summary->setText(tr("Comparing…"));
    m_work->run(
        [presentation = m_presentation, a = m_queryA->text(), b = m_queryB->text(),
            thresholds = CompareThresholds {m_minPercent->value(), std::llround(m_minMs->value() * 1e6)}](
            const WorkTicket&) -> std::shared_ptr<const Outcome> {
            const TraceSet& set = presentation->set();
            auto outcome = std::make_shared<Outcome>();
            const auto sideA = tracesPicked(set, a);
            const auto sideB = tracesPicked(set, b);
            if (!sideA)
                outcome->error = tr("Query A: %1").arg(sideA.error());
            else if (!sideB)
                outcome->error = tr("Query B: %1").arg(sideB.error());
            else
                outcome->comparison = std::make_shared<const TraceComparison>(
                    compareCallTrees(buildCallTree(set, *sideA), buildCallTree(set, *sideB), thresholds));
            return outcome;
        },
        [this](const std::shared_ptr<const Outcome>& outcome) { show(*outcome); });
}

void CompareView::show(const Outcome& outcome)
{
    m_tree->clear();
    m_result = outcome.comparison;
    if (!m_result) {
        m_summary->setText(outcome.error);
        emit compared();
        return;
    }
    const TraceComparison& c = *m_result;
    if (c.tracesA == 0 || c.tracesB == 0) {
        m_summary->setText(c.tracesA == 0 ? tr("No trace matches A.") : tr("No trace matches B."));
        emit compared();
        return;
    }
    m_summary->setText(tr("A: %1, B: %2 — %3 added, %4 removed, %5 changed. Double-click a node to open B's span "
                          "(right-click for A's).")
                           .arg(countText(c.tracesA, u"trace", u"traces"), countText(c.tracesB, u"trace", u"traces"))
                           .arg(c.added)
                           .arg(c.removed)
                           .arg(c.changed));
    // Depth first, with a stack: hostile traces nest deep.
    std::vector<QTreeWidgetItem*> items(c.nodes.size(), nullptr);
    std::vector<std::pair<std::uint32_t, QTreeWidgetItem*>> stack;
    for (auto child = c.nodes[0].children.rbegin(); child != c.nodes[0].children.rend(); ++child)
        stack.emplace_back(*child, nullptr);
    while (!stack.empty()) {
        const auto [node, parent] = stack.back();
        stack.pop_back();
        QTreeWidgetItem* item = itemFor(node, parent);
        items[node] = item;
        for (auto child = c.nodes[node].children.rbegin(); child != c.nodes[node].children.rend(); ++child)
            stack.emplace_back(*child, item);
    }
    // Open the way to the largest differences; the rest stays folded.
    constexpr int shownDifferences = 100;
    int shown = 0;
    for (const std::uint32_t node : c.byChange) {
        if (c.nodes[node].status == NodeChange::Same)
            continue;
        for (QTreeWidgetItem* item = items[node]->parent(); item && !item->isExpanded(); item = item->parent())
            item->setExpanded(true);
        if (++shown == shownDifferences)
            break;
    }
    m_tree->resizeColumnToContents(PathColumn);
    m_tree->setColumnWidth(PathColumn, std::max(m_tree->columnWidth(PathColumn), m_tree->viewport()->width() / 3));
    emit compared();
}

QTreeWidgetItem* CompareView::itemFor(std::uint32_t index, QTreeWidgetItem* parent)
{
    const ComparedNode& node = m_result->nodes[index];
    const ViewColors& colors = viewColors();
    const auto duration = [](std::uint64_t count, std::int64_t ns) { return count ? formatDuration(ns) : QString(); };
    const auto median = [](const std::optional<std::int64_t>& ns) { return ns ? formatDuration(*ns) : QString(); };
    QStringList texts(ColumnCount);
    texts[PathColumn] = toQString(node.service) + QStringLiteral(": ") + toQString(node.operation);
    texts[ChangeColumn] = changeName(node.status);
    texts[CountA] = QLocale().toString(qulonglong(node.countA));
    texts[CountB] = QLocale().toString(qulonglong(node.countB));
    texts[TotalA] = duration(node.countA, node.totalNsA);
    texts[TotalB] = duration(node.countB, node.totalNsB);
    texts[TotalChange] = signedDuration(node.totalChangeNs());
    texts[SelfA] = duration(node.countA, node.selfNsA);
    texts[SelfB] = duration(node.countB, node.selfNsB);
    texts[SelfChange] = signedDuration(node.selfChangeNs());
    texts[P50A] = median(node.p50NsA);
    texts[P50B] = median(node.p50NsB);
    auto* item = parent ? new QTreeWidgetItem(parent, texts) : new QTreeWidgetItem(m_tree, texts);
    item->setData(0, nodeRole, index);
    for (int column = CountA; column < ColumnCount; ++column)
        item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    // Worse in red, better in green, new in the accent colour, gone in grey.
    QColor colour;
    if (node.status == NodeChange::Added)
        colour = colors.accent;
    else if (node.status == NodeChange::Removed)
        colour = colors.peer;
    else if (node.status == NodeChange::Changed)
        colour = node.totalChangeNs() > 0 ? colors.errorText : colors.betterText;
    if (colour.isValid())
        for (const int column : {PathColumn, ChangeColumn, TotalChange})
            item->setForeground(column, colour);
    if (node.status == NodeChange::Removed) {
        QFont italic = item->font(PathColumn);
        italic.setItalic(true);
        item->setFont(PathColumn, italic);
    }
    item->setToolTip(PathColumn, texts[PathColumn]);
    return item;
}

void CompareView::openSide(QTreeWidgetItem* item, bool sideB)
{
    if (!item || !m_result)
        return;
    const ComparedNode& node = m_result->nodes[item->data(0, nodeRole).toUInt()];
    const SpanIndex span = sideB && node.exampleB.isValid() ? node.exampleB : node.exampleA;
    if (span.isValid())
        m_session->openSpan(span);
}

} // namespace Spanwise
