#pragma once

#include "IndexClient.h"

namespace calloutdesk {

// Makes sure a lab's index exists with its explicit mapping and that the stored script the
// sync relies on is installed (resources/index/). Both steps are idempotent, so every
// desk can run them when it starts.
class IndexSchema
{
public:
    static constexpr const char *applyIfNewerScript = "calloutdesk-apply-if-newer";

    static QJsonDocument mapping();
    static QString applyIfNewerSource();

    // Creates the index unless it exists. A lab's desk key may not create one (it is
    // created with the administrator's credential by `calloutctl index api-key`); it only
    // needs to see that it exists.
    static void ensureIndex(IndexClient &client, const QString &index,
                            std::function<void(const IndexResponse &)> done);
    // Installs the stored script. That needs the cluster privilege "manage", which a lab's
    // desk key does not have (IndexApiKeyIssuer installs it with the administrator's).
    static void ensureScript(IndexClient &client, std::function<void(const IndexResponse &)> done);
};

} // namespace calloutdesk
