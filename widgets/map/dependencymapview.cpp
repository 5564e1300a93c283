#include "dependencymapview.h"

#include "backgroundwork.h"
#include "dependencygraphview.h"
#include "filterbar.h"
#include "flowlayout.h"
#include "formatting.h"
#include "graphexport.h"
#include "graphscene.h"
#include "hexid.h"
#include "impactpanel.h"
#include "refreshwhenshown.h"
#include "rulemonitor.h"
#include "theme.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Spanwise {
namespace {

constexpr int spanRole = Qt::UserRole + 1;
constexpr int durationColumn = 2;
const QString directionKey = QStringLiteral("view/mapDirection");

// Sorts the duration column by nanoseconds, not by its text ("900 µs" < "2 ms").
class CallItem : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem& other) const override
    {
        const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
        if (column == durationColumn)
            return data(durationColumn, Qt::UserRole).toLongLong() <
                other.data(durationColumn, Qt::UserRole).toLongLong();
        return QTreeWidgetItem::operator<(other);
    }
};

} // namespace

DependencyMapView::DependencyMapView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_view(new DependencyGraphView(this))
    , m_scope(new QComboBox(this))
    , m_virtual(new QCheckBox(tr("Uninstrumented peers"), this))
    , m_foldMesh(new QCheckBox(tr("Fold mesh proxies"), this))
    , m_direction(new QComboBox(this))
    , m_focus(new QComboBox(this))
    , m_depth(new QSpinBox(this))
    , m_note(new QLabel(this))
    , m_edgeTitle(new QLabel(tr("Click an edge to see the calls behind it."), this))
    , m_calls(new QTreeWidget(this))
    , m_cancelLayout(new QPushButton(tr("Cancel"), this))
    , m_impact(new ImpactPanel(this))
    , m_impactWork(new BackgroundWork(this))
    , m_work(new BackgroundWork(this))
    , m_computeWhenShown(new RefreshWhenShown(this, [this] { compute(); }))
{
    Q_ASSERT(session);
    addScopeItems(m_scope);
    m_scope->setCurrentIndex(m_scope->findData(int(FilterScope::AllTraces)));
    m_virtual->setChecked(true);
    m_virtual->setToolTip(
        tr("Databases, queues and remote services named by client spans that have no span of their own"));
    m_foldMesh->setToolTip(tr("Count Envoy/Istio sidecar spans as the service they front"));
    m_direction->setObjectName(QStringLiteral("mapDirection"));
    m_direction->addItem(tr("Left to right"), QStringLiteral("left-to-right"));
    m_direction->addItem(tr("Top to bottom"), QStringLiteral("top-to-bottom"));
    // Remembered between runs, as the other view options are.
    m_direction->setCurrentIndex(std::max(0, m_direction->findData(QSettings().value(directionKey))));
    m_focus->setMinimumContentsLength(18);
    m_focus->setToolTip(tr("Show one service and its neighbours"));
    m_depth->setRange(1, 6);
    m_depth->setValue(1);
    m_depth->setPrefix(tr("hops: "));
    m_depth->setEnabled(false);
    auto* fit = new QPushButton(tr("Fit"), this);
    auto* actual = new QPushButton(tr("1:1"), this);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the map as SVG, PNG or DOT"));

    auto* controls = new FlowLayout;
    controls->addWidget(m_scope);
    controls->addWidget(m_virtual);
    controls->addWidget(m_foldMesh);
    controls->addWidget(m_direction);
    controls->addWidget(new QLabel(tr("Focus"), this));
    controls->addWidget(m_focus);
    controls->addWidget(m_depth);
    controls->addWidget(fit);
    controls->addWidget(actual);
    controls->addWidget(exportButton);

    m_calls->setHeaderLabels({tr("Trace"), tr("Call"), tr("Duration"), tr("Status")});
    m_calls->setRootIsDecorated(false);
    m_calls->setAlternatingRowColors(true);
    m_calls->setUniformRowHeights(true);
    m_calls->setSortingEnabled(true);
    m_edgeTitle->setWordWrap(true);
    auto* callsBox = new QWidget(this);
    auto* callsLayout = new QVBoxLayout(callsBox);
    callsLayout->setContentsMargins(0, 0, 0, 0);
    callsLayout->addWidget(m_edgeTitle);
    callsLayout->addWidget(m_calls, 1);
    auto* side = new QSplitter(Qt::Vertical, this);
    side->addWidget(m_impact);
    side->addWidget(callsBox);
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->addWidget(m_view);
    m_split->addWidget(side);
    m_split->setStretchFactor(0, 3);
    m_split->setCollapsible(0, false);
    // The side panel opens when a service or an edge is clicked: until then the map has the room.
    m_split->setSizes({1440, 0});
    colourNote();
    m_note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    auto* noteRow = new QHBoxLayout;
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_cancelLayout);
    m_cancelLayout->setToolTip(tr("Stop laying out the map"));
    m_cancelLayout->hide();
    layout->addLayout(noteRow);
    layout->addWidget(m_split, 1);

    connect(m_scope, &QComboBox::currentIndexChanged, this, &DependencyMapView::recompute);
    connect(m_virtual, &QCheckBox::toggled, this, &DependencyMapView::recompute);
    connect(m_foldMesh, &QCheckBox::toggled, this, &DependencyMapView::recompute);
    connect(m_direction, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(directionKey, m_direction->currentData());
        recompute();
    });
    connect(m_focus, &QComboBox::currentIndexChanged, this, [this] {
        m_depth->setEnabled(m_focus->currentIndex() > 0);
        recompute();
    });
    connect(m_depth, &QSpinBox::valueChanged, this, &DependencyMapView::recompute);
    connect(fit, &QPushButton::clicked, m_view, &DependencyGraphView::fitAll);
    connect(actual, &QPushButton::clicked, m_view, &DependencyGraphView::actualSize);
    connect(m_view, &DependencyGraphView::edgeClicked, this, [this](std::uint32_t edge) {
        showCalls(edge);
        const DependencyGraph* graph = m_view->graph();
        showImpact({graph->nodes[graph->edges[edge].from].name, graph->nodes[graph->edges[edge].to].name}, -1);
    });
    connect(m_view, &DependencyGraphView::nodeClicked, this, [this](std::uint32_t node) {
        showImpact({m_view->graph()->nodes[node].name, {}}, node);
    });
    connect(m_view, &DependencyGraphView::highlightCleared, this, [this] {
        m_impactWork->cancel();
        m_impact->clear();
        m_selected.clear();
    });
    connect(m_impact, &ImpactPanel::serviceActivated, this, [this](const QString& name) {
        const auto node = m_view->graph() ? m_view->graph()->findNode(name.toStdString()) : std::nullopt;
        showImpact({name.toStdString(), {}}, node ? std::int64_t(*node) : -1);
    });
    connect(m_view, &DependencyGraphView::nodeActivated, this, [this](std::uint32_t node) {
        const DependencyGraph* graph = m_view->graph();
        if (graph && !graph->nodes[node].isVirtual)
            m_session->showServiceStatistics(graph->nodes[node].service);
    });
    connect(m_calls, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem* item) { m_session->openSpan(SpanIndex {item->data(0, spanRole).toUInt()}); });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Dependency Map"),
            QStringLiteral("dependencies.svg"), tr("SVG images (*.svg);;PNG images (*.png);;Graphviz DOT (*.dot)"));
        if (!path.isEmpty())
            if (const QString error = exportTo(path); !error.isEmpty())
                QMessageBox::warning(this, tr("Export failed"), error);
    });
    connect(m_cancelLayout, &QPushButton::clicked, this, [this] {
        m_work->cancel();
        m_cancelLayout->hide();
        m_note->setText(tr("Layout cancelled: change an option to lay the map out again."));
    });
    connect(m_work, &BackgroundWork::runningChanged, m_cancelLayout, &QWidget::setVisible);
    connect(m_session, &TraceSession::loaded, this, &DependencyMapView::loaded);
    connect(m_session, &TraceSession::ruleOutcomesChanged, this,
        [this] { m_view->setViolations(violationsOf(*m_session)); });
    recomputeWhenScopeMoves(
        this, *m_session, [this] { return scopeIn(m_scope); }, [this] { recompute(); });
}

