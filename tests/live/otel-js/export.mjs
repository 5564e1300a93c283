// Exports spans with the real OpenTelemetry JS SDK to an OTLP/HTTP endpoint, then prints every
// span it made as one JSON object a line, so the test can tell what should have arrived.
//   node export.mjs --url http://127.0.0.1:PORT/v1/traces --encoding proto|json [--traces N]
import { diag, DiagConsoleLogger, DiagLogLevel, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

function option(name, fallback) {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const url = option('url');
const encoding = option('encoding', 'proto');
const traceCount = Number(option('traces', '40'));
if (!url || !['proto', 'json'].includes(encoding)) {
    console.error('usage: node export.mjs --url URL --encoding proto|json [--traces N]');
    process.exit(2);
}

// Export failures are the SDK's to report; they go to stderr, which the test shows.
diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.ERROR);

const Exporter = encoding === 'proto' ? ProtoExporter : JsonExporter;
const exporter = new Exporter({ url, timeoutMillis: 10000 });
const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
        'service.name': `sdk-${encoding}-checkout`,
        'service.version': '2.5.1',
        'deployment.environment.name': 'test',
    }),
    // Small batches, so one run makes many requests.
    spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 64, scheduledDelayMillis: 50 })],
});
const tracer = provider.getTracer('spanwise-export-test', '1.0.0');

const made = [];
function record(span, parentSpanId, attributes) {
    const context = span.spanContext();
    made.push({ traceId: context.traceId, spanId: context.spanId, parentSpanId, name: span.name, attributes });
}

function startSpan(name, kind, attributes, parent) {
    const context = parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
    const span = tracer.startSpan(name, { kind, attributes }, context);
    record(span, parent ? parent.spanContext().spanId : '', attributes);
    return span;
}

// Each trace: a server span with four client calls, each with a database child: 9 spans.
for (let t = 0; t < traceCount; ++t) {
    const root = startSpan('POST /checkout', SpanKind.SERVER, {
        'http.request.method': 'POST',
        'http.response.status_code': 200 + (t % 3) * 100,
        'order.total': 12.5 * (t + 1),
        'order.express': t % 2 === 0,
        'order.items': [`sku-${t}`, `sku-${t + 1}`],
    });
    for (let c = 0; c < 4; ++c) {
        const call = startSpan(`call backend-${c}`, SpanKind.CLIENT, { 'peer.service': `backend-${c}`, 'call.index': c }, root);
        const query = startSpan('SELECT orders', SpanKind.CLIENT, { 'db.system': 'postgresql', 'db.rows': t * 10 + c }, call);
        query.addEvent('rows fetched', { count: t + c });
        if ((t + c) % 7 === 0)
            query.setStatus({ code: SpanStatusCode.ERROR, message: 'deadlock detected' });
        query.end();
        call.end();
    }
    root.end();
}

await provider.forceFlush();
await provider.shutdown();
for (const span of made)
    console.log(JSON.stringify(span));
