#include "rawjsonview.h"

#include "backgroundwork.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Spanwise {

RawJsonView::RawJsonView(TraceSession* session, RawRecordReader reader, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_reader(std::move(reader))
    , m_wholeTrace(new QCheckBox(tr("&Whole trace"), this))
    , m_status(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_work(new BackgroundWork(this))
{
    Q_ASSERT(session && m_reader);
    m_wholeTrace->setToolTip(tr("Every span of the selected trace, as one JSON array in trace order"));
    auto* copy = new QPushButton(tr("&Copy"), this);
    copy->setToolTip(tr("Copy the JSON shown"));
    m_status->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("rawJson"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_wholeTrace);
    bar->addWidget(copy);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);

    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_text->toPlainText()); });
    connect(m_wholeTrace, &QCheckBox::toggled, this, [this] {
        m_stale = true;
        refresh();
    });
    connect(m_session, &TraceSession::loaded, this, [this](const auto& presentation) {
        m_presentation = presentation;
        m_stale = true;
        refresh();
    });
    connect(m_session, &TraceSession::navigated, this, &RawJsonView::refresh);
}

RawJsonView::~RawJsonView() = default;

QString RawJsonView::text() const
{
    return m_text->toPlainText();
}

bool RawJsonView::isReading() const
{
    return m_work->isRunning();
}

void RawJsonView::setWholeTrace(bool whole)
{
    m_wholeTrace->setChecked(whole);
}

void RawJsonView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void RawJsonView::refresh()
{
    if (!isVisible())
        return; // read when shown: a hidden tab touches no file
    const bool whole = m_wholeTrace->isChecked();
    const TraceIndex trace = m_session->trace();
    const SpanIndex span = m_session->span();
    if (!m_stale && trace == m_shownTrace && (whole || span == m_shownSpan))
        return;
    m_stale = false;
    m_shownTrace = trace;
    m_shownSpan = span;
    if (!m_presentation || (whole ? !trace.isValid() : !span.isValid())) {
        m_work->cancel();
        m_text->clear();
        m_status->setText(whole ? tr("Select a trace to see its records.") : tr("Select a span to see its record."));
        emit shown();
        return;
    }
    std::vector<SpanIndex> spans;
    if (whole) {
        const auto inTrace = m_presentation->set().forest().spansOf(m_presentation->set().trace(trace));
        spans.assign(inTrace.begin(), inTrace.end());
    } else {
        spans.push_back(span);
    }
    m_status->setText(tr("Reading the file…"));
    m_work->run(
        [presentation = m_presentation, reader = m_reader, spans](
            const WorkTicket&) { return std::make_shared<std::vector<RawRecord>>(reader(presentation->set(), spans)); },
        [this, whole](const std::shared_ptr<std::vector<RawRecord>>& records) {
            QStringList texts, errors;
            bool converted = false;
            for (const RawRecord& record : *records) {
                if (!record.error.isEmpty())
                    errors << record.error;
                else
                    texts << record.json;
                converted = converted || record.converted;
            }
            errors.removeDuplicates();
            if (whole) {
                // One JSON array, each record indented under it.
                for (QString& text : texts)
                    text = QStringLiteral("  ") + text.replace(QLatin1Char('\n'), QStringLiteral("\n  "));
                m_text->setPlainText(QStringLiteral("[\n") + texts.join(QStringLiteral(",\n")) + QStringLiteral("\n]"));
            } else {
                m_text->setPlainText(texts.value(0));
            }
            QString status = whole ? tr("%n record(s) of the trace as read from the file", nullptr, int(texts.size()))
                                   : tr("The span's record as read from the file");
            if (converted)
                status += tr(" (OTLP protobuf, shown in the OTLP JSON mapping)");
            if (!errors.isEmpty())
                status += QStringLiteral(" — ") + errors.join(QStringLiteral("; "));
            m_status->setText(status);
            emit shown();
        });
}

} // namespace Spanwise
