#include "tracelistpanel.h"

#include "backgroundwork.h"
#include "filterbar.h"
#include "formatting.h"
#include "hexid.h"
#include "roles.h"
#include "spanquery.h"
#include "tabledefaults.h"
#include "tracelistmodel.h"
#include "traceorder.h"
#include "tracescatterplot.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Spanwise {

TraceListPanel::TraceListPanel(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new TraceListModel(this))
    , m_table(new QTableView(this))
    , m_chart(new TraceScatterPlot(this))
    , m_filter(new FilterBar(tr("Filter traces, e.g. checkout error=true duration>1s"), false, this))
    , m_work(new BackgroundWork(this))
{
    Q_ASSERT(session);
    m_filter->setObjectName(QStringLiteral("traceFilter"));
    m_table->setObjectName(QStringLiteral("traceTable"));
    m_table->setModel(m_model);
    applyTableDefaults(m_table, m_model);
    // The model never sorts: the header's indicator asks the worker for a new order.
    m_table->sortByColumn(TraceListModel::Start, Qt::AscendingOrder);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] { showTraces(); });
    // Several rows for Compare (Ctrl+click); the current row is the trace every view shows.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &TraceListPanel::showTableMenu);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(m_table);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({170, 500});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(split, 1);

    connect(m_filter, &FilterBar::queryChanged, this, [this] { m_session->setTraceFilter(m_filter->text()); });
    connect(m_session, &TraceSession::traceFilterChanged, this, [this](const QString& query) {
        if (m_filter->text() != query)
            m_filter->setText(query);
        applyFilter();
    });
    connect(m_session, &TraceSession::loaded, this,
        [this](const auto& presentation) { setTraceSet(presentation ? presentation->sharedSet() : nullptr); });
    connect(m_session, &TraceSession::navigated, this, [this](TraceIndex trace) { showSelected(trace); });
    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            if (current.isValid())
                m_session->selectTrace(m_model->traceAt(current.row()));
        });
    // A dot opens its trace's waterfall (and the list selects it); right-click compares it.
    connect(m_chart, &TraceScatterPlot::traceClicked, this, [this](TraceIndex trace) {
        if (m_set && trace.value < m_set->traces().size())
            m_session->openSpan(m_set->trace(trace).root);
    });
    m_chart->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_chart, &QWidget::customContextMenuRequested, this, [this](const QPoint& point) {
        const auto trace = m_chart->traceAt(point);
        const TraceIndex selected = m_session->trace();
        if (!trace || !m_set)
            return;
        QMenu menu(this);
        QAction* compare = menu.addAction(
            tr("Compare With the Selected Trace"), this, [this, selected, trace] { compareTraces(selected, *trace); });
        compare->setEnabled(selected.isValid() && selected != *trace);
        compare->setToolTip(tr("The selected trace is A, this one B"));
        menu.exec(m_chart->mapToGlobal(point));
    });
}

QString TraceListPanel::traceQuery(TraceIndex trace) const
{
    return QStringLiteral("trace=") + toQString(formatTraceId(m_set->trace(trace).id));
}

void TraceListPanel::compareTraces(TraceIndex a, TraceIndex b)
{
    m_session->requestComparison(traceQuery(a), traceQuery(b));
}

void TraceListPanel::showTableMenu(const QPoint& point)
{
    if (!m_set)
        return;
    std::vector<TraceIndex> selected;
    for (const QModelIndex& row : m_table->selectionModel()->selectedRows())
        selected.push_back(m_model->traceAt(row.row()));
    QMenu menu(this);
    QAction* compare = menu.addAction(tr("&Compare the Two Selected Traces"));
    compare->setEnabled(selected.size() == 2);
    compare->setToolTip(tr("Select two traces with Ctrl+click; the current one is B"));
    if (selected.size() == 2) {
        // The current (last clicked) row is B, the other the baseline A.
        const TraceIndex current = m_session->trace();
        const TraceIndex b = current == selected[0] || current == selected[1] ? current : selected[1];
        const TraceIndex a = b == selected[0] ? selected[1] : selected[0];
        connect(compare, &QAction::triggered, this, [this, a, b] { compareTraces(a, b); });
    }
    const QModelIndex at = m_table->indexAt(point);
    if (at.isValid()) {
        const TraceIndex trace = m_model->traceAt(at.row());
        menu.addAction(tr("Copy Trace &ID"), this,
            [this, trace] { QGuiApplication::clipboard()->setText(toQString(formatTraceId(m_set->trace(trace).id))); });
    }
    menu.exec(m_table->viewport()->mapToGlobal(point));
}

