#include "flamegraphview.h"

#include "backgroundwork.h"
#include "calltree.h"
#include "filterbar.h"
#include "flamegraphexport.h"
#include "formatting.h"
#include "refreshwhenshown.h"
#include "spanscope.h"
#include "theme.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QToolTip>
#include <QVBoxLayout>

namespace Spanwise {
namespace {

constexpr int rowHeight = 20;

} // namespace

FlameCanvas::FlameCanvas(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::MinimumExpanding); // fills the tab, scrolls when deep
    m_picture.rowHeight = rowHeight;
}

void FlameCanvas::setGraph(
    std::shared_ptr<const TraceSetPresentation> presentation, std::shared_ptr<const FlameGraph> graph)
{
    m_presentation = std::move(presentation);
    m_graph = std::move(graph);
    m_highlighted.clear();
    m_zoomed = FlameFrame::none;
    m_picture.hovered = FlameFrame::none;
    updatePicture();
    updateGeometry();
    setMinimumHeight(sizeHint().height());
    update();
}

void FlameCanvas::setHighlighted(std::vector<bool> highlighted)
{
    m_highlighted = std::move(highlighted);
    m_picture.highlighted = m_highlighted.empty() ? nullptr : &m_highlighted;
    update();
}

QSize FlameCanvas::sizeHint() const
{
    const int rows = m_graph ? static_cast<int>(std::min<std::uint32_t>(m_graph->depthCount, 20'000)) : 0;
    return {400, rows * rowHeight + 4};
}

void FlameCanvas::zoomTo(std::uint32_t frame)
{
    m_zoomed = m_graph && frame < m_graph->frames.size() ? frame : FlameFrame::none;
    updatePicture();
    update();
}

void FlameCanvas::updatePicture()
{
    m_picture.area = QRectF(0, 0, width(), height());
    m_picture.dark = isDarkTheme();
    if (!m_graph) {
        m_picture.fromNs = m_picture.toNs = 0;
        return;
    }
    const bool zoomed = m_zoomed != FlameFrame::none;
    m_picture.fromNs = zoomed ? m_graph->frames[m_zoomed].startNs : m_graph->startNs;
    m_picture.toNs = zoomed ? std::max(m_graph->frames[m_zoomed].endNs, m_picture.fromNs + 1) : m_graph->endNs;
}

void FlameCanvas::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updatePicture();
}

void FlameCanvas::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ViewColors& colors = viewColors();
    painter.fillRect(rect(), colors.background);
    if (!m_graph || !m_presentation)
        return;
    m_picture.dark = colors.dark;
    paintFlameGraph(painter, *m_graph, *m_presentation, m_picture);
}

void FlameCanvas::mouseMoveEvent(QMouseEvent* event)
{
    const std::uint32_t frame = m_graph ? flameFrameAt(*m_graph, m_picture, event->position()) : FlameFrame::none;
    if (frame == m_picture.hovered)
        return;
    m_picture.hovered = frame;
    update();
    emit frameHovered(frame);
    if (frame != FlameFrame::none)
        QToolTip::showText(event->globalPosition().toPoint(),
            flameFrameSummary(*m_presentation, *m_graph, m_graph->frames[frame]), this);
    else
        QToolTip::hideText();
}

void FlameCanvas::leaveEvent(QEvent* event)
{
    QWidget::leaveEvent(event);
    m_picture.hovered = FlameFrame::none;
    update();
    emit frameHovered(FlameFrame::none);
}

void FlameCanvas::mousePressEvent(QMouseEvent* event)
{
    setFocus();
    if (event->button() != Qt::LeftButton || !m_graph)
        return;
    // A click zooms into the frame; a click on the frame already zoomed, or outside, zooms out.
    const std::uint32_t frame = flameFrameAt(*m_graph, m_picture, event->position());
    zoomTo(frame == m_zoomed ? FlameFrame::none : frame);
}

void FlameCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (!m_graph)
        return;
    const std::uint32_t frame = flameFrameAt(*m_graph, m_picture, event->position());
    if (frame != FlameFrame::none)
        emit frameActivated(frame);
}

void FlameCanvas::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && m_zoomed != FlameFrame::none) {
        zoomTo(FlameFrame::none);
        return;
    }
    if (event->key() == Qt::Key_Backspace && m_zoomed != FlameFrame::none) {
        zoomTo(m_graph->frames[m_zoomed].parent); // one level out
        return;
    }
    QWidget::keyPressEvent(event);
}

