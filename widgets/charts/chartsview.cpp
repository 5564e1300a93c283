#include "chartsview.h"

#include "backgroundwork.h"
#include "chartexport.h"
#include "filterbar.h"
#include "refreshwhenshown.h"
#include "servicecharts.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace Spanwise {
namespace {

// A chart with an export button above it.
QWidget* withExport(QChartView* chart, const QString& name, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* button = new QPushButton(QObject::tr("Export chart…"), box);
    button->setToolTip(QObject::tr("Save this chart as PNG or SVG"));
    QObject::connect(button, &QPushButton::clicked, box, [chart, name, box] {
        const QString path = QFileDialog::getSaveFileName(box, QObject::tr("Export Chart"),
            name + QStringLiteral(".png"), QObject::tr("PNG images (*.png);;SVG images (*.svg)"));
        if (!path.isEmpty())
            if (const QString error = exportChart(*chart, path); !error.isEmpty())
                QMessageBox::warning(box, QObject::tr("Export failed"), error);
    });
    layout->addWidget(button, 0, Qt::AlignRight);
    // Three charts share the tab: each may shrink, so the window still fits a laptop screen.
    chart->setMinimumSize(160, 120);
    layout->addWidget(chart, 1);
    return box;
}

} // namespace

ChartsView::ChartsView(TraceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_scope(new QComboBox(this))
    , m_calls(new ServiceRateChart(false, this))
    , m_failures(new ServiceRateChart(true, this))
    , m_selfTime(new SelfTimeChart(this))
    , m_work(new BackgroundWork(this))
    , m_update(new RefreshWhenShown(this, [this] { refresh(); }))
{
    Q_ASSERT(session);
    addScopeItems(m_scope);
    m_scope->setCurrentIndex(m_scope->findData(int(FilterScope::AllTraces)));
    m_scope->setToolTip(tr("Which traces the call rates count"));
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Calls of"), this));
    controls->addWidget(m_scope);
    controls->addStretch(1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(withExport(m_calls, QStringLiteral("calls-per-second"), this));
    split->addWidget(withExport(m_failures, QStringLiteral("failing-calls-per-second"), this));
    split->addWidget(withExport(m_selfTime, QStringLiteral("self-time-per-service"), this));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(split, 1);
    // Charts are drawn only while the tab is shown; what changed while hidden waits for it.
    connect(session, &TraceSession::loaded, m_update, &RefreshWhenShown::request);
    connect(session, &TraceSession::navigated, m_update, &RefreshWhenShown::request);
    recomputeWhenScopeMoves(
        this, *session, [this] { return scope(); }, [this] { m_update->request(); });
    connect(m_scope, &QComboBox::currentIndexChanged, m_update, &RefreshWhenShown::request);
}

FilterScope ChartsView::scope() const
{
    return scopeIn(m_scope);
}

void ChartsView::setScope(FilterScope scope)
{
    m_scope->setCurrentIndex(m_scope->findData(int(scope)));
}

bool ChartsView::isComputing() const
{
    return m_work->isRunning() || m_update->isPending();
}

// Counting calls and self times passes over every span in scope: on the worker. The charts
// only draw what it returns.
void ChartsView::refresh()
{
    struct Data {
        ServiceCallRates rates;
        std::vector<std::int64_t> selfTimes;
    };
    const auto presentation = m_session->presentation();
    if (!presentation) {
        m_work->cancel();
        m_calls->setRates(nullptr, {});
        m_failures->setRates(nullptr, {});
        m_selfTime->setSelfTimes(nullptr, {});
        emit chartsReady();
        return;
    }
    m_work->run(
        [presentation, scope = spanScopeOf(scope(), *m_session), trace = m_session->trace()](const WorkTicket&) {
            auto data = std::make_shared<Data>();
            const TraceSet& set = presentation->set();
            data->rates = computeServiceRates(set, scope);
            if (trace.isValid())
                data->selfTimes = selfTimePerService(set, trace);
            return data;
        },
        [this, presentation](const std::shared_ptr<Data>& data) {
            m_calls->setRates(presentation, std::move(data->rates.calls));
            m_failures->setRates(presentation, std::move(data->rates.failures));
            m_selfTime->setSelfTimes(presentation, std::move(data->selfTimes));
            emit chartsReady();
        });
}

} // namespace Spanwise
