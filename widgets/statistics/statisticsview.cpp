#include "statisticsview.h"

#include "backgroundwork.h"
#include "chartexport.h"
#include "csvexport.h"
#include "filterbar.h"
#include "formatting.h"
#include "hexid.h"
#include "latencyhistogram.h"
#include "operationstatsmodel.h"
#include "passingfilterproxy.h"
#include "refreshwhenshown.h"
#include "roles.h"
#include "rulemonitor.h"
#include "rules.h"
#include "statsquery.h"
#include "tabledefaults.h"
#include "theme.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <map>

namespace Spanwise {
namespace {

constexpr int spanRole = Qt::UserRole + 1;

// Attribute keys worth grouping by, most used first (the well-known ones lead).
QStringList groupingKeys(const TraceSet& set)
{
    std::map<std::uint32_t, std::size_t> uses;
    const auto spans = set.spans();
    const std::size_t step = std::max<std::size_t>(1, spans.size() / 20000); // a sample is enough to rank keys
    for (std::size_t i = 0; i < spans.size(); i += step)
        for (const Attribute& a : set.attributes(spans[i].attributes))
            if (a.type() == AttributeType::String || a.type() == AttributeType::Int || a.type() == AttributeType::Bool)
                ++uses[a.key().value];
    std::vector<std::pair<std::size_t, std::uint32_t>> ranked;
    for (const auto& [key, count] : uses)
        ranked.emplace_back(count, key);
    std::sort(ranked.rbegin(), ranked.rend());
    QStringList keys;
    for (const auto& [count, key] : ranked) {
        if (keys.size() >= 40)
            break;
        keys << toQString(set.text(StringId {key}));
    }
    return keys;
}

} // namespace

StatisticsView::StatisticsView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new OperationStatsModel(this))
    , m_proxy(new PassingFilterProxy(this))
    , m_table(new QTableView(this))
    , m_filter(new FilterBar(tr("Filter rows, e.g. p99>250ms errors>5% service=cart*"), true, this))
    , m_groupBy(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_histogram(new LatencyHistogram(this))
    , m_logScale(new QCheckBox(tr("Log scale"), this))
    , m_examples(new QListWidget(this))
    , m_work(new BackgroundWork(this))
    , m_computeWhenShown(new RefreshWhenShown(this, [this] { compute(); }))
{
    Q_ASSERT(session);
    m_filter->setObjectName(QStringLiteral("statisticsFilter"));
    m_filter->setScope(FilterScope::AllTraces);
    m_groupBy->setEditable(true);
    m_groupBy->setInsertPolicy(QComboBox::NoInsert);
    m_groupBy->setMinimumContentsLength(18);
    m_groupBy->setToolTip(
        tr("Group spans by service and operation, by service, or by the value of any attribute key (type one)"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    auto* exportCsvButton = new QPushButton(tr("Export CSV…"), this);
    auto* exportChartButton = new QPushButton(tr("Export chart…"), this);
    m_logScale->setChecked(true);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Group by"), this));
    controls->addWidget(m_groupBy);
    controls->addWidget(m_filter, 1);
    controls->addWidget(m_progress);
    controls->addWidget(m_status);
    controls->addWidget(exportCsvButton);
    auto* rulesButton = new QPushButton(tr("Rules…"), this);
    rulesButton->setObjectName(QStringLiteral("rulesButton"));
    rulesButton->setToolTip(tr("Latency and error rules, e.g. p95(service=\"checkout\") < 300ms: the rows and map "
                               "nodes a failing rule is about are marked"));
    controls->addWidget(rulesButton);
    connect(rulesButton, &QPushButton::clicked, this, &StatisticsView::editRules);
    connect(m_session, &TraceSession::ruleOutcomesChanged, this,
        [this] { m_model->setViolations(violationsOf(*m_session)); });

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Roles::Sort);
    m_table->setModel(m_proxy);
    applyTableDefaults(m_table, m_proxy);
    m_table->sortByColumn(OperationStatsModel::P99, Qt::DescendingOrder);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);

    auto* chartBox = new QWidget(this);
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    auto* chartControls = new QHBoxLayout;
    chartControls->addWidget(m_logScale);
    chartControls->addStretch(1);
    chartControls->addWidget(exportChartButton);
    chartLayout->addLayout(chartControls);
    chartLayout->addWidget(m_histogram, 1);
    auto* examplesBox = new QWidget(this);
    auto* examplesLayout = new QVBoxLayout(examplesBox);
    examplesLayout->setContentsMargins(0, 0, 0, 0);
    examplesLayout->addWidget(new QLabel(tr("Example spans (double-click to open)"), this));
    examplesLayout->addWidget(m_examples, 1);
    auto* bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(chartBox);
    bottom->addWidget(examplesBox);
    bottom->setSizes({700, 400});
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(bottom);
    split->setSizes({380, 320});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(split, 1);

    connect(m_filter, &FilterBar::scopeChanged, this, &StatisticsView::recompute);
    connect(m_filter, &FilterBar::queryChanged, this, &StatisticsView::applyFilter);
    connect(m_session, &TraceSession::loaded, this, &StatisticsView::loaded);
    recomputeWhenScopeMoves(
        this, *m_session, [this] { return m_filter->scope(); }, [this] { recompute(); });
    connect(m_session, &TraceSession::serviceStatisticsRequested, this, &StatisticsView::showService);
    connect(m_work, &BackgroundWork::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_work, &BackgroundWork::runningChanged, m_progress, &QProgressBar::setVisible);
    connect(m_groupBy, &QComboBox::activated, this, &StatisticsView::recompute);
    connect(m_groupBy->lineEdit(), &QLineEdit::returnPressed, this, &StatisticsView::recompute);
    connect(m_logScale, &QCheckBox::toggled, m_histogram, &LatencyHistogram::setLogScale);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { showRow(current.isValid() ? m_proxy->mapToSource(current).row() : -1); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        if (const OperationStats* row = m_model->row(m_proxy->mapToSource(index).row()))
            m_session->openSpan(row->slowest);
    });
    connect(m_examples, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { m_session->openSpan(SpanIndex {item->data(spanRole).toUInt()}); });
    connect(exportCsvButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Statistics"), QStringLiteral("statistics.csv"), tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            if (const QString error = exportCsvTo(path); !error.isEmpty())
                QMessageBox::warning(this, tr("Export failed"), error);
    });
    connect(exportChartButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Chart"), QStringLiteral("latency.png"), tr("PNG images (*.png);;SVG images (*.svg)"));
        if (!path.isEmpty())
            if (const QString error = exportChart(*m_histogram, path); !error.isEmpty())
                QMessageBox::warning(this, tr("Export failed"), error);
    });
}

