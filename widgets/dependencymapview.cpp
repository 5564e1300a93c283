#include "dependencymapview.h"

#include "dependencygraphview.h"
#include "formatting.h"
#include "graphexport.h"
#include "graphscene.h"
#include "hexid.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace Spanwise {
namespace {

constexpr int spanRole = Qt::UserRole + 1;
constexpr int durationColumn = 2;

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

DependencyMapView::DependencyMapView(QWidget* parent)
    : QWidget(parent)
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
{
    m_scope->addItems({tr("All loaded traces"), tr("Selected trace")});
    m_virtual->setChecked(true);
    m_virtual->setToolTip(
        tr("Databases, queues and remote services named by client spans that have no span of their own"));
    m_foldMesh->setToolTip(tr("Count Envoy/Istio sidecar spans as the service they front"));
    m_direction->addItems({tr("Left to right"), tr("Top to bottom")});
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

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_scope);
    controls->addWidget(m_virtual);
    controls->addWidget(m_foldMesh);
    controls->addWidget(m_direction);
    controls->addWidget(new QLabel(tr("Focus"), this));
    controls->addWidget(m_focus);
    controls->addWidget(m_depth);
    controls->addStretch(1);
    controls->addWidget(fit);
    controls->addWidget(actual);
    controls->addWidget(exportButton);

    m_calls->setHeaderLabels({tr("Trace"), tr("Call"), tr("Duration"), tr("Status")});
    m_calls->setRootIsDecorated(false);
    m_calls->setAlternatingRowColors(true);
    m_calls->setUniformRowHeights(true);
    m_calls->setSortingEnabled(true);
    m_edgeTitle->setWordWrap(true);
    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_edgeTitle);
    sideLayout->addWidget(m_calls, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setSizes({1050, 300});
    m_note->setStyleSheet(QStringLiteral("color: #8a5a00"));
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
    layout->addWidget(split, 1);

    connect(m_scope, &QComboBox::currentIndexChanged, this, &DependencyMapView::recompute);
    connect(m_virtual, &QCheckBox::toggled, this, &DependencyMapView::recompute);
    connect(m_foldMesh, &QCheckBox::toggled, this, &DependencyMapView::recompute);
    connect(m_direction, &QComboBox::currentIndexChanged, this, &DependencyMapView::recompute);
    connect(m_focus, &QComboBox::currentIndexChanged, this, [this] {
        m_depth->setEnabled(m_focus->currentIndex() > 0);
        recompute();
    });
    connect(m_depth, &QSpinBox::valueChanged, this, &DependencyMapView::recompute);
    connect(fit, &QPushButton::clicked, m_view, &DependencyGraphView::fitAll);
    connect(actual, &QPushButton::clicked, m_view, &DependencyGraphView::actualSize);
    connect(m_view, &DependencyGraphView::edgeClicked, this, &DependencyMapView::showCalls);
    connect(m_view, &DependencyGraphView::nodeActivated, this, [this](std::uint32_t node) {
        const DependencyGraph* graph = m_view->graph();
        if (graph && !graph->nodes[node].isVirtual)
            emit serviceStatisticsRequested(graph->nodes[node].service);
    });
    connect(m_calls, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem* item) { emit spanRequested(SpanIndex {item->data(0, spanRole).toUInt()}); });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Dependency Map"),
            QStringLiteral("dependencies.svg"), tr("SVG images (*.svg);;PNG images (*.png);;Graphviz DOT (*.dot)"));
        if (!path.isEmpty())
            if (const QString error = exportTo(path); !error.isEmpty())
                QMessageBox::warning(this, tr("Export failed"), error);
    });
    connect(m_cancelLayout, &QPushButton::clicked, this, [this] {
        if (m_layoutCancel)
            m_layoutCancel->store(true);
        m_recomputeQueued = false;
    });
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Computed>>::finished, this, [this] {
        const std::shared_ptr<Computed> computed = m_watcher.result();
        m_cancelLayout->hide();
        m_view->setGraph(computed->graph, computed->layout);
        const QString note = QStringList {computed->note, computed->layout.note}.join(QLatin1Char(' ')).trimmed();
        m_note->setText(computed->layout.error.isEmpty() ? note : computed->layout.error);
        m_note->setVisible(!m_note->text().isEmpty());
        m_calls->clear();
        m_edgeTitle->setText(tr("Click an edge to see the calls behind it."));
        if (m_recomputeQueued) {
            m_recomputeQueued = false;
            recompute();
            return;
        }
        emit mapReady();
    });
}

