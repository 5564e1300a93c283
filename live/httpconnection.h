#pragma once

#include "httprequestparser.h"
#include "otlphttphandler.h"

#include <QObject>

#include <functional>

class QTcpSocket;
class QTimer;

namespace Spanwise {

// One client's TCP connection: reads requests as they arrive (any pieces, kept-alive ones in
// turn), answers each with what `respond` returns, answers framing errors itself and closes.
// A client silent for the stall timeout mid-request, or idle that long between requests, is
// dropped; so is one that disconnects mid-body (nothing of it is handled). Deletes itself.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    using Responder = std::function<HttpResponse(const HttpRequest&)>;

    HttpConnection(QTcpSocket* socket, HttpLimits limits, int stallTimeoutMs, Responder respond, QObject* parent);

    // Writes what is still buffered, waiting at most this long.
    void flush(int timeoutMs);

signals:
    void refused(const QString& message);

private:
    void read();
    void answer(const HttpResponse& response, bool keepAlive);

    QTcpSocket* m_socket;
    HttpRequestParser m_parser;
    QTimer* m_stall;
    Responder m_respond;
    bool m_continueSent = false;
    bool m_closing = false;
};

} // namespace Spanwise
