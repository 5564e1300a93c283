#include "mapdiffview.h"

#include "backgroundwork.h"
#include "dependencygraphview.h"
#include "flowlayout.h"
#include "formatting.h"
#include "graphexport.h"
#include "refreshwhenshown.h"
#include "spanquery.h"
#include "splitsuggestions.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Spanwise {

// What the worker hands back: the diff drawn, or why there is none.
struct MapDiffView::Computed {
    std::shared_ptr<const DiffMap> map;
    GraphLayout layout;
    std::size_t tracesBefore = 0, tracesAfter = 0;
    QString error;
};

namespace {

constexpr int edgeRole = Qt::UserRole + 1;

// Which edges the list shows first: what got worse, then what appeared or vanished.
int severity(const EdgeDiff& e)
{
    if (e.status == DiffStatus::Changed)
        return e.trend == DiffTrend::Worse ? 0 : e.trend == DiffTrend::Better ? 3 : 4;
    return e.status == DiffStatus::Added ? 1 : 2;
}

QString statusText(const EdgeDiff& e)
{
    switch (e.status) {
    case DiffStatus::Added:
        return MapDiffView::tr("added");
    case DiffStatus::Removed:
        return MapDiffView::tr("removed");
    case DiffStatus::Same:
        return MapDiffView::tr("same");
    case DiffStatus::Changed:
        break;
    }
    return e.trend == DiffTrend::Worse ? MapDiffView::tr("worse")
        : e.trend == DiffTrend::Better ? MapDiffView::tr("better")
                                       : MapDiffView::tr("calls changed");
}

QString beforeAfter(const QString& before, const QString& after)
{
    return before == after ? before : before + QStringLiteral(" → ") + after;
}

QString p95Text(const std::optional<std::int64_t>& ns)
{
    return ns ? formatDuration(*ns) : QStringLiteral("–");
}

std::size_t countOf(const std::vector<bool>& picked)
{
    return static_cast<std::size_t>(std::count(picked.begin(), picked.end(), true));
}

} // namespace

