#include "spansview.h"

#include "backgroundwork.h"
#include "csvexport.h"
#include "filterbar.h"
#include "passingfilterproxy.h"
#include "roles.h"
#include "selftime.h"
#include "spanquery.h"
#include "spantablemodel.h"
#include "tabledefaults.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Spanwise {
namespace {

struct Rows {
    std::shared_ptr<const TraceSetPresentation> presentation;
    std::vector<SpanIndex> spans;
    std::vector<std::int64_t> selfTimes;
};

} // namespace

SpansView::SpansView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new SpanTableModel(this))
    , m_proxy(new PassingFilterProxy(this))
    , m_table(new QTableView(this))
    , m_filter(new FilterBar(tr("Filter spans, e.g. service=cart* duration>100ms http.status_code>=500"), true, this))
    , m_work(new BackgroundWork(this))
{
    Q_ASSERT(session);
    m_filter->setObjectName(QStringLiteral("spanFilter"));
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    exportButton->setToolTip(tr("Save the rows shown, in their order, as CSV (durations in nanoseconds)"));
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_filter, 1);
    controls->addWidget(exportButton);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Roles::Sort);
    m_table->setModel(m_proxy);
    applyTableDefaults(m_table, m_proxy);
    m_table->sortByColumn(SpanTableModel::Duration, Qt::DescendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);

    connect(m_filter, &FilterBar::queryChanged, this, &SpansView::applyFilter);
    connect(m_filter, &FilterBar::scopeChanged, this, &SpansView::reload);
    connect(m_session, &TraceSession::loaded, this, &SpansView::reload);
    connect(m_session, &TraceSession::navigated, this, [this](TraceIndex trace) {
        if (followsSelection(m_filter->scope()) && trace != m_model->trace())
            reload();
    });
    connect(m_session, &TraceSession::matchingTracesChanged, this, [this] {
        if (followsTraceFilter(m_filter->scope()))
            reload();
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
    return m_proxy->rowCount();
}

bool SpansView::isLoading() const
{
    return m_work->isRunning();
}

void SpansView::reload()
{
    const auto presentation = m_session->presentation();
    const SpanScope scope = spanScopeOf(m_filter->scope(), *m_session);
    m_filter->setStatus(tr("loading…"));
    // Self times of a million spans take a moment: computed off the GUI thread, newest wins.
    m_work->run(
        [presentation, scope](const WorkTicket& ticket) {
            auto rows = std::make_shared<Rows>();
            rows->presentation = presentation;
            if (!presentation)
                return rows;
            const TraceSet& set = presentation->set();
            rows->spans = spansInScope(set, scope);
            rows->selfTimes.reserve(rows->spans.size());
            for (const SpanIndex s : rows->spans) {
                if (ticket.isCancelled())
                    break;
                rows->selfTimes.push_back(selfTimeOf(set, s));
            }
            return rows;
        },
        [this, trace = scope.onlyTrace.value_or(TraceIndex {})](const std::shared_ptr<Rows>& rows) {
            m_model->setSpans(rows->presentation, std::move(rows->spans), std::move(rows->selfTimes), trace);
            applyFilter();
            m_table->resizeColumnsToContents();
            emit rowsReady();
        });
}

void SpansView::applyFilter()
{
    const auto& presentation = m_model->presentation();
    if (!presentation)
        return;
    const auto query = SpanQuery::compile(presentation->set(), m_filter->query());
    if (!query) {
        m_filter->showError(query.error());
        return;
    }
    m_proxy->setPassing(spansMatching(*query, m_model->spans()));
    m_filter->setStatus(
        tr("%1 of %2").arg(QLocale().toString(m_proxy->rowCount()), QLocale().toString(m_model->rowCount())));
}

QString SpansView::exportCsvTo(const QString& path) const
{
    return exportCsv(*m_proxy, path);
}

} // namespace Spanwise
