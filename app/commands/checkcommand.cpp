#include "checkcommand.h"

#include "command.h"
#include "formatting.h"
#include "rulemonitor.h"
#include "rules.h"
#include "traceset.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace Spanwise {
namespace {

QString unitName(RuleUnit unit)
{
    switch (unit) {
    case RuleUnit::Nanoseconds:
        return QStringLiteral("ns");
    case RuleUnit::Ratio:
        return QStringLiteral("ratio");
    case RuleUnit::Count:
        break;
    }
    return QStringLiteral("count");
}

} // namespace

int runCheckCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("check"), QStringLiteral("Check latency and error rules against trace files."),
        QStringLiteral("FILE... --rule 'p95(service=\"x\") < 300ms'... [--rules FILE] [--json] [--allow-empty]"));
    QCommandLineParser& parser = command.parser();
    const QCommandLineOption ruleOption(QStringLiteral("rule"),
        QStringLiteral("A rule, e.g. 'error_rate(service=\"payments\") < 1%'."), QStringLiteral("RULE"));
    const QCommandLineOption rulesOption(QStringLiteral("rules"),
        QStringLiteral("A file of rules, one per line (# starts a comment)."), QStringLiteral("FILE"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption allowEmptyOption(
        QStringLiteral("allow-empty"), QStringLiteral("A rule that matches no spans passes instead of failing."));
    parser.addOptions({ruleOption, rulesOption, jsonOption, allowEmptyOption});
    if (const auto stop = command.parse(arguments))
        return *stop;

    QStringList texts = parser.values(ruleOption);
    if (parser.isSet(rulesOption)) {
        QFile file(parser.value(rulesOption));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return command.usageError(
                QStringLiteral("cannot read the rules file %1: %2").arg(file.fileName(), file.errorString()));
        for (const QString& line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
            const QString rule = line.section(QLatin1Char('#'), 0, 0).trimmed();
            if (!rule.isEmpty())
                texts << rule;
        }
    }
    if (command.files().isEmpty() || texts.isEmpty())
        return command.usageError(QStringLiteral("give trace files and at least one --rule or --rules FILE"));
    std::vector<Rule> rules;
    for (const QString& text : texts) {
        auto rule = parseRule(text.toStdString());
        if (!rule)
            return command.usageError(QStringLiteral("in the rule '%1', at column %2: %3")
                                          .arg(text)
                                          .arg(rule.error().column)
                                          .arg(toQString(rule.error().message)));
        rules.push_back(std::move(*rule));
    }

    const LoadResult result = command.load();
    if (!result.traces || result.traces->spans().empty()) {
        command.failure(QStringLiteral("nothing could be loaded: no rule was checked"));
        return ExitNothingLoaded;
    }
    QTextStream out(stdout);
    QJsonArray json;
    bool allPass = true;
    RuleEvaluator evaluator(*result.traces);
    for (const Rule& rule : rules) {
        const auto evaluated = evaluator.evaluate(rule, parser.isSet(allowEmptyOption));
        if (!evaluated)
            return command.usageError(QStringLiteral("in the rule '%1', at column %2: %3")
                                          .arg(toQString(rule.text))
                                          .arg(evaluated.error().column)
                                          .arg(toQString(evaluated.error().message)));
        allPass = allPass && evaluated->pass;
        if (parser.isSet(jsonOption)) {
            json.append(QJsonObject {{QStringLiteral("rule"), toQString(rule.text)},
                {QStringLiteral("value"), evaluated->value ? QJsonValue(*evaluated->value) : QJsonValue()},
                {QStringLiteral("unit"), unitName(evaluated->unit)}, {QStringLiteral("pass"), evaluated->pass}});
        } else {
            out << (evaluated->pass ? "pass  " : "FAIL  ") << toQString(rule.text) << "   (measured "
                << ruleValueText(*evaluated) << ")\n";
        }
    }
    if (parser.isSet(jsonOption))
        out << QJsonDocument(QJsonObject {{QStringLiteral("rules"), json}}).toJson(QJsonDocument::Indented);
    return allPass ? ExitDone : ExitRuleFailed;
}

} // namespace Spanwise
