#pragma once

#include "listenaddress.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QWidget;

namespace Spanwise {

class LiveCapture;
class ReceivedTraces;

// Live mode in the window: File ▸ Receive OTLP…, Stop Receiving and Save Received…, the status
// bar's "Receiving on ADDR:PORT" figures (held, evicted, refused), and reloads of what arrived,
// at most twice a second and never while a load runs. The window loads each snapshot.
class LiveMode : public QObject
{
    Q_OBJECT

public:
    // `loading` says whether the window is loading now (a snapshot then waits).
    LiveMode(QWidget* window, std::function<bool()> loading);
    ~LiveMode() override;

    void addActions(QMenu* file);
    QLabel* statusLabel() const { return m_status; }
    bool start(const ListenAddress& address, std::size_t maxSpans, QString* error);
    void stop();
    bool isListening() const;
    LiveCapture* capture() const { return m_capture; }
    // The name the window's title gives what is shown: "OTLP on 127.0.0.1:4318".
    QString sourceName() const;
    // Writes what was received (OTLP JSON Lines, or protobuf) on a worker; saved() follows.
    void saveTo(const QString& path, bool protobuf);

signals:
    // Load this snapshot (made on the load's worker) and show it under this name.
    void snapshotWanted(std::function<std::string()> jsonLines, const QString& sourceName);
    // A save finished: empty, or why it failed in one sentence.
    void saved(const QString& error);

private:
    void chooseAndStart();
    void saveReceived();
    void refresh();
    void updateStatus();

    QWidget* m_window;
    std::function<bool()> m_loading;
    LiveCapture* m_capture;
    QTimer m_refresh;
    std::uint64_t m_shownVersion = 0;
    QLabel* m_status;
    QAction* m_stopAction = nullptr;
    QAction* m_saveAction = nullptr;
};

} // namespace Spanwise