void StatisticsView::loaded()
{
    const std::shared_ptr<const TraceSetPresentation>& presentation = m_session->presentation();
    const QSignalBlocker blocker(m_groupBy);
    const QString current = m_groupBy->currentText();
    m_groupBy->clear();
    m_groupBy->addItems({tr("Service and operation"), tr("Service")});
    if (presentation)
        m_groupBy->addItems(groupingKeys(presentation->set()));
    const int index = m_groupBy->findText(current);
    m_groupBy->setCurrentIndex(index >= 0 ? index : 0);
    recompute();
}

void StatisticsView::showService(ServiceId service)
{
    m_pendingService = service;
    setGrouping({StatsGrouping::By::Service, {}}, true);
}

void StatisticsView::setGrouping(const StatsGrouping& grouping, bool allTraces)
{
    const QSignalBlocker scopeBlocker(m_filter);
    const QSignalBlocker groupBlocker(m_groupBy);
    m_filter->setScope(allTraces ? FilterScope::AllTraces : FilterScope::SelectedTrace);
    switch (grouping.by) {
    case StatsGrouping::By::ServiceOperation:
        m_groupBy->setCurrentIndex(0);
        break;
    case StatsGrouping::By::Service:
        m_groupBy->setCurrentIndex(1);
        break;
    case StatsGrouping::By::Attribute:
        m_groupBy->setEditText(toQString(grouping.attributeKey));
        break;
    }
    recompute();
}

