#pragma once

#include "listenaddress.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace Spanwise {

// File ▸ Receive OTLP…: where to listen and how many spans to keep. Loopback unless the user
// types another address; the choices are remembered between runs.
class ReceiveDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReceiveDialog(QWidget* parent = nullptr);

    ListenAddress address() const;
    std::size_t maxSpans() const;
    // Shows why listening failed, keeping the dialog open for another try.
    void showError(const QString& message);
    // What Listen does: start listening, or say why not (the dialog then stays open).
    using Listener = std::function<bool(const ListenAddress&, std::size_t maxSpans, QString* error)>;
    void setListener(Listener listener) { m_listener = std::move(listener); }

    void accept() override;

private:
    QLineEdit* m_address;
    QSpinBox* m_port;
    QSpinBox* m_maxSpans;
    QLabel* m_note;
    QLabel* m_error;
    Listener m_listener;
};

} // namespace Spanwise
