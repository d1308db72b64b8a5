#pragma once

#include "IndexClient.h"

namespace calloutdesk {

// Makes sure the index exists with its explicit mapping and that the stored script the
// sync relies on is installed (resources/index/). Both steps are idempotent, so every
// desk can run them when it starts.
class IndexSchema
{
public:
    static constexpr const char *applyIfNewerScript = "calloutdesk-apply-if-newer";

    static QJsonDocument mapping();
    static QString applyIfNewerSource();

    static void ensure(IndexClient &client, std::function<void(const IndexResponse &)> done);
};

} // namespace calloutdesk