// The focus list offers what the whole map shows: services and uninstrumented peers alike.
void DependencyMapView::offerFocusOn(QStringList names)
{
    names.sort(Qt::CaseInsensitive);
    const QSignalBlocker blocker(m_focus);
    while (m_focus->count() > 1)
        m_focus->removeItem(1);
    m_focus->addItems(names);
}

void DependencyMapView::colourNote()
{
    m_note->setStyleSheet(QStringLiteral("color: %1").arg(viewColors().note.name()));
}

void DependencyMapView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        colourNote();
    QWidget::changeEvent(event);
}

bool DependencyMapView::isComputing() const
{
    return m_work->isRunning() || m_impactWork->isRunning() || m_computeWhenShown->isPending();
}

void DependencyMapView::showComputed(
    const std::shared_ptr<const TraceSetPresentation>& presentation, const Computed& computed)
{
    m_presentation = presentation;
    m_whole = computed.whole;
    m_options = computed.options;
    m_impactWork->cancel();
    m_impact->clear();
    // A selection survives a new layout of the same map (an option changed) when it is still there.
    const QString selection = m_pendingSelection.isEmpty() ? m_selected : m_pendingSelection;
    m_pendingSelection.clear();
    m_selected.clear();
    if (m_focus->currentIndex() == 0)
        offerFocusOn(computed.names);
    m_view->setGraph(
        computed.graph, computed.layout, presentation ? presentation->servicePalettes() : ServicePalettes {});
    const QString note = QStringList {computed.note, computed.layout.note}.join(QLatin1Char(' ')).trimmed();
    m_note->setText(computed.layout.error.isEmpty() ? note : computed.layout.error);
    m_note->setVisible(!m_note->text().isEmpty());
    m_calls->clear();
    m_edgeTitle->setText(tr("Click an edge to see the calls behind it."));
    if (!selection.isEmpty())
        selectService(selection);
    emit mapReady();
}

