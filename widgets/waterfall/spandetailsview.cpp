#include "spandetailsview.h"

#include "formatting.h"
#include "hexid.h"
#include "linkindex.h"
#include "selftime.h"
#include "theme.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "treesection.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>

namespace Spanwise {
namespace {

constexpr int targetRole = Qt::UserRole + 1; // SpanIndex value of a link item's target

QString kindName(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Internal:
        return QStringLiteral("internal");
    case SpanKind::Server:
        return QStringLiteral("server");
    case SpanKind::Client:
        return QStringLiteral("client");
    case SpanKind::Producer:
        return QStringLiteral("producer");
    case SpanKind::Consumer:
        return QStringLiteral("consumer");
    case SpanKind::Unspecified:
        break;
    }
    return QStringLiteral("unspecified");
}

} // namespace

SpanDetailsView::SpanDetailsView(QWidget* parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_filter->setPlaceholderText(tr("Filter attributes"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Field"), tr("Value")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setWordWrap(false);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    layout->addWidget(m_tree);

    connect(m_filter, &QLineEdit::textChanged, this, &SpanDetailsView::applyFilter);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QVariant target = item->data(0, targetRole);
        if (target.isValid())
            emit spanActivated(SpanIndex {target.toUInt()});
    });
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint& point) {
        QMenu menu(this);
        menu.addAction(tr("Copy value"), this, &SpanDetailsView::copyCurrent);
        if (m_span.isValid()) {
            menu.addAction(tr("Copy link to this span"), this, [this] { emit copyLinkRequested(m_span); });
            menu.addAction(tr("Show raw JSON"), this, [this] { emit rawJsonRequested(m_span); });
        }
        menu.exec(m_tree->viewport()->mapToGlobal(point));
    });
    auto* copy = new QAction(this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &SpanDetailsView::copyCurrent);
    m_tree->addAction(copy);
}

void SpanDetailsView::setPresentation(std::shared_ptr<const TraceSetPresentation> presentation)
{
    m_presentation = std::move(presentation);
    showSpan({});
}

QTreeWidgetItem* SpanDetailsView::section(const QString& title, int count)
{
    return addTreeSection(m_tree, count >= 0 ? QStringLiteral("%1 (%2)").arg(title).arg(count) : title);
}

QTreeWidgetItem* SpanDetailsView::addRow(QTreeWidgetItem* parent, const QString& key, const QString& value)
{
    auto* item = new QTreeWidgetItem(parent, {key, value});
    item->setToolTip(1, value.size() > 60 ? value : QString());
    return item;
}

