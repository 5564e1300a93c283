#include "tracelistpanel.h"

#include "backgroundwork.h"
#include "filterbar.h"
#include "passingfilterproxy.h"
#include "roles.h"
#include "spanquery.h"
#include "tabledefaults.h"
#include "tracelistmodel.h"
#include "tracescatterplot.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Spanwise {

TraceListPanel::TraceListPanel(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new TraceListModel(this))
    , m_proxy(new PassingFilterProxy(this))
    , m_table(new QTableView(this))
    , m_chart(new TraceScatterPlot(this))
    , m_filter(new FilterBar(tr("Filter traces, e.g. checkout error=true duration>1s"), false, this))
    , m_work(new BackgroundWork(this))
{
    Q_ASSERT(session);
    m_filter->setObjectName(QStringLiteral("traceFilter"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Roles::Sort);
    m_table->setObjectName(QStringLiteral("traceTable"));
    m_table->setModel(m_proxy);
    applyTableDefaults(m_table, m_proxy);
    m_table->sortByColumn(TraceListModel::Start, Qt::AscendingOrder);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
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
                m_session->selectTrace(TraceIndex {static_cast<std::uint32_t>(m_proxy->mapToSource(current).row())});
        });
    // A dot opens its trace's waterfall (and the list selects it).
    connect(m_chart, &TraceScatterPlot::traceClicked, this, [this](TraceIndex trace) {
        if (m_set && trace.value < m_set->traces().size())
            m_session->openSpan(m_set->trace(trace).root);
    });
}

QSortFilterProxyModel* TraceListPanel::proxy() const
{
    return m_proxy;
}

bool TraceListPanel::isFiltering() const
{
    return m_work->isRunning();
}

void TraceListPanel::setTraceSet(std::shared_ptr<const TraceSet> set)
{
    m_set = std::move(set);
    m_work->cancel();
    m_proxy->setPassing({});
    m_model->setTraceSet(m_set);
    m_table->resizeColumnsToContents();
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
        m_work->cancel();
        m_proxy->setPassing({});
        m_session->setMatchingTraces(nullptr);
        updateChart();
        emit filterApplied();
        return;
    }
    // Every span of a million may be looked at: off the GUI thread, newest filter wins.
    m_filter->setStatus(tr("filtering…"));
    m_work->run([set = m_set, query = std::move(*query)](const WorkTicket&) { return tracesMatching(*set, query); },
        [this](std::vector<bool> passing) {
            m_session->setMatchingTraces(std::make_shared<const std::vector<bool>>(passing));
            m_proxy->setPassing(std::move(passing));
            updateChart();
            emit filterApplied();
        });
}

void TraceListPanel::updateChart()
{
    std::vector<TraceIndex> shown;
    shown.reserve(static_cast<std::size_t>(m_proxy->rowCount()));
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        shown.push_back(TraceIndex {static_cast<std::uint32_t>(m_proxy->mapToSource(m_proxy->index(row, 0)).row())});
    m_chart->setTraces(m_set, shown);
    m_chart->highlight(m_session->trace());
    m_filter->setStatus(m_set
            ? tr("%1 of %2").arg(QLocale().toString(m_proxy->rowCount()), QLocale().toString(m_model->rowCount()))
            : QString());
}

void TraceListPanel::showSelected(TraceIndex trace)
{
    m_chart->highlight(trace);
    if (!trace.isValid())
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(static_cast<int>(trace.value), 0));
    if (index.isValid() && index.row() != m_table->currentIndex().row()) {
        const QSignalBlocker blocker(m_table->selectionModel());
        m_table->setCurrentIndex(index);
        m_table->viewport()->update();
        m_table->scrollTo(index);
    }
}

} // namespace Spanwise
