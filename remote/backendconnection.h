#pragma once

#include "backendapi.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace Spanwise {

// How to reach one backend: where, as whom, and how patiently.
struct BackendConnection {
    Backend backend = Backend::Jaeger;
    QUrl base;              // e.g. http://localhost:16686 (Jaeger), http://localhost:3200 (Tempo),
                            // http://localhost:9411 (Zipkin)
    QString token;          // sent as "Authorization: Bearer TOKEN"
    QString user, password; // basic authentication when user is set
    QList<QPair<QByteArray, QByteArray>> headers; // e.g. X-Scope-OrgID for a multi-tenant Tempo
    bool insecure = false;                        // accept TLS certificates that do not verify
    int timeoutMs = 30'000;                       // the most a request may stay silent
    qint64 maxAnswerBytes = 512LL * 1024 * 1024;  // a larger answer is refused, not buffered
};

} // namespace Spanwise