MapDiffView::MapDiffView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_before(new QLineEdit(this))
    , m_after(new QLineEdit(this))
    , m_splits(new QToolButton(this))
    , m_splitMenu(new QMenu(this))
    , m_callsPercent(new QDoubleSpinBox(this))
    , m_errorPoints(new QDoubleSpinBox(this))
    , m_p95Percent(new QDoubleSpinBox(this))
    , m_summary(new QLabel(this))
    , m_view(new DependencyGraphView(this))
    , m_changes(new QTreeWidget(this))
    , m_work(new BackgroundWork(this))
    , m_computeWhenShown(new RefreshWhenShown(this, [this] { compute(); }))
{
    Q_ASSERT(session);
    m_before->setObjectName(QStringLiteral("diffBefore"));
    m_after->setObjectName(QStringLiteral("diffAfter"));
    m_before->setPlaceholderText(tr("Before: the traces of the old map, e.g. file=v1.json or service.version=1.4"));
    m_after->setPlaceholderText(tr("After: the traces of the new map, e.g. start>=\"2024-05-01 10:00\""));
    m_before->setClearButtonEnabled(true);
    m_after->setClearButtonEnabled(true);
    m_splits->setText(tr("Split by…"));
    m_splits->setToolTip(tr("Ways the loaded traces split in two: by file, by release or environment, in time"));
    m_splits->setPopupMode(QToolButton::InstantPopup);
    m_splits->setMenu(m_splitMenu);
    auto* swap = new QPushButton(tr("Swap"), this);
    swap->setToolTip(tr("Exchange before and after"));
    auto* compareButton = new QPushButton(tr("Compare"), this);
    compareButton->setDefault(true);
    auto* fields = new QHBoxLayout;
    fields->addWidget(new QLabel(tr("Before"), this));
    fields->addWidget(m_before, 1);
    fields->addWidget(new QLabel(tr("After"), this));
    fields->addWidget(m_after, 1);
    fields->addWidget(m_splits);
    fields->addWidget(swap);
    fields->addWidget(compareButton);

    const MapDiffThresholds defaults;
    const auto threshold = [this](QDoubleSpinBox* box, double value, const QString& suffix, const QString& tip) {
        box->setRange(0, 10000);
        box->setDecimals(1);
        box->setSuffix(suffix);
        box->setValue(value);
        box->setToolTip(tip);
    };
    threshold(
        m_callsPercent, defaults.callsPercent, tr(" %"), tr("An edge changed when its calls move by more than this"));
    threshold(m_errorPoints, defaults.errorRatePoints, tr(" points"),
        tr("… or its error rate by more than this many percentage points (worse when up, better when down)"));
    threshold(m_p95Percent, defaults.p95Percent, tr(" %"),
        tr("… or its p95 by more than this (worse when up, better when down)"));
    auto* fit = new QPushButton(tr("Fit"), this);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the diff map as SVG, PNG or DOT"));
    auto* options = new FlowLayout;
    options->addWidget(new QLabel(tr("Changed when calls move by"), this));
    options->addWidget(m_callsPercent);
    options->addWidget(new QLabel(tr("error rate by"), this));
    options->addWidget(m_errorPoints);
    options->addWidget(new QLabel(tr("p95 by"), this));
    options->addWidget(m_p95Percent);
    options->addWidget(fit);
    options->addWidget(exportButton);

    m_summary->setWordWrap(true);
    m_changes->setObjectName(QStringLiteral("diffChanges"));
    // The change first: on a narrow list it is what must show.
    m_changes->setHeaderLabels({tr("Change"), tr("Edge"), tr("Calls"), tr("Errors"), tr("p95")});
    m_changes->setRootIsDecorated(false);
    m_changes->setUniformRowHeights(true);
    m_changes->setAlternatingRowColors(true);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(m_changes);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setCollapsible(0, false);
    // The map has the room; the list is wide enough for an edge and its figures.
    split->setSizes({1000, 360});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(fields);
    layout->addLayout(options);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(compareButton, &QPushButton::clicked, this, &MapDiffView::recompute);
    connect(m_before, &QLineEdit::returnPressed, this, &MapDiffView::recompute);
    connect(m_after, &QLineEdit::returnPressed, this, &MapDiffView::recompute);
    for (QDoubleSpinBox* box : {m_callsPercent, m_errorPoints, m_p95Percent})
        connect(box, &QDoubleSpinBox::editingFinished, this, &MapDiffView::recompute);
    connect(swap, &QPushButton::clicked, this, [this] { compare(m_after->text(), m_before->text()); });
    connect(fit, &QPushButton::clicked, m_view, &DependencyGraphView::fitAll);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Map Diff"), QStringLiteral("map-diff.svg"),
            tr("SVG images (*.svg);;PNG images (*.png);;Graphviz DOT (*.dot)"));
        if (!path.isEmpty())
            if (const QString error = exportTo(path); !error.isEmpty())
                QMessageBox::warning(this, tr("Export failed"), error);
    });
    connect(m_changes, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (!item || !m_shown)
            return;
        const DependencyEdge& edge = m_shown->graph->edges[item->data(0, edgeRole).toUInt()];
        m_view->setHighlight(-1, {edge.from, edge.to});
    });
    // An edge clicked on the map: its row in the list (an unchanged edge has none: its ends light).
    connect(m_view, &DependencyGraphView::edgeClicked, this, [this](std::uint32_t edge) {
        for (int row = 0; row < m_changes->topLevelItemCount(); ++row)
            if (m_changes->topLevelItem(row)->data(0, edgeRole).toUInt() == edge) {
                m_changes->setCurrentItem(m_changes->topLevelItem(row));
                m_changes->scrollToItem(m_changes->currentItem());
                return;
            }
        m_changes->setCurrentItem(nullptr);
        const DependencyEdge& e = m_shown->graph->edges[edge];
        m_view->setHighlight(-1, {e.from, e.to});
    });
    connect(m_session, &TraceSession::loaded, this, &MapDiffView::loaded);
    offerSplits({});
}

MapDiffView::~MapDiffView() = default;

bool MapDiffView::isComputing() const
{
    return m_work->isRunning() || m_computeWhenShown->isPending();
}

