"""W1 on Python asyncio: n tasks each sleeping sleepMs, all alive at once, then joined."""
import asyncio
import gc
import time

import bench_common


async def sleeper(d):
    await asyncio.sleep(d)


async def round_(n, sleep_s, m):
    gc.collect()
    baseline = bench_common.rss_bytes()
    c0 = time.process_time_ns()
    t0 = time.perf_counter_ns()
    tasks = [asyncio.create_task(sleeper(sleep_s)) for _ in range(n)]
    await asyncio.sleep(0)  # every task runs up to its sleep
    spawn_ns = time.perf_counter_ns() - t0
    spawn_cpu = time.process_time_ns() - c0
    if m is not None:
        gc.collect()
        m["spawnMs"] = spawn_ns / 1e6
        m["spawnCpuMs"] = spawn_cpu / 1e6
        m["bytesPerTask"] = (bench_common.rss_bytes() - baseline) / n
    for t in tasks:
        await t
    if m is not None:
        m["totalMs"] = (time.perf_counter_ns() - t0) / 1e6


def main():
    a = bench_common.args()
    n = int(a["n"])
    asyncio.run(round_(min(n, 20_000), 0.05, None))
    m = {"n": n, "clock": "system", "memory": "rss-growth"}
    asyncio.run(round_(n, int(a["sleepMs"]) / 1000, m))
    bench_common.emit(m)


main()
