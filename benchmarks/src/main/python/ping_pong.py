"""W2 on Python asyncio: two tasks pass a token through two asyncio.Queue(maxsize=1)."""
import asyncio
import time

import bench_common


async def ping_pong(handoffs):
    rounds = handoffs // 2
    ping = asyncio.Queue(maxsize=1)
    pong = asyncio.Queue(maxsize=1)

    async def ponger():
        for _ in range(rounds):
            await pong.put(await ping.get() + 1)

    t = asyncio.create_task(ponger())
    x = 0
    for _ in range(rounds):
        await ping.put(x)
        x = await pong.get()
    await t
    return x


def main():
    a = bench_common.args()
    n = int(a["handoffs"])
    asyncio.run(ping_pong(min(n, 100_000)))  # warm-up
    c0 = time.process_time_ns()
    t0 = time.perf_counter_ns()
    asyncio.run(ping_pong(n))
    ns = time.perf_counter_ns() - t0
    cpu = time.process_time_ns() - c0
    bench_common.emit({"handoffs": n, "handoffsPerSec": n / (ns / 1e9), "handoffsPerCpuSec": n / (cpu / 1e9)})


main()
