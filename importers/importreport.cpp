#include "importreport.h"

namespace Spanwise {

std::string ImportReport::describe(const ImportMessage& message) const
{
    std::string out = path;
    out += ": ";
    if (message.line > 0) {
        out += "line " + std::to_string(message.line) + ", column " + std::to_string(message.column) + " (byte " +
            std::to_string(message.byteOffset) + ")";
    } else {
        out += "byte " + std::to_string(message.byteOffset);
    }
    if (!message.jsonPath.empty())
        out += ", at " + message.jsonPath;
    out += ": ";
    out += message.text;
    return out;
}

bool ImportReport::roomForMessage()
{
    if (messages.size() < maxKeptMessages)
        return true;
    ++messagesDropped;
    return false;
}

void ImportReport::append(ImportReport&& later)
{
    spans += later.spans;
    logRecords += later.logRecords;
    warningCount += later.warningCount;
    errorCount += later.errorCount;
    messagesDropped += later.messagesDropped;
    for (ImportMessage& message : later.messages)
        if (roomForMessage())
            messages.push_back(std::move(message));
}

} // namespace Spanwise
