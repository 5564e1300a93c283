#include "tracegraphview.h"

#include "backgroundwork.h"
#include "dependencygraphview.h"
#include "graphexport.h"
#include "graphlayout.h"
#include "refreshwhenshown.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Spanwise {

struct TraceGraphView::Computed {
    std::shared_ptr<const TraceGraph> graph;
    GraphLayout layout;
    TraceIndex trace;
};

namespace {

GraphLayoutOptions topToBottom(const std::atomic<bool>* cancel = nullptr)
{
    GraphLayoutOptions options;
    options.leftToRight = false; // calls read downwards, as in the waterfall
    options.cancel = cancel;
    return options;
}

} // namespace

TraceGraphView::TraceGraphView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_view(new DependencyGraphView(this))
    , m_note(new QLabel(this))
    , m_work(new BackgroundWork(this))
    , m_computeWhenShown(new RefreshWhenShown(this, [this] { compute(); }))
{
    Q_ASSERT(session);
    m_note->setWordWrap(true);
    auto* fit = new QPushButton(tr("Fit"), this);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the graph as SVG, PNG or DOT"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_note, 1);
    bar->addWidget(fit);
    bar->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(fit, &QPushButton::clicked, m_view, &DependencyGraphView::fitAll);
    connect(exportButton, &QPushButton::clicked, this, &TraceGraphView::exportGraph);
    connect(m_view, &DependencyGraphView::nodeActivated, this, [this](std::uint32_t node) {
        if (m_graph && node < m_graph->firstSpan.size())
            m_session->openSpan(m_graph->firstSpan[node]);
    });
    connect(m_view, &DependencyGraphView::edgeClicked, this, [this](std::uint32_t edge) {
        if (m_graph && edge < m_graph->graph.edges.size() && !m_graph->graph.edges[edge].callSpans.empty())
            m_session->openSpan(m_graph->graph.edges[edge].callSpans.front());
    });
    connect(m_session, &TraceSession::loaded, this, [this](const auto& presentation) {
        m_presentation = presentation;
        m_shown = {};
        recompute();
    });
    connect(m_session, &TraceSession::navigated, this, [this](TraceIndex trace) {
        if (trace != m_shown)
            recompute();
    });
}

TraceGraphView::~TraceGraphView() = default;

bool TraceGraphView::isComputing() const
{
    return m_work->isRunning() || m_computeWhenShown->isPending();
}

void TraceGraphView::recompute()
{
    // Laid out only when seen: Graphviz takes one process-wide lock the map's layout needs too.
    m_computeWhenShown->request();
}

void TraceGraphView::compute()
{
    const TraceIndex trace = m_session->trace();
    if (!m_presentation || !trace.isValid()) {
        m_work->cancel();
        m_graph.reset();
        m_shown = {};
        m_view->setGraph(nullptr, {});
        m_note->setText(m_presentation ? tr("Select a trace to see its graph.") : QString());
        return;
    }
    m_note->setText(tr("Laying out the trace…"));
    m_work->run(
        [presentation = m_presentation, trace](const WorkTicket& ticket) {
            auto computed = std::make_shared<Computed>();
            computed->trace = trace;
            computed->graph = std::make_shared<const TraceGraph>(traceGraphOf(presentation->set(), trace));
            computed->layout = layoutGraph(computed->graph->graph, topToBottom(ticket.cancelFlag()));
            return computed;
        },
        [this](const std::shared_ptr<Computed>& computed) { showLayout(*computed); });
}

void TraceGraphView::showLayout(const Computed& computed)
{
    m_shown = computed.trace;
    if (!computed.layout.error.isEmpty()) {
        m_graph.reset();
        m_view->setGraph(nullptr, {});
        m_note->setText(tr("Graphviz could not lay the trace out: %1").arg(computed.layout.error));
        emit laidOut();
        return;
    }
    m_graph = computed.graph;
    // The view keeps the graph alive through an aliasing pointer into the trace graph.
    m_view->setGraph(std::shared_ptr<const DependencyGraph>(m_graph, &m_graph->graph), computed.layout,
        m_presentation->servicePalettes());
    m_view->setEmphasis(m_graph->criticalNodes, m_graph->criticalEdges);
    std::uint64_t calls = 0;
    for (const DependencyEdge& edge : m_graph->graph.edges)
        calls += edge.calls;
    QString note = tr("%1 operations, %2 calls between them; the critical path is drawn bold. Double-click an "
                      "operation to open its first span, click an arrow to open its first call.")
                       .arg(m_graph->graph.nodes.size())
                       .arg(calls);
    if (!computed.layout.note.isEmpty())
        note += QLatin1Char(' ') + computed.layout.note;
    m_note->setText(note);
    emit laidOut();
}

void TraceGraphView::exportGraph()
{
    if (!m_graph)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Trace Graph"), QStringLiteral("trace-graph.svg"),
        tr("SVG images (*.svg);;PNG images (*.png);;Graphviz DOT (*.dot)"));
    if (path.isEmpty())
        return;
    const QString error =
        exportDependencyGraph(m_graph->graph, topToBottom(), path, m_presentation->servicePalettes()[0]);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace Spanwise
