#include "listenaddress.h"

namespace Spanwise {

std::expected<ListenAddress, QString> ListenAddress::parse(const QString& text)
{
    ListenAddress result;
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    QString host = colon < 0 ? QString() : text.left(colon);
    const QString portText = colon < 0 ? text : text.mid(colon + 1);
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535)
        return std::unexpected(QStringLiteral("\"%1\" is not [ADDRESS:]PORT (a port from 0 to 65535)").arg(text));
    result.port = static_cast<quint16>(port);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host.isEmpty())
        return result;
    if (host == QLatin1String("localhost"))
        return result;
    if (!result.address.setAddress(host))
        return std::unexpected(QStringLiteral("\"%1\" is not an IP address").arg(host));
    return result;
}

QString ListenAddress::toString() const
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    return host + QLatin1Char(':') + QString::number(port);
}

} // namespace Spanwise
