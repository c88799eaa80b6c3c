@file:JvmName("Timers")

package org.asyncio4j.bench.kotlin

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.asyncio4j.bench.Measure
import org.asyncio4j.bench.TimerDelays

/**
 * W5 in Kotlin: a timer is `launch { delay(d); tick() }` under runBlocking (coroutines have no
 * lighter public timer); half the jobs are cancelled before any can run.
 */
private fun round(delays: LongArray, m: Measure?, memory: Boolean) = runBlocking {
    val n = delays.size
    val expected = n - (n + 1) / 2
    var fired = 0
    val allFired = CompletableDeferred<Long>()
    val baseline = if (memory) Measure.heapAfterFullGc() else 0L
    val cpu0 = Measure.cpuNanos()
    val t0 = System.nanoTime()
    val jobs = arrayOfNulls<Job>(n)
    for (i in 0 until n) {
        val d = delays[i] / 1_000_000 // delay() takes milliseconds
        // UNDISPATCHED: the delay is registered inside launch, as the other peers schedule at once.
        jobs[i] = launch(start = CoroutineStart.UNDISPATCHED) {
            delay(d)
            if (++fired == expected) allFired.complete(System.nanoTime())
        }
    }
    val scheduleNs = System.nanoTime() - t0
    if (memory) {
        m!!.put("bytesPerTimer", (Measure.heapAfterFullGc() - baseline).toDouble() / n)
    }
    val c0 = System.nanoTime()
    for (i in 0 until n step 2) jobs[i]!!.cancel()
    val cancelNs = System.nanoTime() - c0
    val cpuNs = Measure.cpuNanos() - cpu0
    val end = allFired.await()
    if (m != null && !memory) {
        m.put("scheduleCancelMs", (scheduleNs + cancelNs) / 1e6).put("scheduleCancelCpuMs", cpuNs / 1e6).put("totalMs", (end - t0) / 1e6)
    }
}

fun main(args: Array<String>) {
    val a = Measure.args(args)
    val n = Measure.intArg(a, "n")
    for (r in 0 until TimerDelays.WARMUP_ROUNDS) { // warm-up
        round(TimerDelays.nanos(minOf(n, TimerDelays.WARMUP_N), 20, 1L + r), null, false)
    }
    val delays = TimerDelays.nanos(n, Measure.intArg(a, "maxMs"), 42)
    val m = Measure().put("n", n)
    round(delays, m, true)
    round(delays, m, false)
    m.emit()
}
