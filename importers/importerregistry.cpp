#include "importerregistry.h"

#include "jaegerimporter.h"
#include "jsonlogsimporter.h"
#include "otlpjsonimporter.h"
#include "otlpprotoimporter.h"
#include "zipkinv1importer.h"
#include "zipkinv2importer.h"

namespace Spanwise {

const ImporterRegistry& ImporterRegistry::builtIn()
{
    static const ImporterRegistry registry = [] {
        ImporterRegistry r;
        r.add(std::make_unique<JaegerImporter>());
        r.add(std::make_unique<OtlpJsonImporter>());
        r.add(std::make_unique<OtlpProtoImporter>());
        r.add(std::make_unique<ZipkinV2Importer>());
        r.add(std::make_unique<ZipkinV1Importer>());
        r.add(std::make_unique<JsonLogsImporter>());
        return r;
    }();
    return registry;
}

void ImporterRegistry::add(std::unique_ptr<Importer> importer)
{
    m_importers.push_back(std::move(importer));
}

const Importer* ImporterRegistry::detect(std::string_view bytes) const
{
    const std::string_view head = bytes.substr(0, sniffWindow);
    const Importer* best = nullptr;
    int bestScore = 0;
    for (const auto& importer : m_importers) {
        const int score = importer->sniff(head);
        if (score > bestScore) {
            best = importer.get();
            bestScore = score;
        }
    }
    return best;
}

const Importer* ImporterRegistry::find(std::string_view formatName) const
{
    for (const auto& importer : m_importers)
        if (importer->formatName() == formatName)
            return importer.get();
    return nullptr;
}

} // namespace Spanwise
