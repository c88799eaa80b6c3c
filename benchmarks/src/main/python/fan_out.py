"""W3 on Python asyncio: gather n trivially completing child tasks, reps times."""
import asyncio
import time

import bench_common


async def child(i):
    return i


async def rep(n):
    return await asyncio.gather(*[child(i) for i in range(n)])


def run_reps(n, reps):
    s = 0
    for _ in range(reps):
        res = asyncio.run(rep(n))
        assert res[n - 1] == n - 1
        s += res[n // 2]
    return s


def main():
    a = bench_common.args()
    n, reps = int(a["n"]), int(a["reps"])
    run_reps(n, 1)  # warm-up
    c0 = time.process_time_ns()
    t0 = time.perf_counter_ns()
    run_reps(n, reps)
    ns = time.perf_counter_ns() - t0
    cpu = time.process_time_ns() - c0
    bench_common.emit({"n": n, "reps": reps, "tasksPerSec": n * reps / (ns / 1e9), "totalMs": ns / 1e6,
                       "tasksPerCpuSec": n * reps / (cpu / 1e9)})


main()
