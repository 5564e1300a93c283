#pragma once

#include "ids.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace Spanwise {

class BackgroundWork;
class TraceSession;
class TraceSet;
class TraceSetPresentation;

// A span's record as its file holds it (the application reads it back: widgets know no files).
struct RawRecord {
    QString json;
    QString error;          // why it cannot be shown; empty when it can
    bool converted = false; // OTLP protobuf, shown in its OTLP JSON mapping
};
using RawRecordReader = std::function<std::vector<RawRecord>(const TraceSet& set, const std::vector<SpanIndex>& spans)>;

// The Raw JSON tab: the selected span's record as it was read, pretty-printed and copyable, or
// the whole trace's records as one JSON array. Read back from the file when shown (never held
// in memory meanwhile), on a worker; a hidden tab reads nothing.
class RawJsonView : public QWidget
{
    Q_OBJECT

public:
    RawJsonView(TraceSession* session, RawRecordReader reader, QWidget* parent = nullptr);
    ~RawJsonView() override;

    QString text() const;
    bool isReading() const;
    void setWholeTrace(bool whole);

signals:
    void shown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void refresh();

    TraceSession* m_session;
    RawRecordReader m_reader;
    QCheckBox* m_wholeTrace;
    QLabel* m_status;
    QPlainTextEdit* m_text;
    BackgroundWork* m_work;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    // What the text shows, so an unchanged selection is not read again.
    SpanIndex m_shownSpan;
    TraceIndex m_shownTrace;
    bool m_stale = true;
};

} // namespace Spanwise
