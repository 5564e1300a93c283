// HTTP/1.1 framing: requests arriving in any pieces, chunked bodies, kept-alive connections,
// and the caps that hold before anything is buffered.
#include "httprequestparser.h"

#include <QTest>

using namespace Spanwise;
using State = HttpRequestParser::State;

namespace {

constexpr std::string_view post = "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 11\r\n\r\nhello world";

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void wholeRequest()
    {
        HttpRequestParser parser;
        QCOMPARE(parser.feed(post), State::Complete);
        QCOMPARE(parser.request().method, std::string("POST"));
        QCOMPARE(parser.request().path(), std::string_view("/v1/traces"));
        QCOMPARE(parser.request().header("content-type"), std::string_view("application/json"));
        QCOMPARE(parser.request().body, std::string("hello world"));
        QVERIFY(parser.request().keepAlive());
    }

    void byteByByte()
    {
        HttpRequestParser parser;
        State state = State::Incomplete;
        for (const char c : post) {
            QCOMPARE(state, State::Incomplete);
            state = parser.feed(std::string_view(&c, 1));
        }
        QCOMPARE(state, State::Complete);
        QCOMPARE(parser.request().body, std::string("hello world"));
    }

    void chunkedBody()
    {
        HttpRequestParser parser;
        const std::string_view request = "POST /v1/traces HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                         "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n";
        for (std::size_t cut = 1; cut < request.size(); ++cut) {
            HttpRequestParser pieces;
            QCOMPARE(pieces.feed(request.substr(0, cut)), State::Incomplete);
            QCOMPARE(pieces.feed(request.substr(cut)), State::Complete);
            QCOMPARE(pieces.request().body, std::string("hello world"));
        }
        QCOMPARE(parser.feed(request), State::Complete);
    }

    void keptAliveRequestsInOneRead()
    {
        HttpRequestParser parser;
        std::string two(post);
        two += "GET /other HTTP/1.1\r\nConnection: close\r\n\r\n";
        QCOMPARE(parser.feed(two), State::Complete);
        QCOMPARE(parser.request().method, std::string("POST"));
        QCOMPARE(parser.next(), State::Complete);
        QCOMPARE(parser.request().method, std::string("GET"));
        QVERIFY(!parser.request().keepAlive());
        QCOMPARE(parser.next(), State::Incomplete);
    }

    void bodyCapRefusedFromTheHeader()
    {
        HttpRequestParser parser(HttpLimits {1024, 10});
        QCOMPARE(parser.feed("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n"), State::Failed);
        QCOMPARE(parser.errorStatus(), 413);
        HttpRequestParser huge(HttpLimits {1024, 10});
        QCOMPARE(huge.feed("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"), State::Failed);
        QCOMPARE(huge.errorStatus(), 413);
    }

    void chunkedCapRefusedAsChunksPassIt()
    {
        HttpRequestParser parser(HttpLimits {1024, 10});
        QCOMPARE(
            parser.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n"), State::Incomplete);
        QCOMPARE(parser.feed("8\r\n"), State::Failed);
        QCOMPARE(parser.errorStatus(), 413);
        HttpRequestParser overflow(HttpLimits {1024, 10});
        QCOMPARE(overflow.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n"),
            State::Failed);
        QCOMPARE(overflow.errorStatus(), 413);
    }

    void headerCap()
    {
        HttpRequestParser parser(HttpLimits {64, 1000});
        QCOMPARE(parser.feed("POST / HTTP/1.1\r\nX-Long: " + std::string(100, 'a')), State::Failed);
        QCOMPARE(parser.errorStatus(), 431);
    }

    void malformedHeads_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        QTest::newRow("no version") << QByteArray("POST /v1/traces\r\n\r\n") << 400;
        QTest::newRow("http/2") << QByteArray("POST / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("header without colon") << QByteArray("POST / HTTP/1.1\r\nbroken\r\n\r\n") << 400;
        QTest::newRow("space before colon") << QByteArray("POST / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
        QTest::newRow("length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
                                     << 400;
        QTest::newRow("length not a number") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -3\r\n\r\n") << 400;
        QTest::newRow("gzip transfer coding")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << 501;
        QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                        << 400;
        QTest::newRow("chunk without CRLF")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc") << 400;
    }

    void malformedHeads()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        HttpRequestParser parser;
        QCOMPARE(parser.feed(std::string_view(head.constData(), static_cast<std::size_t>(head.size()))), State::Failed);
        QCOMPARE(parser.errorStatus(), status);
        QVERIFY(!parser.errorMessage().empty());
    }

    void expectContinue()
    {
        HttpRequestParser parser;
        QCOMPARE(
            parser.feed("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"), State::Incomplete);
        QVERIFY(parser.expectsContinue());
        QCOMPARE(parser.feed("ok"), State::Complete);
        QVERIFY(!parser.expectsContinue());
    }

    void http10ClosesByDefault()
    {
        HttpRequestParser parser;
        QCOMPARE(parser.feed("GET / HTTP/1.0\r\n\r\n"), State::Complete);
        QVERIFY(!parser.request().keepAlive());
    }
};

QTEST_APPLESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
