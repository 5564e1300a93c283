#include "logsview.h"

#include "flowlayout.h"
#include "formatting.h"
#include "logtablemodel.h"
#include "tabledefaults.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace Spanwise {
namespace {

// A record's text matches when the filter appears in its message, level, service or an
// attribute value, ignoring case.
bool mentions(const TraceSetPresentation& presentation, const LogRecord& log, const QString& text)
{
    if (text.isEmpty())
        return true;
    const TraceSet& set = presentation.set();
    if (presentation.text(log.body).contains(text, Qt::CaseInsensitive) ||
        presentation.text(log.service).contains(text, Qt::CaseInsensitive) ||
        presentation.text(log.severityText).contains(text, Qt::CaseInsensitive))
        return true;
    for (const Attribute& a : set.attributes(log.attributes))
        if (a.type() == AttributeType::String && presentation.text(a.text).contains(text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

LogsView::LogsView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_attachment(new QComboBox(this))
    , m_level(new QComboBox(this))
    , m_service(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_selectedTrace(new QCheckBox(tr("Selected trace only"), this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new LogTableModel(this))
    , m_typing(new QTimer(this))
{
    Q_ASSERT(session);
    m_attachment->addItem(tr("With their trace"), int(Attachment::Attached));
    m_attachment->addItem(tr("Trace not loaded, or none"), int(Attachment::Unattached));
    m_attachment->setToolTip(tr("Records whose trace is loaded, or the others (listed apart)"));
    m_level->addItem(tr("Any level"), 0);
    for (const auto& [name, number] : {std::pair {"DEBUG", 5}, {"INFO", 9}, {"WARN", 13}, {"ERROR", 17}, {"FATAL", 21}})
        m_level->addItem(tr("%1 and above").arg(QLatin1String(name)), number);
    m_service->addItem(tr("Every service"));
    m_service->setMinimumContentsLength(14);
    m_text->setPlaceholderText(tr("Filter the messages, e.g. timeout"));
    m_text->setClearButtonEnabled(true);
    auto* filters = new FlowLayout;
    filters->addWidget(m_attachment);
    filters->addWidget(m_level);
    filters->addWidget(m_service);
    filters->addWidget(m_text);
    filters->addWidget(m_selectedTrace);
    m_text->setMinimumWidth(260);

    m_table->setModel(m_model);
    applyTableDefaults(m_table, m_model);
    m_table->setSortingEnabled(false); // in time order, as a log reads
    m_table->horizontalHeader()->setSectionResizeMode(LogTableModel::MessageColumn, QHeaderView::Stretch);
    m_summary->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);

    m_typing->setSingleShot(true);
    m_typing->setInterval(300);
    connect(m_typing, &QTimer::timeout, this, &LogsView::applyFilters);
    connect(m_text, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_text, &QLineEdit::returnPressed, this, &LogsView::applyFilters);
    for (QComboBox* box : {m_attachment, m_level, m_service})
        connect(box, &QComboBox::currentIndexChanged, this, &LogsView::applyFilters);
    connect(m_selectedTrace, &QCheckBox::toggled, this, &LogsView::applyFilters);
    connect(m_session, &TraceSession::navigated, this, [this] {
        if (m_selectedTrace->isChecked())
            applyFilters();
    });
    connect(m_table, &QTableView::activated, this, &LogsView::openRecord);
    connect(m_session, &TraceSession::loaded, this, &LogsView::loaded);
    applyFilters();
}

void LogsView::setAttachment(Attachment shown)
{
    m_attachment->setCurrentIndex(m_attachment->findData(int(shown)));
}

void LogsView::setFilterText(const QString& text)
{
    m_text->setText(text);
    applyFilters();
}

QString LogsView::summary() const
{
    return m_summary->text();
}

void LogsView::loaded()
{
    m_presentation = m_session->presentation();
    const QSignalBlocker blocker(m_service);
    while (m_service->count() > 1)
        m_service->removeItem(1);
    if (m_presentation) {
        std::set<QString> names;
        for (const LogRecord& log : m_presentation->set().logs())
            if (const QString& name = m_presentation->text(log.service); !name.isEmpty())
                names.insert(name);
        for (const QString& name : names)
            m_service->addItem(name);
    }
    applyFilters();
}

void LogsView::applyFilters()
{
    m_typing->stop();
    std::vector<std::uint32_t> shown;
    std::size_t total = 0, attached = 0;
    if (m_presentation) {
        const TraceSet& set = m_presentation->set();
        const bool wantAttached = m_attachment->currentData().toInt() == int(Attachment::Attached);
        const int level = m_level->currentData().toInt();
        const QString service = m_service->currentIndex() > 0 ? m_service->currentText() : QString();
        const QString text = m_text->text().trimmed();
        const TraceIndex trace = m_session->trace();
        const bool onlyTrace = m_selectedTrace->isChecked();
        total = set.logs().size();
        attached = set.attachedLogCount();
        for (std::uint32_t i = 0; i < set.logs().size(); ++i) {
            const LogRecord& log = set.logs()[i];
            if (log.trace.isValid() != wantAttached || (level > 0 && log.severityNumber < level) ||
                (onlyTrace && log.trace != trace) ||
                (!service.isEmpty() && m_presentation->text(log.service) != service) ||
                !mentions(*m_presentation, log, text))
                continue;
            shown.push_back(i);
        }
        // Time order; records without a time last, in the order they were read.
        std::stable_sort(shown.begin(), shown.end(), [&set](std::uint32_t a, std::uint32_t b) {
            const LogRecord& x = set.logs()[a];
            const LogRecord& y = set.logs()[b];
            return x.hasTime != y.hasTime ? x.hasTime : x.hasTime && x.timeNs < y.timeNs;
        });
    }
    m_summary->setText(total == 0
            ? tr("No log records are loaded. Open log files with the traces (File ▸ Add Files, or drop them): "
                 "OTLP logs, or JSON Lines logs carrying trace_id and span_id.")
            : tr("%1 shown. Of %2: %3 with their trace loaded, %4 whose trace is not loaded or that carry no "
                 "trace context. Double-click a record to open its span.")
                  .arg(countText(static_cast<std::int64_t>(shown.size()), u"record", u"records"),
                      countText(static_cast<std::int64_t>(total), u"log record", u"log records"))
                  .arg(attached)
                  .arg(total - attached));
    m_model->setRecords(m_presentation, std::move(shown));
    m_table->resizeColumnToContents(LogTableModel::TimeColumn);
    m_table->resizeColumnToContents(LogTableModel::LevelColumn);
    m_table->resizeColumnToContents(LogTableModel::ServiceColumn);
    m_table->resizeColumnToContents(LogTableModel::TraceColumn);
    m_table->resizeColumnToContents(LogTableModel::SpanColumn);
}

void LogsView::openRecord(const QModelIndex& index)
{
    if (!index.isValid() || !m_presentation)
        return;
    const LogRecord& log = m_presentation->set().logs()[m_model->recordAt(index.row())];
    if (log.span.isValid())
        m_session->openSpan(log.span);
    else if (log.trace.isValid())
        m_session->selectTrace(log.trace);
}

} // namespace Spanwise
