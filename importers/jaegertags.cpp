#include "jaegertags.h"

#include "base64.h"
#include "importcontext.h"
#include "jsonvalue.h"
#include "tracesetbuilder.h"

namespace Spanwise {
namespace {

using simdjson::dom::element_type;

// Jaeger's declared type wins; with no type, the JSON value's own type is used.
bool readValue(
    std::string_view type, simdjson::dom::element value, TraceSetBuilder& builder, Attribute& out, std::string& problem)
{
    if (type.empty()) {
        switch (value.type()) {
        case element_type::BOOL:
            type = "bool";
            break;
        case element_type::INT64:
        case element_type::UINT64:
            type = "int64";
            break;
        case element_type::DOUBLE:
            type = "float64";
            break;
        default:
            type = "string";
        }
    }
    if (type == "string") {
        if (const auto text = jsonString(value)) {
            out.setType(AttributeType::String);
            out.text = builder.intern(*text);
            return true;
        }
    } else if (type == "bool") {
        if (const auto b = jsonBool(value)) {
            out.setType(AttributeType::Bool);
            out.boolean = *b;
            return true;
        }
    } else if (type == "int64") {
        if (const auto i = jsonInteger(value)) {
            out.setType(AttributeType::Int);
            out.integer = *i;
            return true;
        }
    } else if (type == "float64") {
        if (const auto d = jsonNumber(value)) {
            out.setType(AttributeType::Double);
            out.real = *d;
            return true;
        }
    } else if (type == "binary") {
        if (const auto text = jsonString(value)) {
            if (const auto bytes = decodeBase64(*text)) {
                out.setType(AttributeType::Bytes);
                out.text = builder.intern(*bytes);
                return true;
            }
            problem = "binary value is not valid base64";
            return false;
        }
    } else {
        problem = "unknown tag type \"" + std::string(type) + "\"";
        return false;
    }
    problem = "a " + std::string(type) + " tag cannot hold " + std::string(jsonTypeName(value));
    return false;
}

} // namespace

void readJaegerTags(simdjson::dom::element tags, const JsonPath& path, std::size_t recordOffset, ImportContext& context,
    std::vector<Attribute>& out)
{
    if (tags.is_null())
        return;
    simdjson::dom::array list;
    if (tags.get_array().get(list)) {
        context.warn(
            recordOffset, path.toString(), "expected an array of tags, found " + std::string(jsonTypeName(tags)));
        return;
    }
    std::int64_t index = 0;
    for (simdjson::dom::element tag : list) {
        const JsonPath tagPath = path.element(index++);
        simdjson::dom::object object;
        if (tag.get_object().get(object)) {
            context.warn(
                recordOffset, tagPath.toString(), "expected a tag object, found " + std::string(jsonTypeName(tag)));
            continue;
        }
        const auto key = jsonMember(object, "key");
        const auto keyText = key ? jsonString(*key) : std::nullopt;
        if (!keyText) {
            context.warn(recordOffset, tagPath.member("key").toString(), "tag has no string key; tag skipped");
            continue;
        }
        const auto value = jsonMember(object, "value");
        if (!value) {
            context.warn(recordOffset, tagPath.member("value").toString(),
                "tag \"" + std::string(*keyText) + "\" has no value; tag skipped");
            continue;
        }
        const auto type = jsonMember(object, "type");
        const std::string_view typeText = type ? jsonString(*type).value_or(std::string_view {}) : std::string_view {};
        Attribute attribute;
        attribute.setKey(context.builder().intern(*keyText));
        std::string problem;
        if (!readValue(typeText, *value, context.builder(), attribute, problem)) {
            context.warn(recordOffset, tagPath.member("value").toString(),
                "tag \"" + std::string(*keyText) + "\": " + problem + "; tag skipped");
            continue;
        }
        out.push_back(attribute);
    }
}

} // namespace Spanwise
