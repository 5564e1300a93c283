#include "spansview.h"

#include "backgroundwork.h"
#include "csvexport.h"
#include "filterbar.h"
#include "refreshwhenshown.h"
#include "roles.h"
#include "selftime.h"
#include "spanquery.h"
#include "spanrows.h"
#include "spantablemodel.h"
#include "tabledefaults.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace Spanwise {

SpansView::SpansView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new SpanTableModel(this))
    , m_table(new QTableView(this))
    , m_filter(new FilterBar(tr("Filter spans, e.g. service=cart* duration>100ms http.status_code>=500"), true, this))
    , m_work(new BackgroundWork(this))
    , m_reload(new RefreshWhenShown(this, [this] { reload(); }))
{
    Q_ASSERT(session);
    m_filter->setObjectName(QStringLiteral("spanFilter"));
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    exportButton->setToolTip(tr("Save the rows shown, in their order, as CSV (durations in nanoseconds)"));
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_filter, 1);
    controls->addWidget(exportButton);

    m_table->setModel(m_model);
    applyTableDefaults(m_table, m_model);
    // The model never sorts (QAbstractItemModel::sort does nothing): the header's indicator
    // asks for rows ordered on a worker.
    m_table->sortByColumn(SpanTableModel::Duration, Qt::DescendingOrder);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &SpansView::refilter);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);

    connect(m_filter, &FilterBar::queryChanged, this, &SpansView::refilter);
    connect(m_filter, &FilterBar::scopeChanged, m_reload, &RefreshWhenShown::request);
    connect(m_session, &TraceSession::loaded, m_reload, &RefreshWhenShown::request);
    connect(m_session, &TraceSession::navigated, this, [this](TraceIndex trace) {
        if (followsSelection(m_filter->scope()) && trace != m_model->trace())
            m_reload->request();
    });
    connect(m_session, &TraceSession::matchingTracesChanged, this, [this] {
        if (followsTraceFilter(m_filter->scope()))
            m_reload->request();
    });
    connect(m_table, &QTableView::activated, this,
        [this](const QModelIndex& index) { m_session->openSpan(SpanIndex {index.data(Roles::Span).toUInt()}); });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Spans"), QStringLiteral("spans.csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        if (const QString error = exportCsvTo(path); !error.isEmpty())
            QMessageBox::warning(this, tr("Export failed"), error);
    });
}

void SpansView::setAllTraces(bool all)
{
    m_filter->setScope(all ? FilterScope::AllTraces : FilterScope::SelectedTrace);
}

int SpansView::shownRows() const
{
    return m_model->rowCount();
}

bool SpansView::isLoading() const
{
    return m_work->isRunning() || m_reload->isPending();
}

void SpansView::reload()
{
    m_rows.reset();
    m_scopeTrace = {};
    m_resizeColumns = true;
    showRows();
}

// A new filter or sort: the rows kept are filtered and ordered again, unless the view is hidden
// (a restored session sets its filter), when the whole reload waits to be shown.
void SpansView::refilter()
{
    if (isVisible() && !m_reload->isPending())
        showRows();
    else
        m_reload->request();
}

// Everything past the click runs on the worker: the scope's spans and self times (once per
// scope), the filter and the sort. The model only takes the finished rows.
void SpansView::showRows()
{
    const auto presentation = m_session->presentation();
    if (!presentation) {
        m_work->cancel();
        m_model->setSpans(nullptr, {}, {});
        m_filter->setStatus({});
        return;
    }
    std::optional<SpanQuery> query;
    if (!m_filter->query().isEmpty()) {
        auto compiled = SpanQuery::compile(presentation->set(), m_filter->query());
        if (!compiled) {
            m_filter->showError(compiled.error());
            return;
        }
        query = std::move(*compiled);
    }
    const SpanScope scope = spanScopeOf(m_filter->scope(), *m_session);
    const TraceIndex trace = m_rows ? m_scopeTrace : scope.onlyTrace.value_or(TraceIndex {});
    const auto column = SpanTableModel::Column(m_table->horizontalHeader()->sortIndicatorSection());
    const Qt::SortOrder order = m_table->horizontalHeader()->sortIndicatorOrder();
    m_filter->setStatus(tr("loading…"));
    m_work->run(
        [presentation, scope, rows = m_rows, query = std::move(query), column, order](const WorkTicket& ticket) {
            auto all = rows;
            if (!all) {
                auto computed = std::make_shared<SpanRows>();
                computed->presentation = presentation;
                computed->spans = spansInScope(presentation->set(), scope);
                computed->selfTimes.reserve(computed->spans.size());
                for (const SpanIndex s : computed->spans) {
                    if (ticket.isCancelled())
                        break;
                    computed->selfTimes.push_back(selfTimeOf(presentation->set(), s));
                }
                computed->selfTimes.resize(computed->spans.size());
                all = std::move(computed);
            }
            return std::make_shared<ShownSpanRows>(
                filterAndOrder(all, query ? &*query : nullptr, column, order, ticket));
        },
        [this, trace](const std::shared_ptr<ShownSpanRows>& shown) { takeRows(*shown, trace); });
}

void SpansView::takeRows(ShownSpanRows& shown, TraceIndex trace)
{
    // A span index means the same span only within one load.
    const bool sameLoad = m_model->presentation() == shown.all->presentation;
    const SpanIndex current =
        sameLoad && m_table->currentIndex().isValid() ? m_model->spanAt(m_table->currentIndex().row()) : SpanIndex {};
    m_rows = shown.all;
    m_scopeTrace = trace;
    m_model->setSpans(shown.all->presentation, std::move(shown.spans), std::move(shown.selfTimes), trace);
    // The row the user was on stays current through a sort or a narrower filter.
    if (current.isValid()) {
        const auto& spans = m_model->spans();
        if (const auto found = std::find(spans.begin(), spans.end(), current); found != spans.end()) {
            m_table->setCurrentIndex(m_model->index(int(found - spans.begin()), 0));
            m_table->scrollTo(m_table->currentIndex(), QAbstractItemView::PositionAtCenter);
        }
    }
    if (m_resizeColumns) {
        m_table->resizeColumnsToContents(); // measures the rows on screen only
        m_resizeColumns = false;
    }
    m_filter->setStatus(
        tr("%1 of %2")
            .arg(QLocale().toString(m_model->rowCount()), QLocale().toString(qsizetype(m_rows->spans.size()))));
    emit rowsReady();
}

QString SpansView::exportCsvTo(const QString& path) const
{
    return exportCsv(*m_model, path);
}

} // namespace Spanwise
