"""W5 on Python asyncio: loop.call_later n timers (random 0..maxMs), cancel half before any fires."""
import asyncio
import gc
import random
import time

import bench_common


async def round_(n, max_ms, m, memory):
    loop = asyncio.get_running_loop()
    rnd = random.Random(42)
    delays = [rnd.uniform(0, max_ms / 1000) for _ in range(n)]
    expected = n - (n + 1) // 2
    done = loop.create_future()
    fired = 0

    def tick():
        nonlocal fired
        fired += 1
        if fired == expected:
            done.set_result(time.perf_counter_ns())

    gc.collect()
    baseline = bench_common.rss_bytes()
    cpu0 = time.process_time_ns()
    t0 = time.perf_counter_ns()
    handles = [loop.call_later(d, tick) for d in delays]
    schedule_ns = time.perf_counter_ns() - t0
    if memory:
        gc.collect()
        m["bytesPerTimer"] = (bench_common.rss_bytes() - baseline) / n
    c0 = time.perf_counter_ns()
    for h in handles[::2]:
        h.cancel()
    cancel_ns = time.perf_counter_ns() - c0
    cpu_ns = time.process_time_ns() - cpu0
    end = await done
    if m is not None and not memory:
        m["scheduleCancelMs"] = (schedule_ns + cancel_ns) / 1e6
        m["scheduleCancelCpuMs"] = cpu_ns / 1e6
        m["totalMs"] = (end - t0) / 1e6


def main():
    a = bench_common.args()
    n = int(a["n"])
    asyncio.run(round_(min(n, 50_000), 20, None, False))
    m = {"n": n, "memory": "rss-growth"}
    # memory first: RSS growth is only meaningful in a fresh process
    asyncio.run(round_(n, int(a["maxMs"]), m, True))
    asyncio.run(round_(n, int(a["maxMs"]), m, False))
    bench_common.emit(m)


main()
