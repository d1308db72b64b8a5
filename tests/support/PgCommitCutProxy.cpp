#include "PgCommitCutProxy.h"

#include <QByteArray>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <mutex>
#include <string>

namespace calloutdesk::test {

namespace {

// 'Q', length 11 (4 + "COMMIT\0"), "COMMIT\0": the whole simple-protocol message.
const QByteArray commitMessage("Q\0\0\0\x0b"
                               "COMMIT\0",
                               12);

bool sendAll(int socket, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t sent = ::send(socket, data, size_t(size), MSG_NOSIGNAL);
        if (sent <= 0)
            return false;
        data += sent;
        size -= sent;
    }
    return true;
}

} // namespace

struct PgCommitCutProxy::Upstream
{
    std::string host;
    quint16 port = 0;
    std::mutex relaysMutex;
};

PgCommitCutProxy::PgCommitCutProxy(const char *upstreamHost, quint16 upstreamPort)
    : m_upstream(std::make_unique<Upstream>())
{
    m_upstream->host = upstreamHost;
    m_upstream->port = upstreamPort;
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_listener < 0)
        return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(m_listener, 16) != 0
        || ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        ::close(m_listener);
        m_listener = -1;
        return;
    }
    m_port = ntohs(address.sin_port);
    m_acceptor = std::thread([this] { acceptLoop(); });
}

PgCommitCutProxy::~PgCommitCutProxy()
{
    m_stopping = true;
    if (m_listener >= 0)
        ::shutdown(m_listener, SHUT_RDWR);
    if (m_acceptor.joinable())
        m_acceptor.join();
    if (m_listener >= 0)
        ::close(m_listener);
    std::lock_guard lock(m_upstream->relaysMutex);
    for (std::thread &relay : m_relays)
        relay.join();
}

void PgCommitCutProxy::arm(Cut cut)
{
    m_armed = int(cut);
}

void PgCommitCutProxy::acceptLoop()
{
    while (!m_stopping) {
        pollfd waiting{m_listener, POLLIN, 0};
        if (::poll(&waiting, 1, 100) <= 0)
            continue;
        const int client = ::accept(m_listener, nullptr, nullptr);
        if (client < 0)
            continue;
        std::lock_guard lock(m_upstream->relaysMutex);
        m_relays.emplace_back([this, client] { relay(client); });
    }
}

void PgCommitCutProxy::relay(int client)
{
    const int server = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_upstream->port);
    ::inet_pton(AF_INET, m_upstream->host.c_str(), &address.sin_addr);
    if (server < 0
        || ::connect(server, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(client);
        if (server >= 0)
            ::close(server);
        return;
    }

    bool awaitingCommitAnswer = false;
    char buffer[65536];
    while (!m_stopping) {
        pollfd sockets[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        if (::poll(sockets, 2, 100) <= 0)
            continue;
        if (sockets[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t got = ::recv(server, buffer, sizeof buffer, 0);
            if (got <= 0)
                break;
            if (awaitingCommitAnswer) {
                // The server has answered the COMMIT: it is over on its side. The
                // client never hears how.
                ++m_cuts;
                break;
            }
            if (!sendAll(client, buffer, got))
                break;
        }
        if (sockets[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
            if (got <= 0)
                break;
            // libpq writes a whole message at once, so a COMMIT arrives in one piece.
            const QByteArray received(buffer, got);
            int armed = m_armed.load();
            const qsizetype at = armed >= 0 ? received.indexOf(commitMessage) : -1;
            if (at < 0 || !m_armed.compare_exchange_strong(armed, -1)) {
                if (!sendAll(server, received.constData(), received.size()))
                    break;
                continue;
            }
            if (!sendAll(server, received.constData(), at))
                break;
            if (Cut(armed) == Cut::BeforeCommit) {
                ++m_cuts;
                break;
            }
            if (!sendAll(server, received.constData() + at, received.size() - at))
                break;
            awaitingCommitAnswer = true;
        }
    }
    ::close(client);
    ::close(server);
}

} // namespace calloutdesk::test