FlameGraphView::FlameGraphView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_scope(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_canvas(new FlameCanvas(this))
    , m_work(new BackgroundWork(this))
    , m_computeWhenShown(new RefreshWhenShown(this, [this] { compute(); }))
{
    Q_ASSERT(session);
    addScopeItems(m_scope);
    m_scope->setToolTip(tr("The selected trace as a flame chart (frames where they ran), or several traces merged "
                           "by path (widths are total time)"));
    m_search->setObjectName(QStringLiteral("flameSearch"));
    m_search->setPlaceholderText(tr("Highlight frames by service or operation"));
    m_search->setClearButtonEnabled(true);
    auto* whole = new QPushButton(tr("Whole graph"), this);
    whole->setToolTip(tr("Zoom out to the whole graph (Esc; Backspace: one level out)"));
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the flame graph as SVG or PNG"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_scope);
    bar->addWidget(m_search, 1);
    bar->addWidget(whole);
    bar->addWidget(exportButton);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scroll->setWidget(m_canvas);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_scroll, 1);

    connect(m_scope, &QComboBox::currentIndexChanged, this, &FlameGraphView::recompute);
    connect(m_search, &QLineEdit::textChanged, this, &FlameGraphView::updateMatches);
    connect(whole, &QPushButton::clicked, this, [this] { m_canvas->zoomTo(FlameFrame::none); });
    connect(exportButton, &QPushButton::clicked, this, &FlameGraphView::exportImage);
    connect(m_canvas, &FlameCanvas::frameHovered, this, &FlameGraphView::showSummary);
    connect(m_canvas, &FlameCanvas::frameActivated, this, [this](std::uint32_t frame) {
        if (m_graph && frame < m_graph->frames.size())
            m_session->openSpan(m_graph->frames[frame].span);
    });
    connect(m_session, &TraceSession::loaded, this, [this](const auto& presentation) {
        m_presentation = presentation;
        recompute();
    });
    recomputeWhenScopeMoves(
        this, *m_session, [this] { return scopeIn(m_scope); }, [this] { recompute(); });
}

FlameGraphView::~FlameGraphView() = default;

bool FlameGraphView::isComputing() const
{
    return m_work->isRunning() || m_computeWhenShown->isPending();
}

void FlameGraphView::setSearch(const QString& text)
{
    m_search->setText(text);
}

void FlameGraphView::recompute()
{
    m_computeWhenShown->request();
}

void FlameGraphView::compute()
{
    if (!m_presentation) {
        m_work->cancel();
        showGraph(nullptr);
        return;
    }
    const FilterScope scope = scopeIn(m_scope);
    const SpanScope spans = spanScopeOf(scope, *m_session);
    if (scope == FilterScope::SelectedTrace && !spans.onlyTrace) {
        m_work->cancel();
        showGraph(nullptr);
        return;
    }
    m_status->setText(tr("Computing…"));
    m_work->run(
        [presentation = m_presentation, scope, spans](const WorkTicket&) {
            const TraceSet& set = presentation->set();
            if (scope == FilterScope::SelectedTrace)
                return std::make_shared<const FlameGraph>(flameChartOf(set, *spans.onlyTrace));
            return std::make_shared<const FlameGraph>(mergedFlameGraph(buildCallTree(set, tracesInScope(set, spans))));
        },
        [this](const std::shared_ptr<const FlameGraph>& graph) { showGraph(graph); });
}

void FlameGraphView::showGraph(std::shared_ptr<const FlameGraph> graph)
{
    m_graph = std::move(graph);
    m_canvas->setGraph(m_presentation, m_graph);
    updateMatches();
    showSummary(FlameFrame::none);
    emit graphChanged();
}

void FlameGraphView::updateMatches()
{
    const QString text = m_search->text().trimmed();
    m_matchCount = 0;
    if (!m_graph || text.isEmpty()) {
        m_canvas->setHighlighted({});
        showSummary(FlameFrame::none);
        return;
    }
    // One test per service and operation pair, not per frame.
    std::vector<bool> highlighted(m_graph->frames.size());
    QHash<quint64, bool> known;
    const TraceSet& set = m_presentation->set();
    for (std::size_t i = 0; i < m_graph->frames.size(); ++i) {
        const Span& span = set.span(m_graph->frames[i].span);
        const quint64 key = (quint64(span.service.value) << 32) | span.operation.value;
        auto found = known.find(key);
        if (found == known.end())
            found = known.insert(key,
                m_presentation->serviceName(span.service).contains(text, Qt::CaseInsensitive) ||
                    m_presentation->text(span.operation).contains(text, Qt::CaseInsensitive));
        highlighted[i] = *found;
        m_matchCount += *found;
    }
    m_canvas->setHighlighted(std::move(highlighted));
    showSummary(FlameFrame::none);
}

void FlameGraphView::showSummary(std::uint32_t frame)
{
    if (!m_graph) {
        m_status->setText(m_presentation ? tr("Select a trace to see its flame chart.") : QString());
        return;
    }
    if (frame != FlameFrame::none) {
        m_status->setText(flameFrameSummary(*m_presentation, *m_graph, m_graph->frames[frame]));
        return;
    }
    QString text = m_graph->merged
        ? tr("%1 paths merged, %2 in all")
              .arg(m_graph->frames.size())
              .arg(formatDuration(m_graph->endNs - m_graph->startNs))
        : tr("%1 spans, %2; click a frame to zoom into it, double-click to open it in the waterfall")
              .arg(m_graph->frames.size())
              .arg(formatDuration(m_graph->endNs - m_graph->startNs));
    if (!m_search->text().trimmed().isEmpty())
        text += tr(" — %n frame(s) match", nullptr, m_matchCount);
    m_status->setText(text);
}

void FlameGraphView::exportImage()
{
    if (!m_graph)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Flame Graph"), QStringLiteral("flamegraph.svg"), tr("SVG images (*.svg);;PNG images (*.png)"));
    if (path.isEmpty())
        return;
    FlameExportOptions options;
    options.width = std::max(1000, m_canvas->width());
    const FlameExportResult result = exportFlameGraph(*m_graph, *m_presentation, path, options);
    if (!result.error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), result.error);
    else if (result.rowsLeftOut > 0)
        QMessageBox::information(this, tr("Export"),
            tr("The PNG holds the first %1 levels; %2 deeper levels were left out (SVG keeps them all).")
                .arg(options.maxPngRows)
                .arg(result.rowsLeftOut));
}

} // namespace Spanwise