StatsGrouping StatisticsView::groupingFromControls() const
{
    const QString text = m_groupBy->currentText().trimmed();
    if (text.isEmpty() || text == tr("Service and operation"))
        return {StatsGrouping::By::ServiceOperation, {}};
    if (text == tr("Service"))
        return {StatsGrouping::By::Service, {}};
    return {StatsGrouping::By::Attribute, text.toStdString()};
}

// One rule per line, as `spanwise check --rules` reads them; a rule that does not parse is
// named with its line and column, and nothing changes until every line parses.
void StatisticsView::editRules()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Rules"));
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("One rule per line (# starts a comment), as for <tt>spanwise check --rules</tt>; "
                                    "see docs/analysis.md."),
        &dialog));
    auto* text = new QPlainTextEdit(&dialog);
    text->setPlainText(m_session->rules().join(QLatin1Char('\n')));
    text->setPlaceholderText(
        QStringLiteral("p95(service=\"checkout\") < 300ms\nerror_rate(service=\"payments\") < 1%"));
    layout->addWidget(text, 1);
    auto* problem = new QLabel(&dialog);
    problem->setStyleSheet(QStringLiteral("color: %1").arg(viewColors().errorText.name()));
    problem->setWordWrap(true);
    layout->addWidget(problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QPushButton* load = buttons->addButton(tr("Load File…"), QDialogButtonBox::ActionRole);
    connect(load, &QPushButton::clicked, &dialog, [&] {
        const QString path = QFileDialog::getOpenFileName(
            &dialog, tr("Load Rules"), QString(), tr("Rules (*.txt *.rules);;All files (*)"));
        QFile file(path);
        if (!path.isEmpty() && file.open(QIODevice::ReadOnly | QIODevice::Text))
            text->setPlainText(QString::fromUtf8(file.readAll()));
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    QStringList accepted;
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        accepted.clear();
        const QStringList lines = text->toPlainText().split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString rule = lines[i].section(QLatin1Char('#'), 0, 0).trimmed();
            if (rule.isEmpty())
                continue;
            if (const auto parsed = parseRule(rule.toStdString()); !parsed) {
                problem->setText(tr("Line %1, column %2: %3")
                                     .arg(i + 1)
                                     .arg(parsed.error().column)
                                     .arg(toQString(parsed.error().message)));
                return;
            }
            accepted << rule;
        }
        dialog.accept();
    });
    layout->addWidget(buttons);
    dialog.resize(620, 320);
    if (dialog.exec() == QDialog::Accepted)
        m_session->setRules(accepted);
}

bool StatisticsView::isComputing() const
{
    return m_work->isRunning() || m_computeWhenShown->isPending();
}

void StatisticsView::recompute()
{
    m_computeWhenShown->request();
}

void StatisticsView::compute()
{
    m_examples->clear();
    m_histogram->setDurations(QString(), {}, 0, 0, 0);
    const auto presentation = m_session->presentation();
    const bool selectedOnly = m_filter->scope() == FilterScope::SelectedTrace;
    if (!presentation || (selectedOnly && !m_session->trace().isValid())) {
        m_work->cancel();
        m_presentation = presentation;
        m_model->setResult(presentation, nullptr);
        m_status->setText(selectedOnly ? tr("select a trace") : QString());
        return;
    }
    const StatsGrouping grouping = groupingFromControls();
    StatsOptions options;
    const SpanScope scope = spanScopeOf(m_filter->scope(), *m_session);
    options.onlyTrace = scope.onlyTrace;
    options.onlyTraces = scope.onlyTraces;
    m_status->setText(tr("computing…"));
    m_work->run(
        [presentation, grouping, options](const WorkTicket& ticket) mutable {
            options.cancel = ticket.cancelFlag();
            options.progress = [ticket](double fraction) { ticket.setProgress(fraction); };
            return std::shared_ptr<const StatsResult>(
                std::make_shared<StatsResult>(computeOperationStats(presentation->set(), grouping, options)));
        },
        [this, presentation](const std::shared_ptr<const StatsResult>& result) { showResult(presentation, result); });
}

