#pragma once

#include "ids.h"

#include <QWidget>

#include <memory>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace Spanwise {

class TraceSetPresentation;
struct Attribute;
struct Range;

// Everything about one span: identity and timing (with self time), span, resource and scope
// attributes (filterable), events with their attributes and relative times, links and
// backlinks (activate one to jump to that span), and the file's warnings and the index's
// diagnostics. Any value can be copied (context menu or Ctrl+C).
class SpanDetailsView : public QWidget
{
    Q_OBJECT

public:
    explicit SpanDetailsView(QWidget* parent = nullptr);

    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation);
    void showSpan(SpanIndex span);
    SpanIndex span() const { return m_span; }
    QTreeWidget* tree() const { return m_tree; }
    // The link/backlink items' targets, in display order (for tests and keyboard users).
    QList<QTreeWidgetItem*> linkItems() const;

signals:
    void spanActivated(Spanwise::SpanIndex span);
    // The user asked to copy a link to the span shown (the trace view knows the files).
    void copyLinkRequested(Spanwise::SpanIndex span);
    // The user asked for the span's record as its file holds it (the JSON tab).
    void rawJsonRequested(Spanwise::SpanIndex span);

private:
    QTreeWidgetItem* section(const QString& title, int count = -1);
    QTreeWidgetItem* addRow(QTreeWidgetItem* parent, const QString& key, const QString& value);
    void addAttributes(QTreeWidgetItem* parent, Range attributes, int depth = 0);
    QString valueText(const Attribute& attribute, int depth) const;
    QTreeWidgetItem* addSpanReference(
        QTreeWidgetItem* parent, const QString& kind, SpanIndex target, const QString& fallback);
    void applyFilter();
    void copyCurrent();

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    SpanIndex m_span;
    QLineEdit* m_filter;
    QTreeWidget* m_tree;
};

} // namespace Spanwise