QString SpanDetailsView::valueText(const Attribute& a, int depth) const
{
    const TraceSet& set = m_presentation->set();
    switch (a.type()) {
    case AttributeType::String:
        return m_presentation->text(a.text);
    case AttributeType::Bool:
        return a.boolean ? QStringLiteral("true") : QStringLiteral("false");
    case AttributeType::Int:
        return QString::number(a.integer);
    case AttributeType::Double:
        return QString::number(a.real, 'g', 15);
    case AttributeType::Bytes:
        return QStringLiteral("0x") +
            QString::fromLatin1(QByteArray::fromStdString(std::string(set.text(a.text))).toHex());
    case AttributeType::Array: {
        QStringList parts;
        if (depth < 4)
            for (const Attribute& child : set.attributes(a.children))
                parts << valueText(child, depth + 1);
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case AttributeType::KeyValueList:
        return tr("{%n entries}", nullptr, static_cast<int>(a.children.count));
    case AttributeType::Empty:
        break;
    }
    return QStringLiteral("(empty)");
}

void SpanDetailsView::addAttributes(QTreeWidgetItem* parent, Range attributes, int depth)
{
    for (const Attribute& a : m_presentation->set().attributes(attributes)) {
        QTreeWidgetItem* item = addRow(parent, m_presentation->text(a.key()), valueText(a, depth));
        if (a.type() == AttributeType::KeyValueList && depth < 8) {
            addAttributes(item, a.children, depth + 1);
            item->setExpanded(true);
        }
    }
}

QTreeWidgetItem* SpanDetailsView::addSpanReference(
    QTreeWidgetItem* parent, const QString& kind, SpanIndex target, const QString& fallback)
{
    if (!target.isValid())
        return addRow(parent, kind, fallback + tr(" (not loaded)"));
    const Span& span = m_presentation->set().span(target);
    QTreeWidgetItem* item = addRow(parent, kind,
        m_presentation->serviceName(span.service) + QStringLiteral(": ") + m_presentation->text(span.operation) +
            QStringLiteral("  →"));
    item->setData(0, targetRole, target.value);
    item->setToolTip(1, tr("Double-click or press Enter to go to this span"));
    item->setForeground(1, viewColors().accent);
    return item;
}

void SpanDetailsView::showSpan(SpanIndex index)
{
    m_span = index;
    m_tree->clear();
    if (!m_presentation || !index.isValid())
        return;
    const TraceSet& set = m_presentation->set();
    const Span& span = set.span(index);
    const TraceIndex traceIndex = set.forest().traceOf(index);
    const TraceInfo& trace = set.trace(traceIndex);

    QTreeWidgetItem* overview = section(tr("Span"));
    addRow(overview, tr("Service"), m_presentation->serviceName(span.service));
    addRow(overview, tr("Operation"), m_presentation->text(span.operation));
    addRow(overview, tr("Kind"), kindName(span.kind));
    const QString status = span.status == StatusCode::Error ? tr("error")
        : span.status == StatusCode::Ok                     ? tr("ok")
                                                            : tr("unset");
    QTreeWidgetItem* statusItem = addRow(overview, tr("Status"), status);
    if (span.isError())
        statusItem->setForeground(1, viewColors().errorText);
    if (span.statusMessage.isValid() && !set.text(span.statusMessage).empty())
        addRow(overview, tr("Status message"), m_presentation->text(span.statusMessage));
    if (span.hasTime()) {
        // A derived time is Spanwise's estimate (from annotations, children or parent), not the file's.
        const QString derived = span.flags & SpanTimeDerived ? tr("  (derived: the file recorded none)") : QString();
        addRow(overview, tr("Duration"), formatDuration(span.durationNs) + derived);
        addRow(overview, tr("Self time"), formatDuration(selfTimeOf(set, index)));
        addRow(overview, tr("Start"),
            formatTimestamp(span.startNs) + QStringLiteral("  (+") + formatDuration(span.startNs - trace.startNs) +
                QLatin1Char(')') + derived);
    } else {
        addRow(overview, tr("Start"), tr("not recorded, and nothing to derive it from"));
    }
    addRow(overview, tr("Span ID"), toQString(formatSpanId(span.spanId)));
    if (span.hasParentId())
        addRow(overview, tr("Parent span ID"), toQString(formatSpanId(span.parentSpanId)));
    addRow(overview, tr("Trace ID"), toQString(formatTraceId(span.traceId)));
    if (span.traceState.isValid() && !set.text(span.traceState).empty())
        addRow(overview, tr("Trace state"), m_presentation->text(span.traceState));
    if (const SpanDrops drops = set.dropsOf(index); drops.any())
        addRow(overview, tr("Dropped"),
            tr("%1 attributes, %2 events, %3 links").arg(drops.attributes).arg(drops.events).arg(drops.links));
    if (const FileIndex file = set.fileOf(index); file.isValid())
        addRow(overview, tr("File"), toQString(set.files()[file.value]));

    addAttributes(section(tr("Attributes"), static_cast<int>(span.attributes.count)), span.attributes);
    if (span.resource.isValid()) {
        const Resource& resource = set.resource(span.resource);
        QTreeWidgetItem* item = section(tr("Resource"), static_cast<int>(resource.attributes.count));
        addAttributes(item, resource.attributes);
        item->setExpanded(resource.attributes.count <= 12);
    }
    if (span.scope.isValid()) {
        const Scope& scope = set.scope(span.scope);
        QTreeWidgetItem* item = section(tr("Instrumentation scope"));
        addRow(item, tr("Name"), m_presentation->text(scope.name));
        if (!set.text(scope.version).empty())
            addRow(item, tr("Version"), m_presentation->text(scope.version));
        addAttributes(item, scope.attributes);
    }

    const auto events = set.events(span.events);
    if (!events.empty()) {
        QTreeWidgetItem* item = section(tr("Events"), static_cast<int>(events.size()));
        for (const Event& event : events) {
            QTreeWidgetItem* row = addRow(item, QStringLiteral("+") + formatDuration(event.timeNs - span.startNs),
                m_presentation->text(event.name));
            addAttributes(row, event.attributes);
            row->setExpanded(events.size() <= 10);
        }
    }

    const auto logs = set.logsOf(index);
    if (!logs.empty()) {
        QTreeWidgetItem* item = section(tr("Logs"), static_cast<int>(logs.size()));
        for (const std::uint32_t log : logs) {
            const LogRecord& record = set.logs()[log];
            const QString when =
                record.hasTime ? QStringLiteral("+") + formatDuration(record.timeNs - span.startNs) : QString();
            const QString level = toQString(severityName(record.severityNumber));
            QTreeWidgetItem* row = addRow(
                item, level.isEmpty() ? when : when + QLatin1Char(' ') + level, m_presentation->text(record.body));
            if (record.severityNumber >= 17)
                row->setForeground(1, viewColors().errorText);
            addAttributes(row, record.attributes);
            row->setExpanded(false);
        }
    }

    const auto links = set.links(span.links);
    if (!links.empty()) {
        QTreeWidgetItem* item = section(tr("Links"), static_cast<int>(links.size()));
        for (const Link& link : links) {
            const QString kind = link.kind == LinkKind::FollowsFrom ? tr("follows from")
                : link.kind == LinkKind::ChildOf                    ? tr("child of")
                                                                    : tr("link");
            const QString id =
                toQString(formatTraceId(link.traceId)) + QLatin1Char('/') + toQString(formatSpanId(link.spanId));
            QTreeWidgetItem* row = addSpanReference(item, kind, LinkIndex::resolve(set, link.traceId, link.spanId), id);
            row->setToolTip(0, id);
            addAttributes(row, link.attributes);
        }
    }
    const auto backlinks = m_presentation->links().linksTo(span.traceId, span.spanId);
    if (!backlinks.empty()) {
        QTreeWidgetItem* item = section(tr("Linked from"), static_cast<int>(backlinks.size()));
        for (const SpanIndex from : backlinks)
            addSpanReference(item, tr("backlink"), from, QString());
    }

    QStringList notes = m_presentation->describeMarks(index);
    for (const SpanWarning& warning : set.spanWarnings())
        if (warning.span == index)
            notes << m_presentation->text(warning.text);
    if (!notes.isEmpty()) {
        QTreeWidgetItem* item = section(tr("Warnings"), static_cast<int>(notes.size()));
        for (const QString& note : notes)
            addRow(item, QStringLiteral("⚠"), note)->setToolTip(1, note);
    }
    m_tree->resizeColumnToContents(0);
    m_tree->setColumnWidth(0, std::min(m_tree->columnWidth(0), 170));
    applyFilter();
}

QList<QTreeWidgetItem*> SpanDetailsView::linkItems() const
{
    QList<QTreeWidgetItem*> items;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->data(0, targetRole).isValid())
            items << *it;
    return items;
}

void SpanDetailsView::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    // Top-level sections stay; their rows hide unless they (or a child) match.
    const std::function<bool(QTreeWidgetItem*)> filter = [&](QTreeWidgetItem* item) {
        bool anyChild = false;
        for (int i = 0; i < item->childCount(); ++i)
            anyChild = filter(item->child(i)) || anyChild;
        const bool self = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive) ||
            item->text(1).contains(text, Qt::CaseInsensitive);
        const bool show = self || anyChild;
        if (item->parent())
            item->setHidden(!show);
        return show;
    };
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        filter(m_tree->topLevelItem(i));
}

void SpanDetailsView::copyCurrent()
{
    if (QTreeWidgetItem* item = m_tree->currentItem())
        QApplication::clipboard()->setText(item->text(1).isEmpty() ? item->text(0) : item->text(1));
}

} // namespace Spanwise
