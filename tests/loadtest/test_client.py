import asyncio

from loadtest.client import UrlStats, report, run_load


async def _serve_and_load(**load):
    """A tiny HTTP server on a loopback port: 200 for /ok, 404 for anything else."""

    async def answer(reader, writer):
        request_line = await reader.readline()
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        status = b"200 OK" if request_line.split()[1] == b"/ok" else b"404 Not Found"
        writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        return await run_load(f"http://127.0.0.1:{port}", ["/ok", "/missing"], **load)


def test_run_load_stops_at_request_bound_and_counts_non_2xx_as_errors():
    stats, elapsed = asyncio.run(_serve_and_load(duration=30, concurrency=4, max_requests=40))

    ok, missing = stats["/ok"], stats["/missing"]
    # How the 40 split between the URLs depends on which connection is quicker.
    assert ok.requests + missing.requests == 40
    assert (set(ok.statuses), ok.errors) == ({"200"}, 0)
    assert (set(missing.statuses), missing.errors) == ({"404"}, missing.requests)
    assert elapsed < 30


def test_run_load_counts_refused_connections_as_errors():
    async def load_closed_port():
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        return await run_load(f"http://127.0.0.1:{port}", ["/"], duration=30, concurrency=2, max_requests=4)

    stats, _elapsed = asyncio.run(load_closed_port())

    row = stats["/"]
    assert (row.requests, row.errors, row.statuses) == (4, 4, {"ConnectionRefusedError": 4})


def test_percentiles_and_report_use_recorded_latencies():
    row = UrlStats("/ok")
    for milliseconds in range(1, 101):
        row.record(latency=milliseconds / 1000, status="200")
    row.record(latency=0.5, status="503")

    assert (row.percentile(0.5), row.percentile(0.99)) == (0.051, 0.1)
    assert report({"/ok": row}, elapsed=10.0).splitlines() == [
        "URL  requests    req/s   p50 ms   p99 ms  errors",
        "/ok       101     10.1     51.0    100.0  1 (503×1)",
        "total: 101 requests in 10.0 s, 10.1 req/s, 1 errors",
    ]
