#include "tracelistpanel.h"

#include "passingfilterproxy.h"
#include "tracelistmodel.h"
#include "tracescatterchart.h"
#include "traceset.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Spanwise {

TraceListPanel::TraceListPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new TraceListModel(this))
    , m_proxy(new PassingFilterProxy(this))
    , m_table(new QTableView(this))
    , m_chart(new TraceScatterChart(this))
    , m_text(new QLineEdit(this))
    , m_service(new QComboBox(this))
    , m_operation(new QLineEdit(this))
    , m_minDuration(new QLineEdit(this))
    , m_maxDuration(new QLineEdit(this))
    , m_errorsOnly(new QCheckBox(tr("Errors only"), this))
    , m_attribute(new QLineEdit(this))
    , m_debounce(new QTimer(this))
{
    m_text->setObjectName(QStringLiteral("traceTextFilter"));
    m_text->setPlaceholderText(tr("Filter: root service, operation, trace id, file"));
    m_text->setClearButtonEnabled(true);
    m_service->setObjectName(QStringLiteral("traceServiceFilter"));
    m_service->setToolTip(tr("Traces with a span of this service"));
    m_service->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_service->setMinimumContentsLength(12);
    m_operation->setObjectName(QStringLiteral("traceOperationFilter"));
    m_operation->setPlaceholderText(tr("Operation contains"));
    m_operation->setClearButtonEnabled(true);
    m_minDuration->setPlaceholderText(tr("Min, e.g. 100ms"));
    m_maxDuration->setPlaceholderText(tr("Max, e.g. 2s"));
    m_minDuration->setToolTip(tr("Shortest trace to show: 250ms, 1.5s, 300us; a plain number is milliseconds"));
    m_maxDuration->setToolTip(m_minDuration->toolTip());
    m_errorsOnly->setToolTip(tr("Only traces with at least one error span"));
    m_attribute->setObjectName(QStringLiteral("traceAttributeFilter"));
    m_attribute->setPlaceholderText(tr("Attribute key=value"));
    m_attribute->setToolTip(
        tr("Traces with a span that has this attribute, e.g. http.status_code=500 (or just a key)"));
    m_attribute->setClearButtonEnabled(true);

    auto* filters = new QGridLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_text, 0, 0, 1, 3);
    filters->addWidget(m_service, 1, 0);
    filters->addWidget(m_operation, 1, 1, 1, 2);
    filters->addWidget(new QLabel(tr("Duration"), this), 2, 0);
    filters->addWidget(m_minDuration, 2, 1);
    filters->addWidget(m_maxDuration, 2, 2);
    filters->addWidget(m_errorsOnly, 3, 0);
    filters->addWidget(m_attribute, 3, 1, 1, 2);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TraceListModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_table->setObjectName(QStringLiteral("traceTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TraceListModel::Start, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
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
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    // Debounced: refiltering a large list on every key press would stall typing.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &TraceListPanel::applyFilterFromFields);
    for (QLineEdit* field : {m_text, m_operation, m_minDuration, m_maxDuration, m_attribute})
        connect(field, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_service, &QComboBox::currentIndexChanged, this, &TraceListPanel::applyFilterFromFields);
    connect(m_errorsOnly, &QCheckBox::toggled, this, &TraceListPanel::applyFilterFromFields);

    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            if (!current.isValid())
                return;
            const TraceIndex trace {static_cast<std::uint32_t>(m_proxy->mapToSource(current).row())};
            m_chart->highlight(trace);
            emit traceSelected(trace);
        });
    connect(m_chart, &TraceScatterChart::traceClicked, this, &TraceListPanel::selectTrace);
}

QSortFilterProxyModel* TraceListPanel::proxy() const
{
    return m_proxy;
}

void TraceListPanel::setTraceSet(std::shared_ptr<const TraceSet> set)
{
    m_set = std::move(set);
    m_model->setTraceSet(m_set);
    const QSignalBlocker blocker(m_service);
    m_service->clear();
    m_service->addItem(tr("All services"));
    if (m_set)
        for (const StringId name : m_set->serviceNames())
            m_service->addItem(
                QString::fromUtf8(m_set->text(name).data(), static_cast<qsizetype>(m_set->text(name).size())));
    m_service->model()->sort(0);
    m_service->setCurrentIndex(m_service->findText(tr("All services")));
    m_table->resizeColumnsToContents();
    applyFilterFromFields();
}

void TraceListPanel::applyFilterFromFields()
{
    TraceFilter filter;
    filter.text = m_text->text();
    if (m_service->currentText() != tr("All services"))
        filter.service = m_service->currentText();
    filter.operation = m_operation->text();
    filter.minDurationNs = parseDuration(m_minDuration->text());
    filter.maxDurationNs = parseDuration(m_maxDuration->text());
    filter.errorsOnly = m_errorsOnly->isChecked();
    filter.attribute = m_attribute->text();
    // Say when a duration cannot be read, rather than ignore it silently.
    for (QLineEdit* field : {m_minDuration, m_maxDuration}) {
        const bool bad = !field->text().trimmed().isEmpty() && !parseDuration(field->text());
        field->setStyleSheet(bad ? QStringLiteral("background: #fde2e2") : QString());
    }
    setFilter(filter);
}

void TraceListPanel::setFilter(const TraceFilter& filter)
{
    m_proxy->setFilterFixedString(filter.text);
    m_proxy->setPassing(m_set ? tracesPassing(*m_set, filter) : std::vector<bool> {});
    updateChart();
}

void TraceListPanel::updateChart()
{
    std::vector<TraceIndex> shown;
    shown.reserve(static_cast<std::size_t>(m_proxy->rowCount()));
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        shown.push_back(TraceIndex {static_cast<std::uint32_t>(m_proxy->mapToSource(m_proxy->index(row, 0)).row())});
    m_chart->setTraces(m_set, shown);
}

void TraceListPanel::selectTrace(TraceIndex trace)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(static_cast<int>(trace.value), 0));
    if (index.isValid()) {
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    } else {
        emit traceSelected(trace); // filtered out of the list: open it anyway
    }
}

void TraceListPanel::selectFirst()
{
    if (m_proxy->rowCount() > 0)
        m_table->setCurrentIndex(m_proxy->index(0, 0));
}

} // namespace Spanwise
