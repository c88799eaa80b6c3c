@file:JvmName("FanOut")

package org.asyncio4j.bench.kotlin

import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import org.asyncio4j.bench.Measure

/** W3 in Kotlin: n `async { i }` children under runBlocking, then awaitAll (the gather). */
private fun runReps(n: Int, reps: Int): Long {
    var sum = 0L
    repeat(reps) {
        val res = runBlocking {
            List(n) { i -> async { i } }.awaitAll()
        }
        check(res[n - 1] == n - 1) { "wrong result" }
        sum += res[n / 2]
    }
    return sum
}

fun main(args: Array<String>) {
    val a = Measure.args(args)
    val n = Measure.intArg(a, "n")
    val reps = Measure.intArg(a, "reps")
    runReps(n, reps)
    runReps(n, reps)
    val c0 = Measure.cpuNanos()
    val t0 = System.nanoTime()
    Measure.sink = runReps(n, reps)
    val ns = System.nanoTime() - t0
    val cpu = Measure.cpuNanos() - c0
    Measure().put("n", n).put("reps", reps).put("tasksPerSec", n.toDouble() * reps / (ns / 1e9))
        .put("totalMs", ns / 1e6)
        .put("tasksPerCpuSec", n.toDouble() * reps / (cpu / 1e9)).emit()
}
