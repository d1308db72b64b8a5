#pragma once

#include <QtGlobal>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace calloutdesk::test {

// A TCP relay on loopback in front of the test PostgreSQL cluster that can cut one
// connection at its COMMIT, the moment SPEC C9 is about: the client has sent COMMIT and
// does not learn how it ended. It recognises the simple-protocol Query message "COMMIT"
// (QPSQL sends COMMIT that way) in the client's byte stream; everything else is relayed
// untouched, so libpq's start-up, authentication and TLS refusal pass through.
//
// AfterCommit: COMMIT reaches the server; once the server has answered (the commit is
// done), both sides are closed and the answer never reaches the client.
// BeforeCommit: COMMIT never reaches the server; both sides are closed, so the server
// rolls the transaction back.
// Each arm() cuts one COMMIT; later connections and COMMITs are relayed as they are.
class PgCommitCutProxy
{
public:
    enum class Cut
    {
        BeforeCommit,
        AfterCommit
    };

    PgCommitCutProxy(const char *upstreamHost, quint16 upstreamPort);
    ~PgCommitCutProxy();

    PgCommitCutProxy(const PgCommitCutProxy &) = delete;
    PgCommitCutProxy &operator=(const PgCommitCutProxy &) = delete;

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    void arm(Cut cut);
    // How many COMMITs were cut so far.
    int cuts() const { return m_cuts.load(); }

private:
    void acceptLoop();
    void relay(int client);

    struct Upstream;
    std::unique_ptr<Upstream> m_upstream;
    int m_listener = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_armed{-1}; // -1: none, else a Cut
    std::atomic<int> m_cuts{0};
    std::thread m_acceptor;
    std::vector<std::thread> m_relays;
};

} // namespace calloutdesk::test