QString MapDiffView::beforeQuery() const
{
    return m_before->text();
}

QString MapDiffView::afterQuery() const
{
    return m_after->text();
}

QString MapDiffView::summary() const
{
    return m_summary->text();
}

MapDiffThresholds MapDiffView::thresholds() const
{
    return {m_callsPercent->value(), m_errorPoints->value(), m_p95Percent->value()};
}

void MapDiffView::setThresholds(const MapDiffThresholds& thresholds)
{
    m_callsPercent->setValue(thresholds.callsPercent);
    m_errorPoints->setValue(thresholds.errorRatePoints);
    m_p95Percent->setValue(thresholds.p95Percent);
    recompute();
}

void MapDiffView::compare(const QString& before, const QString& after)
{
    m_before->setText(before);
    m_after->setText(after);
    recompute();
}

void MapDiffView::offerSplits(const std::vector<SplitSuggestion>& splits)
{
    m_splitMenu->clear();
    for (const SplitSuggestion& split : splits) {
        const QString before = toQString(split.before), after = toQString(split.after);
        m_splitMenu->addAction(toQString(split.label), this, [this, before, after] { compare(before, after); });
    }
    m_splits->setEnabled(!splits.empty());
}

void MapDiffView::loaded(const std::shared_ptr<const TraceSetPresentation>& presentation)
{
    // The clock-skew switch replaces the set with the same spans: keep the sides. A new load
    // starts from the first split the data offers.
    const bool sameSpans = m_presentation && presentation &&
        m_presentation->set().spans().size() == presentation->set().spans().size() &&
        m_presentation->set().files().size() == presentation->set().files().size();
    m_presentation = presentation;
    m_work->cancel();
    const std::vector<SplitSuggestion> splits =
        presentation ? suggestSplits(presentation->set()) : std::vector<SplitSuggestion> {};
    offerSplits(splits);
    if (!sameSpans) {
        m_before->setText(splits.empty() ? QString() : toQString(splits.front().before));
        m_after->setText(splits.empty() ? QString() : toQString(splits.front().after));
    }
    recompute();
}

void MapDiffView::recompute()
{
    m_computeWhenShown->request();
}

void MapDiffView::compute()
{
    const auto presentation = m_presentation;
    if (!presentation)
        return;
    if (m_before->text().trimmed().isEmpty() || m_after->text().trimmed().isEmpty()) {
        m_work->cancel();
        m_summary->setText(tr("Give a query for each side, or choose a split from “Split by…”."));
        return;
    }
    const std::string before = m_before->text().toStdString(), after = m_after->text().toStdString();
    const MapDiffThresholds limits = thresholds();
    GraphLayoutOptions layoutOptions;
    m_summary->setText(tr("Comparing the maps…"));
    m_work->run(
        [presentation, before, after, limits, layoutOptions](const WorkTicket& ticket) mutable {
            auto computed = std::make_shared<Computed>();
            const TraceSet& set = presentation->set();
            auto pickedBefore = tracesMatching(set, before);
            auto pickedAfter = tracesMatching(set, after);
            if (!pickedBefore || !pickedAfter) {
                const QueryError& error = pickedBefore ? pickedAfter.error() : pickedBefore.error();
                computed->error = tr("The %1 query cannot be read at character %2: %3")
                                      .arg(pickedBefore ? tr("after") : tr("before"))
                                      .arg(error.position + 1)
                                      .arg(toQString(error.message));
                return computed;
            }
            computed->tracesBefore = countOf(*pickedBefore);
            computed->tracesAfter = countOf(*pickedAfter);
            DependencyOptions options;
            options.onlyTraces = std::make_shared<const std::vector<bool>>(std::move(*pickedBefore));
            const DependencyGraph beforeGraph = computeDependencyGraph(set, options);
            options.onlyTraces = std::make_shared<const std::vector<bool>>(std::move(*pickedAfter));
            const DependencyGraph afterGraph = computeDependencyGraph(set, options);
            if (ticket.isCancelled())
                return computed;
            auto map = std::make_shared<DiffMap>(
                buildDiffMap(diffDependencyGraphs(beforeGraph, afterGraph, limits), beforeGraph, afterGraph, limits));
            layoutOptions.cancel = ticket.cancelFlag();
            layoutOptions.style = map->style;
            computed->layout = layoutGraph(*map->graph, layoutOptions);
            computed->map = std::move(map);
            return computed;
        },
        [this](const std::shared_ptr<Computed>& computed) { showComputed(*computed); });
}

