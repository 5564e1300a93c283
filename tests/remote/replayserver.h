#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QThread>

#include <mutex>

class QTcpServer;

namespace Spanwise::Test {

// A canned answer for one path.
struct ReplayAnswer {
    int status = 200;
    QByteArray body;
    int delayMs = 0; // how long to wait before answering (a slow server)
    QByteArray contentType = "application/json";
};

// What a client asked.
struct ReplayedRequest {
    QByteArray method;
    QByteArray target;                            // path and query
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased

    QByteArray header(const QByteArray& name) const;
};

// An HTTP server on a free loopback port, in a thread of its own, that answers each path with a
// canned answer (real backend answers from tests/data) and 404 elsewhere, and records every
// request. Framed by the receiver's own HttpRequestParser.
class ReplayServer
{
public:
    ReplayServer();
    ~ReplayServer();

    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    // Answers requests for this path (query ignored) with this.
    void answer(const QByteArray& path, ReplayAnswer answer);
    QList<ReplayedRequest> requests() const;

private:
    void serve(QTcpServer* server);

    QThread m_thread;
    QTcpServer* m_server = nullptr;
    quint16 m_port = 0;
    mutable std::mutex m_mutex;
    QMap<QByteArray, ReplayAnswer> m_answers;
    QList<ReplayedRequest> m_requests;
};

// A real answer from the corpus (tests/data/corpus, decompressed), or a small one from
// tests/data/remote; empty when the file is missing (the test then fails on it).
QByteArray corpusAnswer(const QString& corpusPath);
QByteArray remoteAnswer(const QString& name);

} // namespace Spanwise::Test
