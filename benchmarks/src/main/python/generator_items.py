"""W9 on Python asyncio: n elements through an async generator consumed by `async for`."""
import asyncio
import time

import bench_common


async def numbers(items, n):
    for i in range(n):
        yield items[i]


async def total(items, n):
    s = 0
    async for x in numbers(items, n):
        s += x
    return s


def main():
    a = bench_common.args()
    n = int(a["n"])
    items = list(range(n))
    expected = n * (n - 1) // 2
    for _ in range(2):  # warm-up
        assert asyncio.run(total(items, n)) == expected
    c0 = time.process_time_ns()
    t0 = time.perf_counter_ns()
    s = asyncio.run(total(items, n))
    ns = time.perf_counter_ns() - t0
    cpu = time.process_time_ns() - c0
    assert s == expected
    bench_common.emit({"n": n, "nsPerItem": ns / n, "cpuNsPerItem": cpu / n})


main()