bool TraceListPanel::isFiltering() const
{
    return m_work->isRunning();
}

void TraceListPanel::setTraceSet(std::shared_ptr<const TraceSet> set)
{
    m_set = std::move(set);
    m_work->cancel();
    m_passing.reset();
    m_model->setTraceSet(m_set);        // load order, until the worker's order arrives
    m_table->resizeColumnsToContents(); // measures the rows on screen only
    // Long names are elided, so duration, spans, errors and services show without scrolling.
    m_table->setColumnWidth(
        TraceListModel::RootService, std::min(m_table->columnWidth(TraceListModel::RootService), 115));
    m_table->setColumnWidth(
        TraceListModel::RootOperation, std::min(m_table->columnWidth(TraceListModel::RootOperation), 140));
    applyFilter();
}

void TraceListPanel::applyFilter()
{
    if (!m_set) {
        updateChart();
        return;
    }
    auto query = SpanQuery::compile(*m_set, m_filter->query());
    if (!query) {
        m_filter->showError(query.error());
        return;
    }
    if (query->isEmpty()) {
        m_passing.reset();
        m_session->setMatchingTraces(nullptr);
        showTraces();
        return;
    }
    // Every span of a million may be looked at: off the GUI thread, newest filter wins; the
    // order comes with it.
    m_filter->setStatus(tr("filtering…"));
    runOrder(std::make_shared<const SpanQuery>(std::move(*query)));
}

void TraceListPanel::showTraces()
{
    if (m_set)
        runOrder(nullptr);
}

// The filter (when `query` is given; else the last one's result) and the sort, on the worker.
void TraceListPanel::runOrder(std::shared_ptr<const SpanQuery> query)
{
    const auto column = TraceListModel::Column(m_table->horizontalHeader()->sortIndicatorSection());
    const Qt::SortOrder order = m_table->horizontalHeader()->sortIndicatorOrder();
    struct Result {
        std::shared_ptr<const std::vector<bool>> passing;
        std::vector<TraceIndex> order;
    };
    m_work->run(
        [set = m_set, query, passing = m_passing, column, order](const WorkTicket& ticket) {
            auto result = std::make_shared<Result>();
            result->passing = query ? std::make_shared<const std::vector<bool>>(tracesMatching(*set, *query)) : passing;
            static const std::vector<bool> everyTrace;
            result->order = orderTraces(*set, result->passing ? *result->passing : everyTrace, column, order, ticket);
            return result;
        },
        [this, filtered = query != nullptr](const std::shared_ptr<Result>& result) {
            m_passing = result->passing;
            if (filtered)
                m_session->setMatchingTraces(m_passing);
            m_model->setOrder(std::move(result->order));
            showSelected(m_session->trace());
            updateChart();
            emit filterApplied();
        });
}

void TraceListPanel::updateChart()
{
    m_chart->setTraces(m_set, m_model->shownTraces());
    m_chart->highlight(m_session->trace());
    m_filter->setStatus(m_set
            ? tr("%1 of %2").arg(QLocale().toString(m_model->rowCount()), QLocale().toString(m_model->traceCount()))
            : QString());
}

void TraceListPanel::showSelected(TraceIndex trace)
{
    m_chart->highlight(trace);
    if (!trace.isValid())
        return;
    const QModelIndex index = m_model->index(m_model->rowOf(trace), 0);
    if (index.isValid() && index.row() != m_table->currentIndex().row()) {
        const QSignalBlocker blocker(m_table->selectionModel());
        m_table->setCurrentIndex(index);
        m_table->viewport()->update();
        m_table->scrollTo(index);
    }
}

} // namespace Spanwise
