#pragma once

#include "ids.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTimer;
class QToolButton;

namespace Spanwise {

class BackgroundWork;
class SpanDetailsView;
class TraceSession;
class TraceSetPresentation;
class WaterfallController;
class WaterfallOverview;
class WaterfallView;

// One trace, browsed: a toolbar (zoom history, zoom, collapse, search, export), the overview
// strip, the waterfall and the span details beside it, all following one WaterfallController.
// It shows the session's trace and span; selecting a span or following a link goes through the
// session, so the rest of the window follows.
class TraceView : public QWidget
{
    Q_OBJECT

public:
    explicit TraceView(TraceSession* session, QWidget* parent = nullptr);

    WaterfallController* controller() const { return m_controller; }
    WaterfallView* waterfall() const { return m_waterfall; }
    SpanDetailsView* details() const { return m_details; }
    QSplitter* splitter() const { return m_splitter; }

    // Search, as the search field drives it: a query (docs/query.md), free text by default.
    // Small traces answer at once; past searchOnWorkerFrom spans the search runs on a worker and
    // the matches arrive a moment later (searchFinished).
    void search(const QString& text);
    static constexpr std::uint32_t searchOnWorkerFrom = 50000;
    void nextMatch();
    void previousMatch();
    void setMatchesOnly(bool only);
    // Draws the trace's critical path on the bars.
    void setShowCriticalPath(bool show);
    std::size_t matchCount() const { return m_matches.size(); }
    std::int64_t currentMatch() const { return m_current; }

    void focusSearch();
    void exportImage();
    // "Copy link to this span": the command that reopens the loaded files at this span.
    QString spanLink(SpanIndex span) const;

signals:
    void searchFinished();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation);
    void showTrace(TraceIndex trace, SpanIndex select);
    void createToolbar(QWidget* bar);
    void updateHeader();
    void goToMatch(std::int64_t index);
    void showMatches(std::vector<std::uint32_t> matches);
    void updateMatchLabel();
    void updateHistoryButtons();
    void updateCriticalPath();
    void jumpTo(SpanIndex span);
    void showSpanMenu(SpanIndex span, const QPoint& globalPosition);
    void copySpanLink(SpanIndex span);

    TraceSession* m_session;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    WaterfallController* m_controller;
    WaterfallOverview* m_overview;
    WaterfallView* m_waterfall;
    SpanDetailsView* m_details;
    QSplitter* m_splitter;
    QLabel* m_header;
    QLineEdit* m_searchField = nullptr;
    QLabel* m_matchLabel = nullptr;
    QCheckBox* m_matchesOnly = nullptr;
    QCheckBox* m_criticalPath = nullptr;
    QToolButton* m_back = nullptr;
    QToolButton* m_forward = nullptr;
    QTimer* m_searchDebounce = nullptr;
    std::vector<std::uint32_t> m_matches;
    std::int64_t m_current = -1;
    // Searching a huge trace runs on a worker; results for an older query are dropped.
    BackgroundWork* m_searchWork;
};

} // namespace Spanwise
