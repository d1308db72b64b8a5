#!/usr/bin/python3
"""A real SMTP server on loopback for the mail tests (DESIGN.md, "The test servers").

It speaks SMTP through Debian's python3-aiosmtpd, so the program under test talks to a
server it did not write. Every accepted message is stored as <n>.eml (the bytes as
received) with <n>.json beside it (the envelope: sender and recipients), written before
the server answers the end of DATA: once the client has its 250, the files are there.

    smtp-test-server.py --maildir DIR [--refuse ADDR]... [--defer ADDR]...
                        [--tls-cert PEM --tls-key PEM (--starttls | --implicit-tls)]
                        [--login USER:PASSWORD]

--refuse answers RCPT TO for that address with a permanent 550, --defer with a
temporary 451. --login requires AUTH with those credentials. The server listens on a
free port of 127.0.0.1 and prints "PORT <n>" on a line of its own when it accepts
connections; it stops on SIGTERM or when its standard input closes. "Down" is simply not
running: the port then refuses connections.
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class StoringHandler:
    def __init__(self, maildir, refused, deferred):
        self.maildir = maildir
        self.refused = {address.lower() for address in refused}
        self.deferred = {address.lower() for address in deferred}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if address.lower() in self.deferred:
            return f"451 4.3.0 <{address}>: Mailbox temporarily unavailable, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.maildir, f"{self.count:04d}")
        # Written under a temporary name and renamed, so a reader never sees half a file.
        with open(base + ".eml.part", "wb") as out:
            out.write(envelope.original_content)
        with open(base + ".json", "w", encoding="utf-8") as out:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, out)
        os.rename(base + ".eml.part", base + ".eml")
        return "250 2.0.0 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--refuse", action="append", default=[])
    parser.add_argument("--defer", action="append", default=[])
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--login")
    parser.add_argument("--port", type=int, default=0,
                        help="listen on this port (0: a free one), to come back where it was")
    args = parser.parse_args()
    os.makedirs(args.maildir, exist_ok=True)

    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)

    authenticator = None
    if args.login:
        user, password = args.login.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = (isinstance(data, LoginPassword) and data.login.decode() == user
                  and data.password.decode() == password)
            # handled=False: aiosmtpd then answers a failure with its 535 itself.
            return AuthResult(success=ok, handled=False)

    handler = StoringHandler(args.maildir, args.refuse, args.defer)

    def factory():
        return SMTP(handler, hostname="smtp-test-server.localhost",
                    tls_context=context if args.starttls else None,
                    require_starttls=args.starttls,
                    authenticator=authenticator, auth_required=authenticator is not None,
                    # Over plain smtp:// a test may still log in; a real server would not.
                    auth_require_tls=False)

    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(
        factory, host="127.0.0.1", port=args.port,
        ssl=context if args.implicit_tls else None))
    port = server.sockets[0].getsockname()[1]

    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, lambda: stop.done() or stop.set_result(None))
    # The parent's end of the pipe closing means it went away without stopping us.
    loop.add_reader(sys.stdin.fileno(), lambda: sys.stdin.buffer.read1(4096) or
                    stop.done() or stop.set_result(None))
    print(f"PORT {port}", flush=True)
    loop.run_until_complete(stop)
    server.close()
    loop.run_until_complete(server.wait_closed())


if __name__ == "__main__":
    main()
