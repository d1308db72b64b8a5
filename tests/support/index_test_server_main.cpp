// The index test server as a program, for trying calloutctl and the desk by hand:
//   index-test-server [PORT [USER:PASSWORD]]
// With USER:PASSWORD, only that administrator and the API keys it makes
// (calloutctl index api-key) are let in, as on an Elasticsearch with security on.
#include "IndexTestServer.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    calloutdesk::test::IndexTestServer server;
    const quint16 port = argc > 1 ? quint16(QByteArray(argv[1]).toUInt()) : 0;
    if (argc > 2)
        server.requireAuthorization("Basic " + QByteArray(argv[2]).toBase64());
    if (!server.start(port)) {
        std::fprintf(stderr, "index-test-server: cannot listen on port %u\n", port);
        return 1;
    }
    std::printf("index-test-server listening on %s\n", qPrintable(server.url()));
    std::fflush(stdout);
    return app.exec();
}
