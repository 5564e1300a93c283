#include "traceview.h"

#include "backgroundwork.h"
#include "criticalpath.h"
#include "flowlayout.h"
#include "formatting.h"
#include "hexid.h"
#include "spandetailsview.h"
#include "spanlink.h"
#include "spanquery.h"
#include "spansearch.h"
#include "theme.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "waterfallcontroller.h"
#include "waterfallexport.h"
#include "waterfalloverview.h"
#include "waterfallview.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Spanwise {
namespace {

QToolButton* toolButton(
    QWidget* parent, const QString& text, const QString& tip, QStyle::StandardPixmap icon = QStyle::SP_CustomBase)
{
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    if (icon != QStyle::SP_CustomBase) {
        button->setIcon(parent->style()->standardIcon(icon));
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    return button;
}

} // namespace

TraceView::TraceView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_controller(new WaterfallController(this))
    , m_overview(new WaterfallOverview(m_controller, this))
    , m_waterfall(new WaterfallView(m_controller, this))
    , m_details(new SpanDetailsView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_header(new QLabel(this))
    , m_searchWork(new BackgroundWork(this))
{
    Q_ASSERT(session);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* bar = new QWidget(this);
    createToolbar(bar);
    m_header->setObjectName(QStringLiteral("traceHeader"));
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse); // the trace id can be copied
    m_header->setContentsMargins(6, 2, 6, 0);
    m_header->setWordWrap(true);
    layout->addWidget(m_header);
    layout->addWidget(bar);
    layout->addWidget(m_overview);
    m_splitter->addWidget(m_waterfall);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({900, 420});
    layout->addWidget(m_splitter, 1);

    connect(m_controller, &WaterfallController::selectionChanged, m_details, &SpanDetailsView::showSpan);
    connect(m_controller, &WaterfallController::visibleRangeChanged, this, &TraceView::updateHistoryButtons);
    connect(m_controller, &WaterfallController::traceChanged, this, [this] {
        updateHeader();
        updateCriticalPath();
        m_matches.clear();
        m_current = -1;
        if (!m_searchField->text().isEmpty())
            search(m_searchField->text());
        updateMatchLabel();
    });
    connect(m_details, &SpanDetailsView::spanActivated, this, &TraceView::jumpTo);
    connect(m_details, &SpanDetailsView::copyLinkRequested, this, &TraceView::copySpanLink);
    connect(m_details, &SpanDetailsView::rawJsonRequested, this,
        [this] { m_session->requestView(QStringLiteral("json")); });
    m_waterfall->viewport()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_waterfall->viewport(), &QWidget::customContextMenuRequested, this, [this](const QPoint& point) {
        const std::int64_t position = m_waterfall->positionAt(point);
        if (position < 0)
            return;
        const SpanIndex span = m_waterfall->rows().spanAt(static_cast<std::uint32_t>(position));
        m_controller->select(span);
        showSpanMenu(span, m_waterfall->viewport()->mapToGlobal(point));
    });
    connect(m_controller, &WaterfallController::selectionChanged, m_session, [this](SpanIndex span) {
        if (span.isValid())
            m_session->selectSpan(span);
    });
    connect(m_session, &TraceSession::loaded, this, &TraceView::setPresentation);
    connect(m_session, &TraceSession::navigated, this, &TraceView::showTrace);
    connect(m_session, &TraceSession::displayOptionsChanged, this, [this] {
        updateHeader();
        m_details->showSpan(m_controller->selection());
    });
}

