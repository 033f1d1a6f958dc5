"""A small HTTP load generator: N concurrent connections, bounded in time and count.

Plain asyncio streams, one request per connection (gunicorn's sync workers
close the connection after each response anyway), so the numbers include
connection set-up as a browser's first request would.
"""

import asyncio
import dataclasses
import time
from urllib.parse import urlsplit


@dataclasses.dataclass
class UrlStats:
    """Outcome of every request to one URL."""

    url: str
    latencies: list[float] = dataclasses.field(default_factory=list)
    statuses: dict[str, int] = dataclasses.field(default_factory=dict)
    errors: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]

    def record(self, *, latency: float, status: str) -> None:
        self.latencies.append(latency)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if not status.startswith("2"):
            self.errors += 1


async def fetch(base_url: str, path: str, *, timeout: float) -> str:
    """GET path; the status code as text, or the exception's name when there is no answer."""
    parts = urlsplit(base_url)
    host, port = parts.hostname, parts.port or 80

    async def exchange() -> str:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nUser-Agent: magportal-loadtest\r\n"
                "Accept: text/html\r\nConnection: close\r\n\r\n".encode()
            )
            await writer.drain()
            status_line = await reader.readline()
            await reader.read()  # the rest, up to the server's close
            fields = status_line.split()
            return fields[1].decode() if len(fields) >= 2 else "empty-response"
        finally:
            writer.close()

    try:
        return await asyncio.wait_for(exchange(), timeout)
    except TimeoutError:
        return "timeout"
    except OSError as error:
        return type(error).__name__


async def run_load(
    base_url: str,
    paths: list[str],
    *,
    duration: float,
    concurrency: int,
    max_requests: int,
    timeout: float = 10.0,
) -> tuple[dict[str, UrlStats], float]:
    """Drive ``paths`` round-robin from ``concurrency`` connections; returns stats and elapsed seconds."""
    stats = {path: UrlStats(path) for path in paths}
    started = time.monotonic()
    deadline = started + duration
    sent = 0

    async def worker(offset: int) -> None:
        nonlocal sent
        turn = offset
        while time.monotonic() < deadline and sent < max_requests:
            sent += 1
            path = paths[turn % len(paths)]
            turn += 1
            began = time.monotonic()
            status = await fetch(base_url, path, timeout=timeout)
            stats[path].record(latency=time.monotonic() - began, status=status)

    await asyncio.gather(*(worker(offset) for offset in range(concurrency)))
    return stats, time.monotonic() - started


def report(stats: dict[str, UrlStats], elapsed: float) -> str:
    """A fixed-width table: requests, req/s, p50 and p99 in ms, and errors by status per URL."""
    width = max(len("URL"), *(len(path) for path in stats))
    lines = [f"{'URL':<{width}}  {'requests':>8}  {'req/s':>7}  {'p50 ms':>7}  {'p99 ms':>7}  errors"]
    for path, row in stats.items():
        failures = ", ".join(
            f"{status}×{n}" for status, n in sorted(row.statuses.items()) if not status.startswith("2")
        )
        lines.append(
            f"{path:<{width}}  {row.requests:>8}  {row.requests / elapsed:>7.1f}  "
            f"{row.percentile(0.5) * 1000:>7.1f}  {row.percentile(0.99) * 1000:>7.1f}  "
            f"{row.errors}{f' ({failures})' if failures else ''}"
        )
    total = sum(row.requests for row in stats.values())
    errors = sum(row.errors for row in stats.values())
    lines.append(f"total: {total} requests in {elapsed:.1f} s, {total / elapsed:.1f} req/s, {errors} errors")
    return "\n".join(lines)
