#include "diagnosticsview.h"

#include "backgroundwork.h"
#include "formatting.h"
#include "hexid.h"
#include "refreshwhenshown.h"
#include "sampling.h"
#include "theme.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace Spanwise {
namespace {

constexpr int spanRole = Qt::UserRole + 1;
constexpr int traceRole = Qt::UserRole + 2;
const QString correctionKey = QStringLiteral("view/correctClockSkew");

QString offsetText(std::int64_t ns)
{
    return (ns < 0 ? QStringLiteral("−") : QStringLiteral("+")) + formatDuration(std::abs(ns));
}

} // namespace

struct DiagnosticsView::Computed {
    std::shared_ptr<const TraceSetPresentation> presentation;
    ClockSkewEstimate skew;
    PropagationFindings propagation;
    SamplingFacts sampling;
};

DiagnosticsView::DiagnosticsView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_correct(new QCheckBox(tr("Correct clock skew"), this))
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_work(new BackgroundWork(this))
    , m_diagnoseWhenShown(new RefreshWhenShown(this, [this] { diagnose(); }))
{
    Q_ASSERT(session);
    m_correct->setObjectName(QStringLiteral("correctClockSkew"));
    m_correct->setToolTip(tr("Move the spans of every host whose clock is off by more than 1 ms by its estimated "
                             "offset, in every view; off shows the times as recorded"));
    m_summary->setWordWrap(true);
    m_tree->setHeaderLabels({tr("Finding"), tr("Detail")});
    m_tree->setUniformRowHeights(true);
    m_tree->setToolTip(tr("Double-click a span to open it in the waterfall"));
    auto* top = new QHBoxLayout;
    top->addWidget(m_correct);
    top->addWidget(m_summary, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);

    connect(m_session, &TraceSession::loaded, this, [this] {
        // Diagnosed only when seen, unless the remembered skew switch needs the skew at once to
        // correct the new load.
        if (QSettings().value(correctionKey).toBool())
            diagnose();
        else
            m_diagnoseWhenShown->request();
    });
    connect(m_correct, &QCheckBox::toggled, this, &DiagnosticsView::setCorrection);
    // The switch is remembered: the next load with skewed hosts is corrected as it arrives.
    connect(m_correct, &QCheckBox::toggled, this, [](bool on) { QSettings().setValue(correctionKey, on); });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (const QVariant span = item->data(0, spanRole); span.isValid())
            m_session->openSpan(SpanIndex {span.toUInt()});
        else if (const QVariant trace = item->data(0, traceRole); trace.isValid())
            m_session->selectTrace(TraceIndex {trace.toUInt()});
    });
}

bool DiagnosticsView::isComputing() const
{
    return m_work->isRunning() || m_diagnoseWhenShown->isPending();
}

void DiagnosticsView::diagnose()
{
    const std::shared_ptr<const TraceSetPresentation>& presentation = m_session->presentation();
    if (presentation == m_raw || (presentation && presentation == m_corrected))
        return; // the correction switched: the findings stand
    m_raw = presentation;
    m_corrected.reset();
    {
        const QSignalBlocker blocker(m_correct);
        m_correct->setChecked(false);
    }
    m_correct->setEnabled(false); // until the skew is known
    m_tree->clear();
    m_summary->setText(presentation ? tr("Diagnosing…") : QString());
    if (!presentation) {
        m_work->cancel();
        return;
    }
    m_work->run(
        [presentation](const WorkTicket&) {
            auto computed = std::make_shared<Computed>();
            computed->presentation = presentation;
            computed->skew = estimateClockSkew(presentation->set());
            computed->propagation = findPropagationProblems(presentation->set());
            computed->sampling = samplingFacts(presentation->set());
            return computed;
        },
        [this](const std::shared_ptr<Computed>& computed) { show(*computed); });
}

QTreeWidgetItem* DiagnosticsView::section(const QString& title, std::size_t count)
{
    auto* item = new QTreeWidgetItem(m_tree, {title, QLocale().toString(qulonglong(count))});
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    return item;
}