void DependencyMapView::loaded()
{
    const auto& presentation = m_session->presentation();
    const QSignalBlocker blocker(m_focus);
    m_focus->clear();
    m_focus->addItem(tr("All services"));
    QStringList names;
    if (presentation)
        for (std::uint32_t s = 0; s < presentation->set().serviceNames().size(); ++s)
            names << presentation->serviceName(ServiceId {s});
    names.sort();
    m_focus->addItems(names);
    m_depth->setEnabled(false);
    recompute();
}

void DependencyMapView::setFocus(const QString& service, int depth)
{
    const QSignalBlocker blockDepth(m_depth);
    m_depth->setValue(depth);
    const int index = service.isEmpty() ? 0 : m_focus->findText(service);
    if (index == m_focus->currentIndex())
        recompute();
    else
        m_focus->setCurrentIndex(std::max(0, index));
}

void DependencyMapView::setSelectedTraceOnly(bool only)
{
    m_scope->setCurrentIndex(m_scope->findData(int(only ? FilterScope::SelectedTrace : FilterScope::AllTraces)));
}

void DependencyMapView::recompute()
{
    m_computeWhenShown->request();
}

void DependencyMapView::compute()
{
    DependencyOptions options;
    options.includeVirtual = m_virtual->isChecked();
    options.foldMeshProxies = m_foldMesh->isChecked();
    const auto presentation = m_session->presentation();
    if (scopeIn(m_scope) == FilterScope::SelectedTrace) {
        if (!m_session->trace().isValid()) {
            m_work->cancel();
            m_view->setGraph(nullptr, {});
            m_note->setText(tr("Select a trace to see its map."));
            m_note->show();
            return;
        }
    }
    const SpanScope scope = spanScopeOf(scopeIn(m_scope), *m_session);
    options.onlyTrace = scope.onlyTrace;
    options.onlyTraces = scope.onlyTraces;
    const QString focus = m_focus->currentIndex() > 0 ? m_focus->currentText() : QString();
    const int depth = m_depth->value();
    GraphLayoutOptions layoutOptions;
    layoutOptions.leftToRight = m_direction->currentIndex() == 0;
    m_note->setText(tr("Laying out the map…"));
    m_note->show();
    m_work->run(
        // The ticket keeps the flag layoutOptions.cancel points to alive as long as the job runs.
        [presentation, options, focus, depth, layoutOptions](const WorkTicket& ticket) mutable {
            layoutOptions.cancel = ticket.cancelFlag();
            auto computed = std::make_shared<Computed>();
            if (!presentation)
                return computed;
            DependencyGraph graph = computeDependencyGraph(presentation->set(), options);
            for (const DependencyNode& node : graph.nodes)
                computed->names << toQString(node.name);
            computed->whole = std::make_shared<const DependencyGraph>(graph);
            computed->options = options;
            if (!focus.isEmpty()) {
                if (const auto node = graph.findNode(focus.toStdString()))
                    graph = graph.subgraph(graph.neighbourhood(*node, depth));
            }
            if (graph.nodes.size() > maxNodes) {
                // Keep the busiest services; say how many are left out and how to see them.
                std::vector<std::uint32_t> order(graph.nodes.size());
                for (std::uint32_t i = 0; i < order.size(); ++i)
                    order[i] = i;
                std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
                    return graph.nodes[a].entryCalls + graph.nodes[a].spans >
                        graph.nodes[b].entryCalls + graph.nodes[b].spans;
                });
                order.resize(maxNodes);
                computed->note =
                    QStringLiteral("%1 services and peers: showing the %2 busiest. Focus on a service to see the rest.")
                        .arg(graph.nodes.size())
                        .arg(maxNodes);
                graph = graph.subgraph(order);
            }
            computed->layout = layoutGraph(graph, layoutOptions);
            computed->graph = std::make_shared<const DependencyGraph>(std::move(graph));
            return computed;
        },
        [this, presentation](const std::shared_ptr<Computed>& computed) { showComputed(presentation, *computed); });
}

