// File ▸ Open from Backend… against a local server replaying real answers: connect lists the
// services and operations, a search and an open-by-id load into the window, errors and cancel
// show in the dialog, and a token goes to the secret store, never to the settings.
#include "backenddialog.h"
#include "mainwindow.h"
#include "replayserver.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Spanwise;
using namespace Spanwise::Test;

namespace {

std::size_t spansShown(const MainWindow& window)
{
    const auto& presentation = window.session()->presentation();
    return presentation ? presentation->set().spans().size() : 0;
}

template <typename T> T* field(QDialog* dialog, const char* name)
{
    return dialog->findChild<T*>(QLatin1String(name));
}

// The dialog, pointed at the server as this backend.
BackendDialog* dialogFor(MainWindow& window, const ReplayServer& server, const QString& backend)
{
    auto* dialog = qobject_cast<BackendDialog*>(window.openFromBackend());
    auto* kind = field<QComboBox>(dialog, "backend");
    kind->setCurrentIndex(kind->findText(backend, Qt::MatchStartsWith));
    field<QLineEdit>(dialog, "url")->setText(server.url());
    field<QComboBox>(dialog, "auth")->setCurrentIndex(0);
    return dialog;
}

QString status(QDialog* dialog)
{
    return field<QLabel>(dialog, "status")->text();
}

} // namespace

class TestBackendDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void connectThenSearchLoadsTheWindow()
    {
        ReplayServer server;
        server.answer("/api/services", {200, remoteAnswer(QStringLiteral("jaeger-services.json"))});
        server.answer("/api/services/app2/operations", {200, remoteAnswer(QStringLiteral("jaeger-operations.json"))});
        server.answer("/api/traces", {200, corpusAnswer(QStringLiteral("public/jaeger/stalk-search-410a8604.json"))});
        MainWindow window;
        window.show();
        QPointer<BackendDialog> dialog = dialogFor(window, server, QStringLiteral("Jaeger"));
        field<QComboBox>(dialog, "service")->setEditText(QString());
        dialog->listServices();
        QTRY_COMPARE(field<QComboBox>(dialog, "service")->count(), 3);
        QCOMPARE(field<QComboBox>(dialog, "service")->currentText(), QStringLiteral("app2"));
        QTRY_COMPARE(field<QComboBox>(dialog, "operation")->count(), 4); // "any" and three
        field<QLineEdit>(dialog, "tags")->setText(QStringLiteral("error=true \"http.url=/a b\""));
        field<QLineEdit>(dialog, "minDuration")->setText(QStringLiteral("5ms"));
        dialog->search();
        QTRY_COMPARE(spansShown(window), std::size_t(8)); // MANIFEST.md: the search answer's spans
        QTRY_VERIFY(dialog.isNull());                     // closed once it delivered
        QVERIFY(window.windowTitle().contains(QStringLiteral("search: app2")));
        const QByteArray asked = server.requests().constLast().target;
        QVERIFY2(asked.contains("minDuration=5000us"), asked.constData());
        QVERIFY(QUrl::fromPercentEncoding(asked).contains(R"({"error":"true","http.url":"/a b"})"));
    }

    void errorsStayInTheDialog()
    {
        ReplayServer server;
        server.answer("/api/traces/00000000000000000000000000000001",
            {404, remoteAnswer(QStringLiteral("jaeger-not-found.json"))});
        MainWindow window;
        BackendDialog* dialog = dialogFor(window, server, QStringLiteral("Jaeger"));
        field<QLineEdit>(dialog, "traceId")->setText(QStringLiteral("00000000000000000000000000000001"));
        dialog->openTrace();
        QTRY_VERIFY(!dialog->isBusy());
        QVERIFY2(status(dialog).startsWith(QStringLiteral("HTTP 404 from ")), qPrintable(status(dialog)));
        QVERIFY(status(dialog).endsWith(QStringLiteral("trace not found")));
        QVERIFY(dialog->isVisible());
        field<QLineEdit>(dialog, "traceId")->setText(QStringLiteral("xyz"));
        dialog->openTrace();
        QVERIFY(status(dialog).contains(QStringLiteral("16 or 32 hex digits")));
    }

    void cancelAnswersAtOnce()
    {
        ReplayServer server;
        server.answer("/api/v2/services", {200, remoteAnswer(QStringLiteral("zipkin-services.json")), 10'000});
        MainWindow window;
        BackendDialog* dialog = dialogFor(window, server, QStringLiteral("Zipkin"));
        dialog->listServices();
        QVERIFY(dialog->isBusy());
        dialog->cancel();
        QTRY_VERIFY(!dialog->isBusy());
        QCOMPARE(status(dialog), QStringLiteral("Cancelled."));
    }

    void tokenGoesToTheSecretStoreOnly()
    {
        ReplayServer server;
        server.answer("/api/traces/5b8efff798038103d269b633813fc60c",
            {200, corpusAnswer(QStringLiteral("public/otlp-json/tempo-batches-trace.json"))});
        MainWindow window;
        window.show();
        BackendDialog* dialog = dialogFor(window, server, QStringLiteral("Grafana Tempo"));
        QVERIFY(field<QLineEdit>(dialog, "traceQl")->isEnabled());
        field<QComboBox>(dialog, "auth")->setCurrentIndex(1);
        field<QLineEdit>(dialog, "token")->setText(QStringLiteral("t0k3n-never-on-disk"));
        field<QLineEdit>(dialog, "headers")->setText(QStringLiteral("X-Scope-OrgID: team-a"));
        field<QLineEdit>(dialog, "traceId")->setText(QStringLiteral("5B8EFFF798038103D269B633813FC60C"));
        dialog->openTrace();
        QTRY_COMPARE(spansShown(window), std::size_t(1));
        QCOMPARE(server.requests().constFirst().header("authorization"), QByteArray("Bearer t0k3n-never-on-disk"));
        QCOMPARE(server.requests().constFirst().header("x-scope-orgid"), QByteArray("team-a"));
        QSettings settings;
        for (const QString& key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(QStringLiteral("t0k3n")), qPrintable(key));
        // The same backend again in this session: the token comes back from the store.
        auto* again = qobject_cast<BackendDialog*>(window.openFromBackend());
        QCOMPARE(field<QComboBox>(again, "auth")->currentIndex(), 1);
        QTRY_COMPARE(field<QLineEdit>(again, "token")->text(), QStringLiteral("t0k3n-never-on-disk"));
        auto* kind = field<QComboBox>(again, "backend");
        kind->setCurrentIndex(kind->findText(QStringLiteral("Jaeger")));
        QVERIFY(!field<QLineEdit>(again, "traceQl")->isEnabled());
    }
};

QTEST_MAIN(TestBackendDialog)
#include "tst_backenddialog.moc"
