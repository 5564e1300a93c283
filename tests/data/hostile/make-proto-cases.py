#!/usr/bin/env python3
"""Writes the hand-made OTLP protobuf cases of this folder (wire format encoded by hand, so no
protobuf library is needed). Run from this folder; the outputs are committed beside it."""
import struct


def varint(n):
    out = b""
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out += bytes([byte | 0x80])
        else:
            return out + bytes([byte])


def field(number, payload):  # length-delimited
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def fixed64(number, value):
    return varint(number << 3 | 1) + struct.pack("<Q", value)


def span(index, name, attributes=b""):
    return field(1, bytes(range(1, 17))) + field(2, bytes([0] * 7 + [index])) + field(5, name) + \
        fixed64(7, 1_700_000_000_000_000_000 + index) + fixed64(8, 1_700_000_000_000_001_000 + index) + attributes


def deep_attribute(levels):
    value = field(1, b"leaf")  # AnyValue.string_value
    for _ in range(levels):
        key_value = field(1, b"k") + field(2, value)   # KeyValue
        value = field(6, field(1, key_value))           # AnyValue.kvlist_value -> KeyValueList.values
    return field(9, field(1, b"deep") + field(2, value))  # Span.attributes


def resource_spans(spans):
    service = field(1, field(1, b"service.name") + field(2, field(1, b"svc")))
    return field(1, service) + field(2, b"".join(field(2, s) for s in spans))


# One ResourceSpans of three spans; the middle one's name is not UTF-8 (proto3 rejects it).
bad_utf8 = field(1, resource_spans([span(1, b"first"), span(2, b"bad \xff\xfe name"), span(3, b"third")]))
open("otlp-proto-one-bad-span.pb", "wb").write(bad_utf8)

# The same with the middle span carrying an attribute nested 150 deep (past protobuf's 100).
too_deep = field(1, resource_spans([span(1, b"first"), span(2, b"deep", deep_attribute(150)), span(3, b"third")]))
open("otlp-proto-too-deep-attribute.pb", "wb").write(too_deep)

# A length-prefixed stream (Collector file exporter) that starts with an empty frame.
frame = field(1, resource_spans([span(1, b"first"), span(2, b"second")]))
open("otlp-proto-empty-first-frame.bin", "wb").write(struct.pack(">I", 0) + struct.pack(">I", len(frame)) + frame)

# Two spans, one at the very start of 1970 and one whose start overflows int64 (once a 92-byte
# file whose ruler ticks filled 16 GB in the waterfall).
def timed_span(index, start, end):
    return field(1, bytes(range(1, 17))) + field(2, bytes([0] * 7 + [index])) + field(5, b"t") + \
        fixed64(7, start) + fixed64(8, end)


overflowing = field(1, resource_spans([timed_span(1, 1, 2), timed_span(2, 2**64 - 1, 2**64 - 1)]))
open("otlp-proto-overflowing-start.pb", "wb").write(overflowing)
