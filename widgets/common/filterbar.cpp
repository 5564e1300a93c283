#include "filterbar.h"

#include "formatting.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

namespace Spanwise {

void addScopeItems(QComboBox* box)
{
    box->addItem(FilterBar::tr("Selected trace"), int(FilterScope::SelectedTrace));
    box->addItem(FilterBar::tr("Filtered traces"), int(FilterScope::MatchingTraces));
    box->addItem(FilterBar::tr("All traces"), int(FilterScope::AllTraces));
    box->setItemData(0, FilterBar::tr("The trace selected in the list"), Qt::ToolTipRole);
    box->setItemData(1, FilterBar::tr("The traces the trace list's filter passes"), Qt::ToolTipRole);
    box->setItemData(2, FilterBar::tr("Everything loaded"), Qt::ToolTipRole);
}

SpanScope spanScopeOf(FilterScope scope, const TraceSession& session)
{
    switch (scope) {
    case FilterScope::SelectedTrace:
        return {session.trace().isValid() ? std::optional(session.trace()) : std::nullopt,
            std::make_shared<const std::vector<bool>>(
                session.presentation() ? session.presentation()->set().traces().size() : 0, false)};
    case FilterScope::MatchingTraces:
        return {std::nullopt, session.matchingTraces()};
    case FilterScope::AllTraces:
        break;
    }
    return {};
}

bool followsSelection(FilterScope scope)
{
    return scope == FilterScope::SelectedTrace;
}

bool followsTraceFilter(FilterScope scope)
{
    return scope == FilterScope::MatchingTraces;
}

void recomputeWhenScopeMoves(
    QObject* receiver, const TraceSession& session, std::function<FilterScope()> scope, std::function<void()> recompute)
{
    QObject::connect(&session, &TraceSession::navigated, receiver, [scope, recompute] {
        if (followsSelection(scope()))
            recompute();
    });
    QObject::connect(&session, &TraceSession::matchingTracesChanged, receiver, [scope, recompute] {
        if (followsTraceFilter(scope()))
            recompute();
    });
}

FilterScope scopeIn(const QComboBox* box)
{
    return FilterScope(box->currentData().toInt());
}

FilterBar::FilterBar(const QString& placeholder, bool withScope, QWidget* parent)
    : QWidget(parent)
    , m_field(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (withScope) {
        m_scope = new QComboBox(this);
        m_scope->setObjectName(QStringLiteral("filterScope"));
        addScopeItems(m_scope);
        m_scope->setToolTip(tr("Rows of the selected trace, of the traces the trace list's filter passes, or of "
                               "everything loaded"));
        layout->addWidget(m_scope);
        connect(m_scope, &QComboBox::currentIndexChanged, this, [this] { emit scopeChanged(scope()); });
    }
    m_field->setObjectName(QStringLiteral("filterField"));
    m_field->setPlaceholderText(placeholder);
    m_field->setClearButtonEnabled(true);
    m_help = tr("<p>Terms, all of which must hold:</p>"
                "<p><b>word</b> or <b>\"a phrase\"</b> — text anywhere (case ignored)<br>"
                "<b>service=front*</b> — a field, * matches anything<br>"
                "<b>duration&gt;250ms</b>, <b>http.status_code&gt;=500</b> — comparisons "
                "(= != &lt; &lt;= &gt; &gt;=; ns us ms s m h; %)<br>"
                "<b>error=true</b>, <b>kind=server</b>, <b>key=*</b> (has the attribute)</p>"
                "<p>Enter applies at once. The full language: docs/query.md.</p>");
    m_field->setToolTip(m_help);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_status);

    // One pause for every filter: refiltering a million rows per key press would stall typing.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(debounceMs);
    connect(m_field, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &FilterBar::apply);
    connect(m_field, &QLineEdit::returnPressed, this, [this] {
        m_debounce->stop();
        apply();
    });
}

QString FilterBar::text() const
{
    return m_field->text();
}

void FilterBar::setText(const QString& text)
{
    m_field->setText(text);
    m_debounce->stop();
    apply();
}

FilterScope FilterBar::scope() const
{
    return m_scope ? scopeIn(m_scope) : FilterScope::AllTraces;
}

void FilterBar::setScope(FilterScope scope)
{
    if (m_scope)
        m_scope->setCurrentIndex(m_scope->findData(int(scope)));
}

void FilterBar::setStatus(const QString& status)
{
    m_status->setText(status);
}

void FilterBar::focusField()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void FilterBar::showError(const QueryError& error)
{
    const QString message = toQString(error.message);
    m_field->setProperty("queryError", true);
    m_field->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c01c28; }"));
    m_field->setToolTip(tr("At character %1: %2").arg(error.position + 1).arg(message));
    m_status->setText(tr("⚠ %1").arg(message));
}

void FilterBar::apply()
{
    const QString text = m_field->text();
    auto parsed = parseQuery(text.toStdString());
    if (!parsed) {
        showError(parsed.error());
        return;
    }
    m_field->setProperty("queryError", false);
    m_field->setStyleSheet(QString());
    m_field->setToolTip(m_help);
    m_query = std::move(*parsed);
    emit queryChanged(m_query);
}

} // namespace Spanwise
