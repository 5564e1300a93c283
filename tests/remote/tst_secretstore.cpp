// Backend secrets: kept for the session always, in the keyring only when one answers, and
// never written to the settings file (QtKeychain's plain-text fallback stays off).
#include "secretstore.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Spanwise;

namespace {

const QString secret = QStringLiteral("tok-5b8efff798038103");

// Loads a key from a store and waits for the answer.
QString loaded(SecretStore& store, const QString& key)
{
    QString value;
    bool answered = false;
    store.load(key, [&](const QString& found) {
        value = found;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 30'000))
        return QStringLiteral("(no answer)");
    return value;
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SpanwiseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_secretstore"));
    }

    void sessionAlwaysKeepsIt()
    {
        SecretStore store;
        const QString key = SecretStore::keyOf(QStringLiteral("jaeger"), QStringLiteral("http://a:16686"), {});
        store.store(key, secret, false);
        QCOMPARE(loaded(store, key), secret);
        store.store(key, QString(), false);
        QVERIFY(loaded(store, key).isEmpty());
    }

    void keyringOrNothingBeyondTheSession()
    {
        const QString key =
            SecretStore::keyOf(QStringLiteral("tempo"), QStringLiteral("https://tempo.test"), QStringLiteral("ops"));
        {
            SecretStore store;
            QSignalSpy state(&store, &SecretStore::keyringStateChanged);
            store.store(key, secret, true);
            // The keyring answers, one way or the other.
            QVERIFY(state.wait(30'000) || store.keyringWorks());
            if (!store.keyringWorks())
                QVERIFY(!store.keyringProblem().isEmpty());
        }
        // A new process's store (a new object here): the secret comes back only from a keyring.
        SecretStore fresh;
        const QString found = loaded(fresh, key);
        QCOMPARE(found == secret, fresh.keyringWorks());
        if (fresh.keyringWorks())
            fresh.store(key, QString(), true); // leave the developer's keyring as it was
        // Never in the settings file.
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        if (file.open(QIODevice::ReadOnly))
            QVERIFY(!file.readAll().contains(secret.toUtf8()));
        const QStringList keys = settings.allKeys();
        for (const QString& name : keys)
            QVERIFY(!settings.value(name).toString().contains(secret));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