void StatisticsView::showResult(
    const std::shared_ptr<const TraceSetPresentation>& presentation, const std::shared_ptr<const StatsResult>& result)
{
    if (!result || result->cancelled)
        return;
    m_presentation = presentation;
    m_model->setResult(m_presentation, result);
    applyFilter();
    m_table->setColumnHidden(OperationStatsModel::Operation,
        m_model->headerData(OperationStatsModel::Operation, Qt::Horizontal, Roles::ColumnUnused).toBool());
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(
        OperationStatsModel::Operation, std::min(m_table->columnWidth(OperationStatsModel::Operation), 320));
    m_status->setText(
        tr("%1 spans in %2 groups").arg(QLocale().toString(qulonglong(result->spans))).arg(result->rows.size()));
    int select = 0;
    if (m_pendingService.isValid()) {
        for (int r = 0; r < m_proxy->rowCount(); ++r)
            if (const OperationStats* row = m_model->row(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
                row && row->service == m_pendingService)
                select = r;
        m_pendingService = {};
    }
    if (m_proxy->rowCount() > 0)
        m_table->setCurrentIndex(m_proxy->index(select, 0));
    emit statisticsReady();
}

void StatisticsView::applyFilter()
{
    const auto query = StatsQuery::compile(m_filter->query());
    if (!query) {
        m_filter->showError(query.error());
        return;
    }
    std::vector<bool> passing;
    if (!query->isEmpty() && m_presentation) {
        passing.resize(static_cast<std::size_t>(m_model->rowCount()));
        for (int r = 0; r < m_model->rowCount(); ++r)
            passing[static_cast<std::size_t>(r)] = query->matches(m_presentation->set(), *m_model->row(r));
    }
    m_proxy->setPassing(std::move(passing));
    m_filter->setStatus(
        m_model->rowCount() ? tr("%1 of %2 rows").arg(m_proxy->rowCount()).arg(m_model->rowCount()) : QString());
}

void StatisticsView::showRow(int sourceRow)
{
    m_examples->clear();
    const OperationStats* row = m_model->row(sourceRow);
    const StatsResult* result = m_model->result();
    if (!row || !result || !m_presentation) {
        m_histogram->setDurations(QString(), {}, 0, 0, 0);
        return;
    }
    const TraceSet& set = m_presentation->set();
    std::vector<std::int64_t> durations;
    durations.reserve(row->members.count);
    for (std::uint32_t i = row->members.begin; i < row->members.end(); ++i)
        durations.push_back(set.span(result->members[i]).durationNs);
    QString title = row->service.isValid() ? m_presentation->serviceName(row->service) : toQString(row->value);
    if (row->operation.isValid())
        title += QStringLiteral(": ") + m_presentation->text(row->operation);
    m_histogram->setDurations(
        tr("%1 — %2 spans").arg(title).arg(row->count), std::move(durations), row->p50Ns, row->p95Ns, row->p99Ns);
    const auto addExample = [&](const QString& label, SpanIndex span) {
        const Span& s = set.span(span);
        auto* item = new QListWidgetItem(
            QStringLiteral("%1  %2  %3: %4  (trace %5)")
                .arg(label, formatDuration(s.durationNs), m_presentation->serviceName(s.service),
                    m_presentation->text(s.operation), toQString(formatTraceId(s.traceId)).left(12)),
            m_examples);
        item->setData(spanRole, span.value);
        if (s.isError())
            item->setForeground(viewColors().errorText);
    };
    addExample(tr("Slowest"), row->slowest);
    addExample(tr("Median"), row->median);
    for (const SpanIndex failing : row->failing)
        addExample(tr("Failing"), failing);
}

QString StatisticsView::exportCsvTo(const QString& path) const
{
    return exportCsv(*m_proxy, path);
}

} // namespace Spanwise
