#include "spansview.h"

#include "csvexport.h"
#include "formatting.h"
#include "passingfilterproxy.h"
#include "selftime.h"
#include "spanfilter.h"
#include "spantablemodel.h"
#include "tracefilter.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Spanwise {

SpansView::SpansView(QWidget* parent)
    : QWidget(parent)
    , m_model(new SpanTableModel(this))
    , m_proxy(new PassingFilterProxy(this))
    , m_table(new QTableView(this))
    , m_scope(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_service(new QComboBox(this))
    , m_operation(new QLineEdit(this))
    , m_errorsOnly(new QCheckBox(tr("Errors only"), this))
    , m_minDuration(new QLineEdit(this))
    , m_attribute(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    m_scope->addItems({tr("Selected trace"), tr("All loaded traces")});
    m_text->setPlaceholderText(tr("Filter: service, operation, message"));
    m_text->setClearButtonEnabled(true);
    m_service->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_operation->setPlaceholderText(tr("Operation contains"));
    m_minDuration->setPlaceholderText(tr("Min duration"));
    m_minDuration->setToolTip(tr("e.g. 100ms, 1.5s, 300us; a plain number is milliseconds"));
    m_minDuration->setMaximumWidth(120);
    m_attribute->setPlaceholderText(tr("Attribute key=value"));
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    exportButton->setToolTip(tr("Save the rows shown, in their order, as CSV (durations in nanoseconds)"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_scope);
    controls->addWidget(m_text, 2);
    controls->addWidget(m_service);
    controls->addWidget(m_operation, 1);
    controls->addWidget(m_minDuration);
    controls->addWidget(m_attribute, 1);
    controls->addWidget(m_errorsOnly);
    controls->addWidget(m_count);
    controls->addWidget(exportButton);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SpanTableModel::SortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SpanTableModel::Duration, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &SpansView::applyFilter);
    for (QLineEdit* field : {m_text, m_operation, m_minDuration, m_attribute})
        connect(field, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_service, &QComboBox::currentIndexChanged, this, &SpansView::applyFilter);
    connect(m_errorsOnly, &QCheckBox::toggled, this, &SpansView::applyFilter);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &SpansView::reload);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit spanRequested(SpanIndex {index.data(SpanTableModel::SpanRole).toUInt()});
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Spans"), QStringLiteral("spans.csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        if (const QString error = exportCsvTo(path); !error.isEmpty())
            QMessageBox::warning(this, tr("Export failed"), error);
    });
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Rows>>::finished, this, [this] {
        const std::shared_ptr<Rows> rows = m_watcher.result();
        m_model->setSpans(m_presentation, std::move(rows->spans), std::move(rows->selfTimes));
        applyFilter();
        m_table->resizeColumnsToContents();
        emit rowsReady();
    });
}

SpansView::~SpansView()
{
    m_watcher.waitForFinished();
}

void SpansView::setPresentation(std::shared_ptr<const TraceSetPresentation> presentation)
{
    m_presentation = std::move(presentation);
    m_trace = {};
    const QSignalBlocker blocker(m_service);
    m_service->clear();
    m_service->addItem(tr("All services"));
    QStringList names;
    if (m_presentation)
        for (std::uint32_t s = 0; s < m_presentation->set().serviceNames().size(); ++s)
            names << m_presentation->serviceName(ServiceId {s});
    names.sort();
    m_service->addItems(names);
    reload();
}

void SpansView::setSelectedTrace(TraceIndex trace)
{
    // A trace of another load (the window can pass the selection before the new set arrives)
    // is no trace here: it once made the worker read past the traces.
    const bool ours = m_presentation && trace.isValid() && trace.value < m_presentation->set().traces().size();
    m_trace = ours ? trace : TraceIndex {};
    if (m_scope->currentIndex() == 0)
        reload();
}

void SpansView::setAllTraces(bool all)
{
    m_scope->setCurrentIndex(all ? 1 : 0);
}

int SpansView::shownRows() const
{
    return m_proxy->rowCount();
}

void SpansView::reload()
{
    m_watcher.waitForFinished();
    const auto presentation = m_presentation;
    const bool all = m_scope->currentIndex() == 1;
    const TraceIndex trace = m_trace;
    m_count->setText(tr("loading…"));
    // Self times of a million spans take a moment: compute them off the GUI thread.
    m_watcher.setFuture(QtConcurrent::run([presentation, all, trace] {
        auto rows = std::make_shared<Rows>();
        if (!presentation)
            return rows;
        const TraceSet& set = presentation->set();
        if (all) {
            for (std::uint32_t i = 0; i < set.spans().size(); ++i)
                rows->spans.push_back(SpanIndex {i});
        } else if (trace.isValid()) {
            const auto order = set.forest().spansOf(set.trace(trace));
            rows->spans.assign(order.begin(), order.end());
        }
        rows->selfTimes.reserve(rows->spans.size());
        for (const SpanIndex s : rows->spans)
            rows->selfTimes.push_back(selfTimeOf(set, s));
        return rows;
    }));
}

void SpansView::applyFilter()
{
    if (!m_presentation)
        return;
    SpanFilter filter;
    filter.text = m_text->text();
    if (m_service->currentIndex() > 0)
        filter.service = m_service->currentText();
    filter.operation = m_operation->text();
    filter.errorsOnly = m_errorsOnly->isChecked();
    filter.minDurationNs = parseDuration(m_minDuration->text());
    filter.attribute = m_attribute->text();
    m_minDuration->setStyleSheet(!m_minDuration->text().trimmed().isEmpty() && !filter.minDurationNs
            ? QStringLiteral("background: #fde2e2")
            : QString());
    m_proxy->setPassing(spansPassing(*m_presentation, m_model->spans(), filter));
    m_count->setText(
        tr("%1 of %2").arg(QLocale().toString(m_proxy->rowCount()), QLocale().toString(m_model->rowCount())));
}

QString SpansView::exportCsvTo(const QString& path) const
{
    return exportCsv(*m_proxy, path, SpanTableModel::SortRole, SpanTableModel::CsvHeaderRole);
}

} // namespace Spanwise