void TraceView::createToolbar(QWidget* bar)
{
    auto* row = new FlowLayout(bar, 2);
    row->setContentsMargins(4, 2, 4, 2);
    m_back = toolButton(bar, tr("Back"), tr("Previous zoom (Alt+Left)"), QStyle::SP_ArrowBack);
    m_forward = toolButton(bar, tr("Forward"), tr("Next zoom (Alt+Right)"), QStyle::SP_ArrowForward);
    connect(m_back, &QToolButton::clicked, m_controller, &WaterfallController::back);
    connect(m_forward, &QToolButton::clicked, m_controller, &WaterfallController::forward);
    row->addWidget(m_back);
    row->addWidget(m_forward);
    const auto centre = [this] {
        const auto range = m_controller->visibleRange();
        return range.startNs + range.width() / 2;
    };
    auto* zoomIn = toolButton(bar, tr("Zoom in"), tr("Zoom in (+, Ctrl+wheel)"));
    zoomIn->setText(QStringLiteral("+"));
    connect(zoomIn, &QToolButton::clicked, this, [this, centre] { m_controller->zoom(0.5, centre()); });
    auto* zoomOut = toolButton(bar, tr("Zoom out"), tr("Zoom out (-, Ctrl+wheel)"));
    zoomOut->setText(QStringLiteral("-"));
    connect(zoomOut, &QToolButton::clicked, this, [this, centre] { m_controller->zoom(2.0, centre()); });
    auto* whole = toolButton(bar, tr("Whole trace"), tr("Show the whole trace (0)"));
    connect(whole, &QToolButton::clicked, m_controller, &WaterfallController::showWholeTrace);
    row->addWidget(zoomIn);
    row->addWidget(zoomOut);
    row->addWidget(whole);

    auto* expand = toolButton(bar, tr("Expand"), tr("Expand or collapse rows"));
    expand->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(expand);
    const auto rowsAction = [this, menu](const QString& text, void (WaterfallRows::*change)()) {
        menu->addAction(text, this, [this, change] {
            (m_waterfall->rows().*change)();
            m_waterfall->rowsChanged();
        });
    };
    rowsAction(tr("Expand all"), &WaterfallRows::expandAll);
    rowsAction(tr("Expand one level"), &WaterfallRows::expandOneLevel);
    rowsAction(tr("Collapse one level"), &WaterfallRows::collapseOneLevel);
    rowsAction(tr("Collapse all"), &WaterfallRows::collapseAll);
    expand->setMenu(menu);
    row->addWidget(expand);

    m_searchField = new QLineEdit(bar);
    m_searchField->setPlaceholderText(tr("Search this trace: service, operation, attribute (/ or Ctrl+F)"));
    m_searchField->setClearButtonEnabled(true);
    m_searchField->setMinimumWidth(200);
    m_searchField->installEventFilter(this);
    row->addStretchingWidget(m_searchField);
    m_searchDebounce = new QTimer(this);
    m_searchDebounce->setSingleShot(true);
    m_searchDebounce->setInterval(250);
    connect(m_searchField, &QLineEdit::textChanged, m_searchDebounce, qOverload<>(&QTimer::start));
    connect(m_searchDebounce, &QTimer::timeout, this, [this] { search(m_searchField->text()); });
    connect(m_searchField, &QLineEdit::returnPressed, this, [this] {
        m_searchDebounce->stop();
        if (m_matches.empty())
            search(m_searchField->text());
        else
            nextMatch();
    });
    m_matchLabel = new QLabel(bar);
    m_matchLabel->setObjectName(QStringLiteral("matchLabel"));
    m_matchLabel->setMinimumWidth(90);
    row->addWidget(m_matchLabel);
    auto* previous = toolButton(bar, tr("Previous"), tr("Previous match (Shift+F3)"), QStyle::SP_ArrowUp);
    auto* next = toolButton(bar, tr("Next"), tr("Next match (F3, Enter)"), QStyle::SP_ArrowDown);
    connect(previous, &QToolButton::clicked, this, &TraceView::previousMatch);
    connect(next, &QToolButton::clicked, this, &TraceView::nextMatch);
    row->addWidget(previous);
    row->addWidget(next);
    m_matchesOnly = new QCheckBox(tr("Matches only"), bar);
    m_matchesOnly->setToolTip(tr("Show only the matching spans and their ancestors"));
    connect(m_matchesOnly, &QCheckBox::toggled, this, &TraceView::setMatchesOnly);
    row->addWidget(m_matchesOnly);
    m_criticalPath = new QCheckBox(tr("Critical path"), bar);
    m_criticalPath->setChecked(true);
    m_criticalPath->setToolTip(tr("Mark what held the trace up: at each moment, the span the root was waiting for"));
    connect(m_criticalPath, &QCheckBox::toggled, this, &TraceView::setShowCriticalPath);
    row->addWidget(m_criticalPath);
    auto* exportButton = toolButton(bar, tr("Export…"), tr("Save the waterfall as SVG or PNG"));
    connect(exportButton, &QToolButton::clicked, this, &TraceView::exportImage);
    row->addWidget(exportButton);

    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, &TraceView::focusSearch);
    auto* slash = new QShortcut(QKeySequence(Qt::Key_Slash), m_waterfall);
    slash->setContext(Qt::WidgetWithChildrenShortcut);
    connect(slash, &QShortcut::activated, this, &TraceView::focusSearch);
    auto* f3 = new QShortcut(QKeySequence(Qt::Key_F3), this);
    f3->setContext(Qt::WidgetWithChildrenShortcut);
    connect(f3, &QShortcut::activated, this, &TraceView::nextMatch);
    auto* shiftF3 = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), this);
    shiftF3->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shiftF3, &QShortcut::activated, this, &TraceView::previousMatch);
    updateHistoryButtons();
    updateMatchLabel();
}

