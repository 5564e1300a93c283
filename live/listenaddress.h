#pragma once

#include <QHostAddress>
#include <QString>

#include <expected>

namespace Spanwise {

// Where a receiver listens: "[ADDR:]PORT", e.g. "4318", "0.0.0.0:4318", "[::1]:4318", ":0"
// (a free port). Without an address it is loopback: nothing outside the machine can send
// unless the user says so.
struct ListenAddress {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 4318;

    static std::expected<ListenAddress, QString> parse(const QString& text);
    // "127.0.0.1:4318", "[::1]:4318".
    QString toString() const;
};

} // namespace Spanwise
