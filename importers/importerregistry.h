#pragma once

#include "importer.h"

#include <memory>
#include <string_view>
#include <vector>

namespace Spanwise {

// Every importer Spanwise has; picks one by content, never by file name.
class ImporterRegistry
{
public:
    // The registry with every built-in format.
    static const ImporterRegistry& builtIn();

    void add(std::unique_ptr<Importer> importer);
    // The importer surest of `bytes`, or nullptr when none recognises them.
    const Importer* detect(std::string_view bytes) const;
    const Importer* find(std::string_view formatName) const;

    // How much of a file detection looks at.
    static constexpr std::size_t sniffWindow = 64 * 1024;

private:
    std::vector<std::unique_ptr<Importer>> m_importers;
};

} // namespace Spanwise
