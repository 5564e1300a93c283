#include "generator.h"

#include <array>
#include <map>
#include <stdexcept>
#include <string_view>

namespace Spanwise::TraceGen {
namespace {

// What a route does downstream. Service calls get a client span in the caller and a server
// span in the callee; the other kinds are leaf client/producer spans to uninstrumented peers.
enum class CallType { Service, Database, Cache, Http, Publish };

struct Downstream {
    CallType type;
    std::string_view target;    // "service|operation" for Service; peer name otherwise
    std::string_view operation; // statement, command, topic or HTTP route for leaves
    int percent = 100;          // how often the call happens
};

struct Route {
    std::string_view service;
    std::string_view operation;
    std::string_view protocol; // http, grpc, consumer, internal
    int selfMicros;
    int errorPercent;
    std::vector<Downstream> calls;
};

const std::vector<Route>& routes()
{
    using enum CallType;
    static const std::vector<Route> table = {
        {"web-frontend", "GET /", "http", 900, 0,
            {{Service, "api-gateway|GET /api/products", {}},
                {Service, "api-gateway|GET /api/recommendations", {}, 70}}},
        {"web-frontend", "GET /product/{id}", "http", 700, 0,
            {{Service, "api-gateway|GET /api/products/{id}", {}}, {Service, "api-gateway|GET /api/reviews", {}, 80}}},
        {"web-frontend", "POST /cart", "http", 500, 0, {{Service, "api-gateway|POST /api/cart", {}}}},
        {"web-frontend", "POST /checkout", "http", 800, 0, {{Service, "api-gateway|POST /api/orders", {}}}},
        {"api-gateway", "GET /api/products", "http", 300, 1,
            {{Service, "auth-service|AuthService/Verify", {}},
                {Service, "catalog-service|CatalogService/ListProducts", {}}}},
        {"api-gateway", "GET /api/products/{id}", "http", 250, 1,
            {{Service, "auth-service|AuthService/Verify", {}},
                {Service, "catalog-service|CatalogService/GetProduct", {}},
                {Service, "pricing-service|PricingService/GetPrice", {}}}},
        {"api-gateway", "GET /api/recommendations", "http", 200, 0,
            {{Service, "recommendation-service|RecommendationService/Recommend", {}}}},
        {"api-gateway", "GET /api/reviews", "http", 200, 0,
            {{Service, "reviews-service|ReviewService/ListReviews", {}}}},
        {"api-gateway", "POST /api/cart", "http", 250, 0,
            {{Service, "auth-service|AuthService/Verify", {}}, {Service, "cart-service|CartService/AddItem", {}}}},
        {"api-gateway", "POST /api/orders", "http", 300, 0,
            {{Service, "auth-service|AuthService/Verify", {}}, {Service, "order-service|OrderService/PlaceOrder", {}}}},
        {"auth-service", "AuthService/Verify", "grpc", 400, 2, {{Cache, "redis", "GET session:*"}}},
        {"catalog-service", "CatalogService/ListProducts", "grpc", 1200, 1,
            {{Cache, "redis", "GET products:page"}, {Database, "postgres", "SELECT * FROM products LIMIT 20", 60}}},
        {"catalog-service", "CatalogService/GetProduct", "grpc", 600, 1,
            {{Cache, "redis", "GET product:*"}, {Database, "postgres", "SELECT * FROM products WHERE id = $1", 40}}},
        {"pricing-service", "PricingService/GetPrice", "grpc", 300, 0,
            {{Service, "currency-service|CurrencyService/Convert", {}, 50}}},
        {"currency-service", "CurrencyService/Convert", "grpc", 150, 0, {}},
        {"recommendation-service", "RecommendationService/Recommend", "grpc", 2500, 3,
            {{Service, "catalog-service|CatalogService/ListProducts", {}}, {Service, "ml-inference|Predict", {}}}},
        {"ml-inference", "Predict", "grpc", 9000, 2, {}},
        {"reviews-service", "ReviewService/ListReviews", "grpc", 700, 0,
            {{Database, "postgres", "SELECT * FROM reviews WHERE product_id = $1"}}},
        {"cart-service", "CartService/AddItem", "grpc", 500, 2,
            {{Service, "catalog-service|CatalogService/GetProduct", {}}, {Cache, "redis", "HSET cart:*"}}},
        {"cart-service", "CartService/GetCart", "grpc", 300, 0, {{Cache, "redis", "HGETALL cart:*"}}},
        {"order-service", "OrderService/PlaceOrder", "grpc", 1500, 2,
            {{Service, "cart-service|CartService/GetCart", {}},
                {Service, "inventory-service|InventoryService/Reserve", {}},
                {Service, "payment-service|PaymentService/Charge", {}},
                {Service, "shipping-service|ShippingService/Quote", {}}, {Publish, "kafka", "orders"}}},
        {"inventory-service", "InventoryService/Reserve", "grpc", 800, 3,
            {{Database, "postgres", "UPDATE inventory SET reserved = reserved + $1 WHERE sku = $2"}}},
        {"payment-service", "PaymentService/Charge", "grpc", 1000, 6,
            {{Service, "fraud-detection|FraudService/Check", {}}, {Http, "payments-provider", "POST /v1/charges"}}},
        {"fraud-detection", "FraudService/Check", "grpc", 700, 1, {{Service, "ml-inference|Predict", {}, 50}}},
        {"shipping-service", "ShippingService/Quote", "grpc", 600, 1,
            {{Database, "postgres", "SELECT * FROM shipping_rates WHERE zone = $1"}}},
        {"notification-service", "orders process", "consumer", 400, 1,
            {{Service, "email-service|EmailService/Send", {}}}},
        {"accounting-service", "orders process", "consumer", 900, 0,
            {{Database, "postgres", "INSERT INTO ledger VALUES ($1, $2, $3)"}}},
        {"email-service", "EmailService/Send", "grpc", 1800, 4, {{Http, "smtp-relay", "POST /send"}}},
        {"batch-scheduler", "RunJob nightly-reindex", "internal", 200, 0, {}},
    };
    return table;
}

int routeIndex(std::string_view key)
{
    static const std::map<std::string, int, std::less<>> byKey = [] {
        std::map<std::string, int, std::less<>> map;
        for (std::size_t i = 0; i < routes().size(); ++i)
            map.emplace(
                std::string(routes()[i].service) + '|' + std::string(routes()[i].operation), static_cast<int>(i));
        return map;
    }();
    const auto it = byKey.find(key);
    if (it == byKey.end())
        throw std::logic_error("unknown route " + std::string(key));
    return it->second;
}

constexpr std::array<std::string_view, 4> entryRoutes = {
    "web-frontend|GET /", "web-frontend|GET /product/{id}", "web-frontend|POST /cart", "web-frontend|POST /checkout"};

std::string hostOf(std::string_view service, std::uint64_t instance)
{
    return std::string(service) + '-' + std::to_string(instance % 3);
}

} // namespace

Generator::Generator(const GeneratorOptions& options)
    : m_options(options)
    , m_random(options.seed)
{ }

std::uint64_t Generator::next()
{
    return m_random();
}

std::vector<GeneratedTrace> Generator::generate()
{
    std::vector<GeneratedTrace> traces;
    if (m_options.totalSpans > 0) {
        std::int64_t spans = 0;
        for (int i = 0; spans < m_options.totalSpans; ++i) {
            traces.push_back(makeTrace(i));
            spans += static_cast<std::int64_t>(traces.back().spans.size());
        }
        return traces;
    }
    traces.reserve(static_cast<std::size_t>(m_options.traces));
    for (int i = 0; i < m_options.traces; ++i)
        traces.push_back(makeTrace(i));
    return traces;
}

GeneratedTrace Generator::makeTrace(int index)
{
    GeneratedTrace trace;
    trace.traceIdHi = next();
    trace.traceIdLo = next();
    // Requests arrive over about a minute; batch jobs an hour apart.
    const std::int64_t start = m_options.startNs +
        static_cast<std::int64_t>(index) * (m_options.spansPerTrace > 0 ? 3'600'000'000'000 : 5'000'000'000) +
        static_cast<std::int64_t>(below(4'000'000'000));
    bool failed = false;
    if (m_options.spansPerTrace <= 0) {
        expand(trace, routeIndex(entryRoutes[below(entryRoutes.size())]), 0, start, 0, failed);
        return trace;
    }
    GeneratedSpan root;
    root.spanId = m_nextSpanId++;
    root.service = "batch-scheduler";
    root.operation = "RunJob nightly-reindex";
    root.kind = "internal";
    root.startNs = start;
    root.tags = {{"job.name", std::string("nightly-reindex")}, {"job.batch", static_cast<std::int64_t>(index)}};
    trace.spans.push_back(root);
    std::int64_t cursor = start + 50'000;
    while (static_cast<int>(trace.spans.size()) < m_options.spansPerTrace) {
        bool requestFailed = false;
        const std::int64_t end =
            expand(trace, routeIndex(entryRoutes[below(entryRoutes.size())]), root.spanId, cursor, 1, requestFailed);
        // Requests overlap: the next starts before this one ends.
        cursor += std::max<std::int64_t>(20'000, (end - cursor) / 3);
    }
    trace.spans.front().durationNs = cursor - start + 100'000;
    return trace;
}

std::int64_t Generator::expand(
    GeneratedTrace& trace, int routeIdx, std::uint64_t parentId, std::int64_t startNs, int depth, bool& failed)
{
    const Route& route = routes()[static_cast<std::size_t>(routeIdx)];
    const std::size_t spanSlot = trace.spans.size();
    trace.spans.emplace_back();
    {
        GeneratedSpan& span = trace.spans.back();
        span.spanId = m_nextSpanId++ ^ (next() & 0xffff'0000'0000'0000ULL);
        span.parentId = parentId;
        span.service = route.service;
        span.operation = route.operation;
        span.kind = route.protocol == "consumer" ? "consumer" : route.protocol == "internal" ? "internal" : "server";
        span.startNs = startNs;
        const std::uint64_t instance = next();
        span.tags.push_back({"host.name", hostOf(route.service, instance)});
        if (route.protocol == "http") {
            const auto space = route.operation.find(' ');
            span.tags.push_back({"http.method", std::string(route.operation.substr(0, space))});
            span.tags.push_back({"http.route", std::string(route.operation.substr(space + 1))});
            span.tags.push_back({"http.scheme", std::string("https")});
            span.tags.push_back({"net.host.port", static_cast<std::int64_t>(8080)});
        } else if (route.protocol == "grpc") {
            const auto slash = route.operation.find('/');
            span.tags.push_back({"rpc.system", std::string("grpc")});
            span.tags.push_back({"rpc.service", std::string(route.operation.substr(0, slash))});
            span.tags.push_back({"rpc.method", std::string(route.operation.substr(slash + 1))});
            span.tags.push_back({"net.host.port", static_cast<std::int64_t>(50051)});
        } else if (route.protocol == "consumer") {
            span.tags.push_back({"messaging.system", std::string("kafka")});
            span.tags.push_back({"messaging.destination.name", std::string("orders")});
            span.tags.push_back({"messaging.operation", std::string("process")});
        }
        span.tags.push_back({"service.version", std::string("1.") + std::to_string(instance % 7)});
    }
    const std::uint64_t spanId = trace.spans[spanSlot].spanId;

    // Self time: mostly near the route's base, with a long tail.
    const double u = static_cast<double>(below(1000)) / 1000.0;
    std::int64_t cursor = startNs + static_cast<std::int64_t>(route.selfMicros * 1000 * (0.2 + u * u * u * 3.0)) / 3;
    bool childFailed = false;
    std::int64_t latestEnd = cursor;
    for (const Downstream& call : route.calls) {
        if (!chance(call.percent))
            continue;
        // Some calls go out in parallel with the previous one.
        const std::int64_t callStart = chance(30) ? std::max(startNs + 10'000, cursor - 200'000) : latestEnd + 20'000;
        std::int64_t callEnd = callStart;
        if (call.type == CallType::Service) {
            const int target = routeIndex(call.target);
            GeneratedSpan client;
            client.spanId = m_nextSpanId++ ^ (next() & 0xffff'0000'0000'0000ULL);
            client.parentId = spanId;
            client.service = route.service;
            client.operation = routes()[static_cast<std::size_t>(target)].operation;
            client.kind = "client";
            client.startNs = callStart;
            client.tags = {{"peer.service", std::string(routes()[static_cast<std::size_t>(target)].service)},
                {"net.peer.name", std::string(routes()[static_cast<std::size_t>(target)].service)}};
            const std::size_t clientSlot = trace.spans.size();
            trace.spans.push_back(client);
            bool calleeFailed = false;
            const std::int64_t serverEnd =
                expand(trace, target, client.spanId, callStart + 150'000, depth + 1, calleeFailed);
            callEnd = serverEnd + 120'000;
            trace.spans[clientSlot].durationNs = callEnd - callStart;
            if (calleeFailed) {
                trace.spans[clientSlot].error = true;
                trace.spans[clientSlot].statusMessage = "upstream returned an error";
                childFailed = childFailed || chance(60);
            }
        } else {
            GeneratedSpan leaf;
            leaf.spanId = m_nextSpanId++ ^ (next() & 0xffff'0000'0000'0000ULL);
            leaf.parentId = spanId;
            leaf.service = route.service;
            leaf.startNs = callStart;
            leaf.kind = call.type == CallType::Publish ? "producer" : "client";
            const std::int64_t micros =
                100 + static_cast<std::int64_t>(below(call.type == CallType::Http ? 40'000 : 3'000));
            leaf.durationNs = micros * 1000;
            leaf.tags.push_back({"peer.service", std::string(call.target)});
            switch (call.type) {
            case CallType::Database:
                leaf.operation = std::string(call.operation.substr(0, call.operation.find(' '))) + " shop";
                leaf.tags.push_back({"db.system", std::string("postgresql")});
                leaf.tags.push_back({"db.name", std::string("shop")});
                leaf.tags.push_back({"db.statement", std::string(call.operation)});
                leaf.tags.push_back({"net.peer.port", static_cast<std::int64_t>(5432)});
                break;
            case CallType::Cache:
                leaf.operation = std::string(call.operation.substr(0, call.operation.find(' ')));
                leaf.tags.push_back({"db.system", std::string("redis")});
                leaf.tags.push_back({"db.statement", std::string(call.operation)});
                leaf.tags.push_back({"net.peer.port", static_cast<std::int64_t>(6379)});
                break;
            case CallType::Http:
                leaf.operation = std::string(call.operation);
                leaf.tags.push_back({"http.method", std::string(call.operation.substr(0, call.operation.find(' ')))});
                leaf.tags.push_back({"http.url",
                    "https://" + std::string(call.target) + ".example" +
                        std::string(call.operation.substr(call.operation.find(' ') + 1))});
                leaf.tags.push_back({"http.status_code", static_cast<std::int64_t>(200)});
                break;
            case CallType::Publish:
                leaf.operation = std::string(call.operation) + " publish";
                leaf.tags.push_back({"messaging.system", std::string("kafka")});
                leaf.tags.push_back({"messaging.destination.name", std::string(call.operation)});
                break;
            case CallType::Service:
                break;
            }
            if (call.type != CallType::Publish && chance(2)) {
                leaf.error = true;
                leaf.statusMessage =
                    call.type == CallType::Http ? "HTTP 503 Service Unavailable" : "connection reset by peer";
                leaf.logs.push_back({callStart + leaf.durationNs - 1000,
                    {{"event", std::string("error")}, {"message", leaf.statusMessage}}});
                childFailed = childFailed || chance(50);
            }
            callEnd = callStart + leaf.durationNs;
            const std::uint64_t producerId = leaf.spanId;
            trace.spans.push_back(std::move(leaf));
            if (call.type == CallType::Publish) {
                // Consumers pick the message up later, as children of the producer span.
                for (const std::string_view consumer :
                    {"notification-service|orders process", "accounting-service|orders process"}) {
                    bool consumerFailed = false;
                    expand(trace, routeIndex(consumer), producerId,
                        callEnd + 2'000'000 + static_cast<std::int64_t>(below(8'000'000)), depth + 1, consumerFailed);
                }
            }
        }
        latestEnd = std::max(latestEnd, callEnd);
        cursor = callEnd;
    }
    const std::int64_t selfTail = static_cast<std::int64_t>(route.selfMicros * 1000 * (0.2 + u * 2.0)) / 3;
    const std::int64_t end = latestEnd + selfTail;

    GeneratedSpan& span = trace.spans[spanSlot];
    span.durationNs = end - startNs;
    span.logs.push_back(
        {startNs + 5'000, {{"event", std::string("request received")}, {"depth", static_cast<std::int64_t>(depth)}}});
    failed = childFailed || chance(route.errorPercent);
    if (failed) {
        span.error = true;
        span.statusMessage = childFailed ? "a downstream call failed" : "internal error";
        span.logs.push_back({end - 2'000, {{"event", std::string("error")}, {"message", span.statusMessage}}});
        if (route.protocol == "http")
            span.tags.push_back({"http.status_code", static_cast<std::int64_t>(childFailed ? 502 : 500)});
    } else if (route.protocol == "http") {
        span.tags.push_back({"http.status_code", static_cast<std::int64_t>(200)});
    }
    return end;
}

} // namespace Spanwise::TraceGen