DependencyMapView::~DependencyMapView()
{
    // The worker holds only what it captured (never this view): stop it and let it end alone.
    if (m_layoutCancel)
        m_layoutCancel->store(true);
}

void DependencyMapView::setPresentation(std::shared_ptr<const TraceSetPresentation> presentation)
{
    m_presentation = std::move(presentation);
    m_trace = {};
    const QSignalBlocker blocker(m_focus);
    m_focus->clear();
    m_focus->addItem(tr("All services"));
    QStringList names;
    if (m_presentation)
        for (std::uint32_t s = 0; s < m_presentation->set().serviceNames().size(); ++s)
            names << m_presentation->serviceName(ServiceId {s});
    names.sort();
    m_focus->addItems(names);
    m_depth->setEnabled(false);
    recompute();
}

void DependencyMapView::setSelectedTrace(TraceIndex trace)
{
    m_trace = trace;
    if (m_scope->currentIndex() == 1)
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
    m_scope->setCurrentIndex(only ? 1 : 0);
}

void DependencyMapView::recompute()
{
    if (m_watcher.isRunning()) {
        // The running layout is stopped (a large one's helper is killed); this one follows.
        m_recomputeQueued = true;
        if (m_layoutCancel)
            m_layoutCancel->store(true);
        return;
    }
    DependencyOptions options;
    options.includeVirtual = m_virtual->isChecked();
    options.foldMeshProxies = m_foldMesh->isChecked();
    if (m_scope->currentIndex() == 1) {
        if (!m_trace.isValid()) {
            m_view->setGraph(nullptr, {});
            m_note->setText(tr("Select a trace to see its map."));
            m_note->show();
            return;
        }
        options.onlyTrace = m_trace;
    }
    const auto presentation = m_presentation;
    const QString focus = m_focus->currentIndex() > 0 ? m_focus->currentText() : QString();
    const int depth = m_depth->value();
    GraphLayoutOptions layoutOptions;
    layoutOptions.leftToRight = m_direction->currentIndex() == 0;
    m_layoutCancel = std::make_shared<std::atomic<bool>>(false);
    layoutOptions.cancel = m_layoutCancel.get();
    m_note->setText(tr("Laying out the map…"));
    m_note->show();
    m_cancelLayout->show();
    m_watcher.setFuture(
        // `cancel` keeps the flag layoutOptions.cancel points to alive as long as the worker runs.
        QtConcurrent::run([presentation, options, focus, depth, layoutOptions, cancel = m_layoutCancel] {
            auto computed = std::make_shared<Computed>();
            if (!presentation)
                return computed;
            DependencyGraph graph = computeDependencyGraph(presentation->set(), options);
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
        }));
}

void DependencyMapView::showCalls(std::uint32_t edgeIndex)
{
    const DependencyGraph* graph = m_view->graph();
    if (!graph || !m_presentation)
        return;
    const DependencyEdge& edge = graph->edges[edgeIndex];
    m_edgeTitle->setText(describeEdge(*graph, edgeIndex) + tr("<br><i>Double-click a call to open it.</i>"));
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
            item->setForeground(3, QColor(0xc0, 0x1c, 0x28));
    }
    m_calls->setSortingEnabled(true);
    m_calls->sortByColumn(durationColumn, Qt::DescendingOrder);
    m_calls->header()->resizeSections(QHeaderView::ResizeToContents);
}

QString DependencyMapView::exportTo(const QString& path) const
{
    if (!m_view->graph())
        return tr("there is no map to export");
    GraphLayoutOptions options;
    options.leftToRight = m_direction->currentIndex() == 0;
    return exportDependencyGraph(*m_view->graph(), options, path);
}

} // namespace Spanwise
