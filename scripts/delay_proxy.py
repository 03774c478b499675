#!/usr/bin/env python3
"""A delaying FTP proxy for the benchmark (scripts/bench.sh): a link with a round-trip time and,
optionally, a bandwidth cap per TCP connection, on loopback, where netem is not available.

    delay_proxy.py SERVER_PORT RTT_MS [KIB_PER_S]

Listens on 127.0.0.1 (a free port, printed as the first line on stdout) and relays each control
connection to 127.0.0.1:SERVER_PORT. Every chunk of bytes is held for RTT/2 in each direction
before it is passed on, in order, so every request and its answer cost one RTT, as on a real
link. Passive data connections go through the proxy too: a 227 (PASV) or 229 (EPSV) reply is
rewritten to a port of the proxy's own, which relays the one data connection made to it to the
port the server named, with the same delay and cap. Active mode (PORT/EPRT) is not supported.

With KIB_PER_S, each connection's bytes are paced to that rate in each direction; each direction
holds at most about RTT worth of bytes at that rate plus 64 KiB, so a capped sender is held back
as by a real link (memory stays bounded).

What it does not model: TCP's own slow start and loss on the delayed path (the proxy's sockets
on both sides are loopback), so a long transfer's rate is the cap or the proxy's own speed.
Everything listens on 127.0.0.1 only.
"""

import asyncio
import re
import sys

CHUNK = 64 * 1024
PASV = re.compile(rb"^227 .*?(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)")
EPSV = re.compile(rb"^229 .*?\((.)\1\1(\d+)\1\)")


class Link:
    """The delay (seconds, one way) and the cap (bytes per second, or 0) of each connection."""

    def __init__(self, rtt_ms, kib_per_s):
        self.delay = rtt_ms / 2000.0
        self.rate = kib_per_s * 1024
        per_rtt = int(self.rate * rtt_ms / 1000.0) if self.rate else 64 * CHUNK
        self.window = max(2, (per_rtt + CHUNK) // CHUNK + 1)  # chunks in flight per direction


async def pump(link, reader, writer, rewrite=None):
    """Copies reader to writer with the link's delay and cap; `rewrite` maps each line (control
    replies) instead of copying raw chunks. Closes the writer at the end."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue(maxsize=link.window)

    async def take():
        try:
            while True:
                data = await (reader.readline() if rewrite else reader.read(CHUNK))
                if data and rewrite:
                    data = await rewrite(data)
                await queue.put((loop.time() + link.delay, data))
                if not data:
                    return
        except (ConnectionError, OSError):
            await queue.put((loop.time(), b""))

    async def give():
        try:
            while True:
                due, data = await queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    break
                writer.write(data)
                await writer.drain()
                if link.rate:
                    await asyncio.sleep(len(data) / link.rate)
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    taker = asyncio.ensure_future(take())
    await give()
    taker.cancel()


async def relay(link, client_r, client_w, host, port, rewrite=None):
    """Connects to host:port and copies both ways until both directions ended."""
    try:
        server_r, server_w = await asyncio.open_connection(host, port)
    except OSError:
        client_w.close()
        return
    up = pump(link, client_r, server_w)
    down = pump(link, server_r, client_w, rewrite)
    await asyncio.gather(up, down)


async def data_port(link, host, port):
    """A listener on a free local port that relays its first connection to host:port."""
    done = asyncio.get_running_loop().create_future()

    async def accept(r, w):
        if done.done():
            w.close()
            return
        done.set_result(None)
        server.close()
        await relay(link, r, w, host, port)

    server = await asyncio.start_server(accept, "127.0.0.1", 0)
    return server.sockets[0].getsockname()[1]


def control(link, server_port):
    async def handle(r, w):
        async def rewrite(line):
            m = PASV.match(line)
            if m:
                n = [int(x) for x in m.groups()]
                host, port = "%d.%d.%d.%d" % tuple(n[:4]), n[4] * 256 + n[5]
                mine = await data_port(link, host, port)
                return b"227 Entering Passive Mode (127,0,0,1,%d,%d).\r\n" % (mine >> 8, mine & 255)
            m = EPSV.match(line)
            if m:
                mine = await data_port(link, "127.0.0.1", int(m.group(2)))
                return b"229 Entering Extended Passive Mode (|||%d|).\r\n" % mine
            return line

        await relay(link, r, w, "127.0.0.1", server_port, rewrite)

    return handle


async def main():
    server_port, rtt_ms = int(sys.argv[1]), float(sys.argv[2])
    link = Link(rtt_ms, float(sys.argv[3]) if len(sys.argv) > 3 else 0)
    server = await asyncio.start_server(control(link, server_port), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    asyncio.run(main())