void DependencyMapView::showCalls(std::uint32_t edgeIndex)
{
    const DependencyGraph* graph = m_view->graph();
    if (!graph || !m_presentation)
        return;
    const DependencyEdge& edge = graph->edges[edgeIndex];
    m_edgeTitle->setText(describeEdge(*graph, edgeIndex) + tr("<br><i>Double-click a call to open it.</i>"));
    openSidePanel();
    m_calls->setSortingEnabled(false);
    m_calls->clear();
    const TraceSet& set = m_presentation->set();
    for (const SpanIndex s : edge.callSpans) {
        const Span& span = set.span(s);
        auto* item = new CallItem(m_calls,
            QStringList {toQString(formatTraceId(span.traceId)).left(16),
                m_presentation->serviceName(span.service) + QStringLiteral(": ") + m_presentation->text(span.operation),
                formatDuration(span.durationNs), span.isError() ? tr("error") : QString()});
        item->setData(0, spanRole, s.value);
        item->setData(durationColumn, Qt::UserRole, static_cast<qlonglong>(span.durationNs));
        if (span.isError())
            item->setForeground(3, viewColors().errorText);
    }
    m_calls->setSortingEnabled(true);
    m_calls->sortByColumn(durationColumn, Qt::DescendingOrder);
    m_calls->header()->resizeSections(QHeaderView::ResizeToContents);
}

void DependencyMapView::openSidePanel()
{
    if (m_split->sizes().value(1) == 0) {
        // Wide enough for trace, call, duration and status.
        const int total = m_split->width();
        m_split->setSizes({std::max(200, total - 340), 340});
    }
}

void DependencyMapView::selectService(const QString& name)
{
    if (m_work->isRunning() || m_computeWhenShown->isPending() || !m_view->graph()) {
        m_pendingSelection = name;
        return;
    }
    if (name.isEmpty() || !m_whole || !m_whole->findNode(name.toStdString())) {
        m_view->highlightNode(-1);
        m_impact->clear();
        m_selected.clear();
        if (!name.isEmpty())
            emit serviceNotFound(name);
        return;
    }
    const auto node = m_view->graph()->findNode(name.toStdString());
    if (node)
        m_view->highlightNode(*node);
    showImpact({name.toStdString(), {}}, node ? std::int64_t(*node) : -1);
}

void DependencyMapView::showImpact(const ImpactTarget& target, std::int64_t viewNode)
{
    if (!m_whole || !m_presentation)
        return;
    m_selected = target.to ? QString() : toQString(target.service);
    const QString text = target.to ? toQString(target.service) + QStringLiteral(" → ") + toQString(*target.to)
                                   : toQString(target.service);
    m_impact->showComputing(text);
    if (!target.to) {
        m_calls->clear();
        m_edgeTitle->setText(tr("Click an edge to see the calls behind it."));
    }
    openSidePanel();
    const auto presentation = m_presentation;
    const auto whole = m_whole;
    const DependencyOptions options = m_options;
    m_impactWork->run(
        [presentation, whole, options, target](const WorkTicket&) {
            return std::make_shared<const Impact>(computeImpact(presentation->set(), *whole, options, target));
        },
        [this, text, target, viewNode](const std::shared_ptr<const Impact>& impact) {
            m_impact->showImpact(text, *impact);
            // Lit: what depends on it and what it depends on, in some trace, as far as the map
            // on screen (focused, capped) shows them.
            const DependencyGraph* graph = m_view->graph();
            if (!graph)
                return;
            std::vector<std::uint32_t> lit;
            const auto light = [&](const std::string& name) {
                if (const auto node = graph->findNode(name))
                    lit.push_back(*node);
            };
            light(target.service);
            if (target.to)
                light(*target.to);
            for (const ImpactService& s : impact->upstream)
                light(s.name);
            for (const ImpactService& s : impact->downstream)
                light(s.name);
            m_view->setHighlight(viewNode, std::move(lit));
        });
}

QString DependencyMapView::exportTo(const QString& path) const
{
    if (!m_view->graph())
        return tr("there is no map to export");
    GraphLayoutOptions options;
    options.leftToRight = m_direction->currentIndex() == 0;
    return exportDependencyGraph(*m_view->graph(), options, path,
        m_presentation ? m_presentation->servicePalettes()[0] : std::vector<QColor> {});
}

} // namespace Spanwise