void TraceView::setPresentation(std::shared_ptr<const TraceSetPresentation> presentation)
{
    m_presentation = std::move(presentation);
    m_waterfall->setPresentation(m_presentation);
    m_overview->setPresentation(m_presentation);
    m_details->setPresentation(m_presentation);
    m_controller->setTrace(m_presentation ? m_presentation->sharedSet() : nullptr, {});
}

void TraceView::showTrace(TraceIndex trace, SpanIndex select)
{
    if (!m_presentation)
        return;
    if (trace != m_controller->trace() || m_controller->traceSet() != &m_presentation->set()) {
        m_waterfall->rows() = WaterfallRows(); // rebuilt on traceChanged
        m_controller->setTrace(m_presentation->sharedSet(), trace);
        if (m_matchesOnly->isChecked())
            setMatchesOnly(true);
    }
    if (select.isValid())
        m_controller->select(select);
}

// What the trace is at a glance: its root, id, start, duration, size, depth and errors.
void TraceView::updateHeader()
{
    const TraceInfo* info = m_controller->traceInfo();
    if (!m_presentation || !info) {
        m_header->setText(tr("No trace selected."));
        return;
    }
    const TraceSet& set = m_presentation->set();
    std::uint32_t depth = 0;
    for (const SpanIndex s : set.forest().spansOf(*info))
        depth = std::max(depth, set.forest().depthOf(s) + 1);
    const Span& root = set.span(info->root);
    QStringList facts = {toQString(formatTraceId(info->id)),
        info->hasTime ? formatTimestamp(info->startNs) : tr("no time recorded"),
        info->hasTime ? formatDuration(info->durationNs()) : QStringLiteral("—"),
        countText(info->spanCount(), u"span", u"spans"), countText(info->serviceCount, u"service", u"services"),
        tr("depth %1").arg(depth)};
    QString errors;
    if (info->errorCount > 0)
        errors =
            QStringLiteral(" · <span style='color:%1'>%2</span>")
                .arg(viewColors().errorText.name(), countText(info->errorCount, u"error", u"errors").toHtmlEscaped());
    m_header->setText(QStringLiteral("<b>%1</b>: %2 · %3%4")
                          .arg(m_presentation->serviceName(root.service).toHtmlEscaped(),
                              m_presentation->text(root.operation).toHtmlEscaped(),
                              facts.join(QStringLiteral(" · ")).toHtmlEscaped(), errors));
}