QTreeWidgetItem* DiagnosticsView::spanItem(QTreeWidgetItem* parent, SpanIndex span, const QString& what)
{
    const TraceSetPresentation& p = *m_raw;
    const Span& s = p.set().span(span);
    auto* item = new QTreeWidgetItem(parent,
        {p.serviceName(s.service) + QStringLiteral(": ") + p.text(s.operation),
            what + (what.isEmpty() ? QString() : QStringLiteral(" · ")) +
                tr("trace %1").arg(toQString(formatTraceId(s.traceId)).left(16))});
    item->setData(0, spanRole, span.value);
    return item;
}

void DiagnosticsView::show(const Computed& computed)
{
    m_skew = computed.skew;
    const ViewColors& colors = viewColors();
    m_tree->clear();

    // Clock skew: every host with pairs, the flagged ones marked.
    std::size_t flagged = 0;
    const HostClock* worst = nullptr;
    for (const HostClock& host : m_skew.hosts)
        if (host.flagged) {
            ++flagged;
            if (!worst || std::abs(host.offsetNs) > std::abs(worst->offsetNs))
                worst = &host;
        }
    QTreeWidgetItem* skew = section(tr("Clock skew by host"), flagged);
    for (const HostClock& host : m_skew.hosts) {
        auto* item = new QTreeWidgetItem(skew,
            {toQString(host.host) + QStringLiteral(" (") + toQString(host.service) + QLatin1Char(')'),
                host.reference ? tr("reference, %1 pairs").arg(host.pairs)
                               : tr("%1 over %2 pairs").arg(offsetText(host.offsetNs)).arg(host.pairs)});
        if (host.flagged)
            item->setForeground(1, colors.errorText);
    }
    skew->setExpanded(true);
    m_correct->setEnabled(flagged > 0);
    if (flagged > 0 && !m_correct->isChecked() && QSettings().value(correctionKey).toBool())
        m_correct->setChecked(true);
    m_summary->setText(worst ? tr("Clocks off by more than 1 ms: %1; the furthest: %2 on %3.")
                                   .arg(countText(static_cast<std::int64_t>(flagged), u"host", u"hosts"),
                                       offsetText(worst->offsetNs), toQString(worst->host))
                             : tr("No host's clock is off by more than 1 ms."));

    // Propagation.
    const PropagationFindings& f = computed.propagation;
    QTreeWidgetItem* orphans = section(tr("Spans whose parent is not loaded"), f.orphanSpans.size());
    for (const SpanIndex s : f.orphanSpans)
        spanItem(orphans, s, tr("parent %1 expected").arg(toQString(formatSpanId(m_raw->set().span(s).parentSpanId))));
    QTreeWidgetItem* roots = section(tr("Traces with several roots"), f.multiRootTraces.size());
    for (const TraceIndex t : f.multiRootTraces) {
        const TraceInfo& info = m_raw->set().trace(t);
        auto* item = new QTreeWidgetItem(
            roots, {toQString(formatTraceId(info.id)), countText(info.spanCount(), u"span", u"spans")});
        item->setData(0, traceRole, t.value);
    }
    QTreeWidgetItem* split = section(tr("Traces split apart (the trace id was not passed on)"), f.splitTraces.size());
    for (const auto& [server, client] : f.splitTraces) {
        QTreeWidgetItem* item = spanItem(split, server, tr("server"));
        spanItem(item, client, tr("its client, in another trace"));
    }
    QTreeWidgetItem* extracting = section(tr("Services that do not extract context"), f.notExtractingServices.size());
    for (const std::string& service : f.notExtractingServices) {
        auto* item =
            new QTreeWidgetItem(extracting, {toQString(service), tr("called, but every call starts a new trace")});
        // Clicks through to one of those calls: the service's first server or consumer span.
        const TraceSet& set = m_raw->set();
        for (std::uint32_t i = 0; i < set.spans().size(); ++i) {
            const Span& span = set.spans()[i];
            if ((span.kind == SpanKind::Server || span.kind == SpanKind::Consumer) &&
                set.serviceName(span.service) == service) {
                item->setData(0, spanRole, i);
                break;
            }
        }
    }
    QTreeWidgetItem* outside = section(tr("Links to traces not loaded"), f.linksOutside.size());
    for (const SpanIndex s : f.linksOutside)
        spanItem(outside, s, QString());

    // Anomalies, most severe first; a double-click opens where to look.
    const std::vector<Anomaly>& anomalies = m_raw->anomalies();
    QTreeWidgetItem* found = section(tr("Anomalies (double-click: the likely cause)"), anomalies.size());
    for (const Anomaly& anomaly : anomalies) {
        QTreeWidgetItem* item = spanItem(found, anomaly.span, toQString(anomaly.reason));
        if (anomaly.cause.isValid())
            item->setData(0, spanRole, anomaly.cause.value);
    }
    found->setExpanded(true);
    QTreeWidgetItem* sampling = showSampling(computed.sampling);
    for (QTreeWidgetItem* s : {orphans, roots, split, extracting, outside, sampling})
        s->setExpanded(s->childCount() > 0 && s->childCount() <= 20);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    emit diagnosed();
}

