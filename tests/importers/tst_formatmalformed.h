#pragma once

// Declared apart from its definitions: moc cannot read the raw string literals the tests use.
#include <QObject>

class TestFormatMalformed : public QObject
{
    Q_OBJECT

private slots:
    void otlpJsonFields_data();
    void otlpJsonFields();
    void spanDropsAreKept();
    void detection_data();
    void detection();
    void protobufFrames_data();
    void protobufFrames();
    void truncatedRawProtobuf();
    void corruptResourceSpansIsSkipped();
};