void TraceView::search(const QString& text)
{
    if (!m_presentation || !m_controller->traceInfo() || text.trimmed().isEmpty()) {
        m_searchWork->cancel();
        showMatches({});
        return;
    }
    const auto parsed = parseQuery(text.toStdString());
    std::expected<SpanQuery, QueryError> query = std::unexpected(QueryError {});
    if (parsed)
        query = SpanQuery::compile(m_presentation->set(), *parsed);
    else
        query = std::unexpected(parsed.error());
    if (!query) {
        m_searchWork->cancel();
        showMatches({});
        m_matchLabel->setText(toQString(query.error().message));
        return;
    }
    if (m_waterfall->rows().spanCount() < searchOnWorkerFrom) {
        m_searchWork->cancel();
        showMatches(findSpans(*query, m_waterfall->rows()));
        return;
    }
    // A million spans take a few hundred milliseconds: keep the window responsive.
    m_matchLabel->setText(tr("searching…"));
    m_searchWork->run([presentation = m_presentation, rows = m_waterfall->rows(), query = std::move(*query)](
                          const WorkTicket&) { return findSpans(query, rows); },
        [this](std::vector<std::uint32_t> matches) { showMatches(std::move(matches)); });
}

void TraceView::showMatches(std::vector<std::uint32_t> matches)
{
    m_matches = std::move(matches);
    m_current = m_matches.empty() ? -1 : 0;
    if (m_matchesOnly->isChecked())
        setMatchesOnly(true);
    m_waterfall->setMatches(m_matches, m_current >= 0 ? std::int64_t(m_matches[0]) : -1);
    if (m_current >= 0)
        goToMatch(0);
    updateMatchLabel();
    emit searchFinished();
}

void TraceView::goToMatch(std::int64_t index)
{
    if (m_matches.empty())
        return;
    const std::int64_t count = static_cast<std::int64_t>(m_matches.size());
    m_current = ((index % count) + count) % count; // wraps around both ways
    const std::uint32_t position = m_matches[static_cast<std::size_t>(m_current)];
    m_waterfall->setMatches(m_matches, position);
    m_controller->select(m_waterfall->rows().spanAt(position));
    m_waterfall->scrollToPosition(position);
    updateMatchLabel();
}

void TraceView::nextMatch()
{
    goToMatch(m_current + 1);
}

void TraceView::previousMatch()
{
    goToMatch(m_current - 1);
}

void TraceView::setMatchesOnly(bool only)
{
    if (m_matchesOnly->isChecked() != only) {
        m_matchesOnly->setChecked(only); // re-enters through toggled
        return;
    }
    m_waterfall->rows().setOnlyShown(
        only ? std::span<const std::uint32_t>(m_matches) : std::span<const std::uint32_t>());
    m_waterfall->rowsChanged();
}

void TraceView::setShowCriticalPath(bool show)
{
    if (m_criticalPath->isChecked() != show) {
        m_criticalPath->setChecked(show); // re-enters through toggled
        return;
    }
    updateCriticalPath();
}

void TraceView::updateCriticalPath()
{
    std::vector<CriticalMark> marks;
    if (m_criticalPath->isChecked() && m_presentation && m_controller->traceInfo()) {
        const WaterfallRows& rows = m_waterfall->rows();
        for (const CriticalSegment& segment : criticalPath(m_presentation->set(), m_controller->trace())) {
            const std::int64_t position = rows.positionOf(segment.span);
            if (position >= 0)
                marks.push_back({static_cast<std::uint32_t>(position), segment.startNs, segment.endNs});
        }
    }
    m_waterfall->setCriticalPath(std::move(marks));
}