// Per root service, the probability its traces were kept with, where the data records one (the
// head-sampling decision is its root's); and how many spans say they were not sampled.
QTreeWidgetItem* DiagnosticsView::showSampling(const SamplingFacts& facts)
{
    std::size_t known = 0;
    for (const ServiceSampling& service : facts.services)
        known += service.known > 0 ? 1 : 0;
    QTreeWidgetItem* item = section(tr("Sampling by root service (where recorded)"), known);
    const auto percent = [](double p) { return QStringLiteral("%1 %").arg(100 * p, 0, 'g', 3); };
    for (const ServiceSampling& service : facts.services) {
        QString detail;
        if (service.known == 0) {
            detail = tr("%1: no sampling recorded").arg(countText(qint64(service.traces), u"trace", u"traces"));
        } else {
            const QString probability = service.minProbability == service.maxProbability
                ? percent(service.minProbability)
                : percent(service.minProbability) + QStringLiteral(" – ") + percent(service.maxProbability);
            detail = tr("kept %1 (%2), in %3 of %4; each kept trace stands for about %5")
                         .arg(probability, toQString(samplingSourceName(service.source, service.sampler)))
                         .arg(service.known)
                         .arg(countText(qint64(service.traces), u"trace", u"traces"))
                         .arg(service.minProbability > 0 ? QString::number(1 / service.minProbability, 'g', 3)
                                                         : QStringLiteral("∞"));
        }
        new QTreeWidgetItem(item, {m_raw->serviceName(service.service), detail});
    }
    if (facts.unsampledSpans > 0)
        new QTreeWidgetItem(item,
            {tr("Sampled flag clear"),
                tr("%1 of %2 spans with trace flags say they were not sampled (recorded only)")
                    .arg(facts.unsampledSpans)
                    .arg(facts.spansWithFlags)});
    return item;
}

void DiagnosticsView::setCorrection(bool on)
{
    if (!m_raw)
        return;
    if (!on) {
        m_session->replacePresentation(m_raw);
        emit correctionApplied(false);
        return;
    }
    if (m_corrected) {
        m_session->replacePresentation(m_corrected);
        emit correctionApplied(true);
        return;
    }
    m_summary->setText(tr("Correcting…"));
    m_work->run(
        [raw = m_raw, skew = m_skew](const WorkTicket&) {
            std::vector<std::int64_t> shifts = skewCorrections(raw->set(), skew);
            auto corrected = std::make_shared<TraceSetPresentation>(raw->set().withShiftedSpans(shifts));
            corrected->markAnomalies(raw->anomalies());
            corrected->markClockCorrection(std::move(shifts));
            return std::shared_ptr<const TraceSetPresentation>(std::move(corrected));
        },
        [this](const std::shared_ptr<const TraceSetPresentation>& corrected) {
            m_corrected = corrected;
            m_summary->setText(tr("Clock skew corrected: moved spans are marked in the waterfall."));
            if (m_correct->isChecked())
                m_session->replacePresentation(m_corrected);
            emit correctionApplied(true);
        });
}

} // namespace Spanwise
