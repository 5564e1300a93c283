#include "receivedialog.h"

#include "receivedtraces.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Spanwise {

ReceiveDialog::ReceiveDialog(QWidget* parent)
    : QDialog(parent)
    , m_address(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_maxSpans(new QSpinBox(this))
    , m_note(new QLabel(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Receive OTLP"));
    const QSettings settings;
    m_address->setText(settings.value(QStringLiteral("live/address"), QStringLiteral("127.0.0.1")).toString());
    m_address->setToolTip(
        tr("127.0.0.1 (or ::1) accepts this machine only; 0.0.0.0 accepts any machine that can reach it"));
    m_port->setRange(0, 65535);
    m_port->setObjectName(QStringLiteral("port"));
    m_error->setObjectName(QStringLiteral("error"));
    m_port->setValue(settings.value(QStringLiteral("live/port"), 4318).toInt());
    m_port->setSpecialValueText(tr("any free port"));
    m_maxSpans->setRange(1000, 20'000'000);
    m_maxSpans->setSingleStep(10'000);
    m_maxSpans->setGroupSeparatorShown(true);
    m_maxSpans->setValue(settings.value(QStringLiteral("live/maxSpans"), int(ReceivedTraces::defaultMaxSpans)).toInt());
    m_maxSpans->setSuffix(tr(" spans"));
    m_maxSpans->setToolTip(tr("Past this, the oldest traces are dropped, and counted in the status bar"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Address:"), m_address);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Keep at most:"), m_maxSpans);
    m_note->setWordWrap(true);
    m_note->setText(tr("Point an exporter at it: OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 "
                       "(OTLP/HTTP, protobuf or JSON). Spans appear as they arrive."));
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(link)"));
    m_error->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Listen"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ReceiveDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ReceiveDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

ListenAddress ReceiveDialog::address() const
{
    const QString host = m_address->text().trimmed();
    const auto parsed =
        ListenAddress::parse((host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host) +
            QLatin1Char(':') + QString::number(m_port->value()));
    return parsed.value_or(ListenAddress {});
}

std::size_t ReceiveDialog::maxSpans() const
{
    return static_cast<std::size_t>(m_maxSpans->value());
}

void ReceiveDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

void ReceiveDialog::accept()
{
    const QString host = m_address->text().trimmed();
    if (!host.isEmpty() && host != QLatin1String("localhost") && QHostAddress(host).isNull()) {
        showError(tr("\"%1\" is not an IP address").arg(host));
        m_address->setFocus();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("live/address"), host);
    settings.setValue(QStringLiteral("live/port"), m_port->value());
    settings.setValue(QStringLiteral("live/maxSpans"), m_maxSpans->value());
    QString error;
    if (m_listener && !m_listener(address(), maxSpans(), &error)) {
        showError(error);
        return;
    }
    QDialog::accept();
}

} // namespace Spanwise
