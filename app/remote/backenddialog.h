#pragma once

#include "backendrequest.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace Spanwise {

class ConnectionForm;
class SecretStore;

// File ▸ Open from Backend…: connect to a Jaeger, Tempo or Zipkin query API, then search by
// service, operation, tags, minimum duration, time window and limit (or TraceQL for Tempo), or
// open a trace by id. One request at a time, with progress and Cancel; errors in one sentence
// with the HTTP status and the server's message. What was found is handed to the window,
// which loads it like a file.
class BackendDialog : public QDialog
{
    Q_OBJECT

public:
    BackendDialog(SecretStore* secrets, QWidget* parent = nullptr);

    void listServices();
    void search();
    void openTrace();
    void cancel();
    bool isBusy() const { return m_request != nullptr; }

signals:
    void documentFetched(const QByteArray& document, const QString& sourceName);

private:
    using Finish = std::function<void(const BackendResult&)>;
    void send(const QString& what, const std::function<void(BackendRequest&)>& start, Finish finish);
    void listOperations();
    void setBusy(bool busy);
    void showStatus(const QString& text, bool error);
    void updateForBackend();
    QString hostOf() const;

    SecretStore* m_secrets;
    ConnectionForm* m_connection;
    QNetworkAccessManager* m_network;
    BackendRequest* m_request = nullptr;
    QComboBox* m_service;
    QComboBox* m_operation;
    QLineEdit* m_tags;
    QLineEdit* m_minDuration;
    QComboBox* m_lookback;
    QSpinBox* m_limit;
    QLineEdit* m_traceQl;
    QLineEdit* m_traceId;
    QPushButton* m_connect;
    QPushButton* m_search;
    QPushButton* m_open;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
};

} // namespace Spanwise