void MapDiffView::showComputed(const Computed& computed)
{
    if (!computed.error.isEmpty()) {
        m_summary->setText(computed.error);
        return;
    }
    m_shown = computed.map;
    m_layoutOptions.style = m_shown ? m_shown->style : nullptr;
    if (!m_shown) {
        m_view->setGraph(nullptr, {});
        m_changes->clear();
        return;
    }
    m_view->setGraph(m_shown->graph, computed.layout, {}, m_shown->style);
    const MapDiff& diff = m_shown->diff;
    const auto count = [](const auto& items, auto holds) { return std::count_if(items.begin(), items.end(), holds); };
    const auto servicesWith = [&](DiffStatus status) {
        return count(diff.services, [status](const ServiceDiff& s) { return s.status == status; });
    };
    const auto edgesWith = [&](DiffStatus status) {
        return count(diff.edges, [status](const EdgeDiff& e) { return e.status == status; });
    };
    const auto worse = count(
        diff.edges, [](const EdgeDiff& e) { return e.status == DiffStatus::Changed && e.trend == DiffTrend::Worse; });
    QString text = tr("Before: %1 · after: %2. Services: %3 added, %4 removed. Calls between them: %5 added, "
                      "%6 removed, %7 changed (%8 worse).")
                       .arg(countText(static_cast<std::int64_t>(computed.tracesBefore), u"trace", u"traces"),
                           countText(static_cast<std::int64_t>(computed.tracesAfter), u"trace", u"traces"))
                       .arg(servicesWith(DiffStatus::Added))
                       .arg(servicesWith(DiffStatus::Removed))
                       .arg(edgesWith(DiffStatus::Added))
                       .arg(edgesWith(DiffStatus::Removed))
                       .arg(edgesWith(DiffStatus::Changed))
                       .arg(worse);
    if (computed.tracesBefore == 0 || computed.tracesAfter == 0)
        text += QLatin1Char(' ') +
            tr("The %1 query picks no trace.").arg(computed.tracesBefore == 0 ? tr("before") : tr("after"));
    if (!computed.layout.error.isEmpty())
        text += QLatin1Char(' ') + computed.layout.error;
    m_summary->setText(text);
    listChanges();
    emit diffReady();
}

void MapDiffView::listChanges()
{
    m_changes->clear();
    const MapDiff& diff = m_shown->diff;
    std::vector<std::uint32_t> order;
    for (std::uint32_t i = 0; i < diff.edges.size(); ++i)
        if (diff.edges[i].status != DiffStatus::Same)
            order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
        [&](std::uint32_t a, std::uint32_t b) { return severity(diff.edges[a]) < severity(diff.edges[b]); });
    for (const std::uint32_t i : order) {
        const EdgeDiff& e = diff.edges[i];
        auto* item = new QTreeWidgetItem(m_changes,
            {statusText(e), toQString(e.from) + QStringLiteral(" → ") + toQString(e.to),
                beforeAfter(QString::number(e.callsBefore), QString::number(e.callsAfter)),
                beforeAfter(QString::number(e.errorsBefore), QString::number(e.errorsAfter)),
                beforeAfter(p95Text(e.p95NsBefore), p95Text(e.p95NsAfter))});
        item->setData(0, edgeRole, i);
        item->setForeground(0, diffColour(e.status, e.trend));
        item->setToolTip(1, m_shown->style->edges[i].tooltip);
    }
    for (int column = 0; column < m_changes->columnCount(); ++column)
        m_changes->resizeColumnToContents(column);
}

QString MapDiffView::exportTo(const QString& path) const
{
    if (!m_shown)
        return tr("there is no map diff to export");
    return exportDependencyGraph(*m_shown->graph, m_layoutOptions, path);
}

} // namespace Spanwise