void TraceView::updateMatchLabel()
{
    if (m_searchField->text().trimmed().isEmpty())
        m_matchLabel->clear();
    else if (m_matches.empty())
        m_matchLabel->setText(tr("no matches"));
    else
        m_matchLabel->setText(tr("%1 of %2").arg(m_current + 1).arg(m_matches.size()));
}

void TraceView::updateHistoryButtons()
{
    m_back->setEnabled(m_controller->canGoBack());
    m_forward->setEnabled(m_controller->canGoForward());
}

// In the search field: Esc clears the search and hands the keys back to the waterfall;
// Shift+Enter goes to the previous match.
bool TraceView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_searchField && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape) {
            m_searchField->clear();
            search(QString());
            m_waterfall->setFocus();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ShiftModifier)) {
            previousMatch();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TraceView::focusSearch()
{
    m_searchField->setFocus();
    m_searchField->selectAll();
}

void TraceView::jumpTo(SpanIndex span)
{
    if (!m_presentation || !span.isValid())
        return;
    if (m_presentation->set().forest().traceOf(span) == m_controller->trace())
        m_controller->select(span);
    else
        m_session->openSpan(span);
}

void TraceView::showSpanMenu(SpanIndex span, const QPoint& globalPosition)
{
    QMenu menu(this);
    menu.addAction(tr("Copy &Link to This Span"), this, [this, span] { copySpanLink(span); });
    menu.addAction(tr("Show &Raw JSON"), this, [this] { m_session->requestView(QStringLiteral("json")); });
    const Span& record = m_presentation->set().spans()[span.value];
    menu.addAction(tr("Copy &Span ID"), this,
        [id = toQString(formatSpanId(record.spanId))] { QGuiApplication::clipboard()->setText(id); });
    menu.addAction(tr("Copy &Trace ID"), this,
        [id = toQString(formatTraceId(record.traceId))] { QGuiApplication::clipboard()->setText(id); });
    menu.exec(globalPosition);
}

QString TraceView::spanLink(SpanIndex span) const
{
    return m_presentation && span.isValid()
        ? spanLinkCommand(m_session->files(), m_presentation->set(), span, QStringLiteral("waterfall"))
        : QString();
}

void TraceView::copySpanLink(SpanIndex span)
{
    const QString link = spanLink(span);
    if (!link.isEmpty())
        QGuiApplication::clipboard()->setText(link);
}

void TraceView::exportImage()
{
    if (!m_controller->traceInfo())
        return;
    QMenu menu(this);
    QAction* wholeSvg = menu.addAction(tr("Whole trace as SVG…"));
    QAction* visibleSvg = menu.addAction(tr("Visible part as SVG…"));
    QAction* wholePng = menu.addAction(tr("Whole trace as PNG…"));
    menu.addAction(tr("Visible part as PNG…"));
    QAction* chosen = menu.exec(QCursor::pos());
    if (!chosen)
        return;
    const bool svg = chosen == wholeSvg || chosen == visibleSvg;
    const bool whole = chosen == wholeSvg || chosen == wholePng;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Waterfall"),
        svg ? QStringLiteral("waterfall.svg") : QStringLiteral("waterfall.png"),
        svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    WaterfallExportOptions options;
    options.width = std::max(1000, m_waterfall->viewport()->width());
    options.labelWidth = m_waterfall->metrics().labelWidth;
    if (!whole) {
        options.range = m_controller->visibleRange();
        options.rows = &m_waterfall->rows();
    }
    const WaterfallExportResult result = exportWaterfall(*m_presentation, m_controller->trace(), path, options);
    if (!result.error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), result.error);
    else if (result.rowsLeftOut > 0)
        QMessageBox::information(this, tr("Export"),
            tr("The PNG holds the first %1 rows; %2 rows did not fit its height and were left out. Collapse "
               "rows, zoom in, or export as SVG to keep them all.")
                .arg(QLocale().toString(qulonglong(result.rowsWritten)),
                    QLocale().toString(qulonglong(result.rowsLeftOut))));
}

} // namespace Spanwise
