#pragma once

#include "backendconnection.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace Spanwise {

// What a backend request brings back: the document to load (as the backend wrote it, or for a
// Tempo search the traces it found, as one JSON array of its trace answers), or the names a
// services or operations request lists; or the error in one sentence.
struct BackendResult {
    QByteArray document;
    QStringList names;
    int traces = 0; // traces a search found (Tempo: fetched)
    QString error;  // empty on success
    int httpStatus = 0;
    bool cancelled = false;
};

// One user-level request to a backend, asynchronous on Qt Network: list the services or a
// service's operations, open a trace by id, or search (for Tempo: the search, then each trace
// found, one by one). Errors read "HTTP 500 from URL: the server's message"; a silent server
// times out after the connection's timeout; cancel() stops it at once. Emits finished() once.
class BackendRequest : public QObject
{
    Q_OBJECT

public:
    BackendRequest(BackendConnection connection, QNetworkAccessManager* network, QObject* parent = nullptr);
    ~BackendRequest() override;

    void listServices();
    void listOperations(const QString& service);
    void fetchTrace(const QString& traceId);
    void search(const TraceSearch& search);
    void cancel();
    bool isRunning() const { return m_reply != nullptr; }

signals:
    // done of total steps (a Tempo search fetches trace by trace).
    void progress(int done, int total);
    void finished(const Spanwise::BackendResult& result);

private:
    enum class Kind { Names, Trace, Search, TempoSearch, TempoTrace };
    void get(const QUrl& url, Kind kind);
    void replied();
    void fetchNextTempoTrace();
    void finish(BackendResult result);

    BackendConnection m_connection;
    QNetworkAccessManager* m_network;
    QPointer<QNetworkReply> m_reply;
    Kind m_kind = Kind::Names;
    QStringList m_tempoIds; // found by a Tempo search, fetched in turn
    QList<QByteArray> m_tempoTraces;
    bool m_done = false;
};

} // namespace Spanwise

Q_DECLARE_METATYPE(Spanwise::BackendResult)
