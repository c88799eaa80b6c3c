@file:JvmName("SpawnSleepJoin")

package org.asyncio4j.bench.kotlin

import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield
import org.asyncio4j.bench.Measure

/**
 * W1 in Kotlin: n coroutines launched under runBlocking (one thread), each delay(sleepMs), then
 * joined. Spawn time runs until every child has reached its delay (one yield of the parent).
 */
private fun round(n: Int, sleepMs: Long, m: Measure?) = runBlocking {
    val baseline = if (m == null) 0L else Measure.heapAfterFullGc()
    val c0 = Measure.cpuNanos()
    val t0 = System.nanoTime()
    val jobs = arrayOfNulls<Job>(n)
    for (i in 0 until n) {
        jobs[i] = launch { delay(sleepMs) }
    }
    yield()
    val spawnNs = System.nanoTime() - t0
    val spawnCpu = Measure.cpuNanos() - c0
    if (m != null) {
        m.put("spawnMs", spawnNs / 1e6).put("spawnCpuMs", spawnCpu / 1e6).put("bytesPerTask", (Measure.heapAfterFullGc() - baseline).toDouble() / n)
    }
    for (j in jobs) j!!.join()
    m?.put("totalMs", (System.nanoTime() - t0) / 1e6)
}

fun main(args: Array<String>) {
    val a = Measure.args(args)
    val n = Measure.intArg(a, "n")
    round(minOf(n, 20_000), 50, null)
    val m = Measure().put("n", n).put("clock", "system")
    round(n, Measure.intArg(a, "sleepMs").toLong(), m)
    m.emit()
}
