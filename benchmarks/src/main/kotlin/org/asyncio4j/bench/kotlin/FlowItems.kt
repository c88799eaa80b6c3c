@file:JvmName("FlowItems")

package org.asyncio4j.bench.kotlin

import java.lang.management.ManagementFactory
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking
import org.asyncio4j.bench.Measure

/** W9 in Kotlin: n pre-boxed elements emitted by a cold `flow { }` and collected under runBlocking. */
private fun sum(items: Array<Int>, n: Int): Long = runBlocking {
    var s = 0L
    flow { for (i in 0 until n) emit(items[i]) }.collect { s += it }
    s
}

fun main(args: Array<String>) {
    val a = Measure.args(args)
    val n = Measure.intArg(a, "n")
    val rounds = Measure.intArg(a, "rounds")
    val items = Array(n) { it }
    val expected = n.toLong() * (n - 1) / 2
    repeat(5) { check(sum(items, n) == expected) }
    val mx = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean
    val b0 = mx.currentThreadAllocatedBytes
    val c0 = Measure.cpuNanos()
    val t0 = System.nanoTime()
    var s = 0L
    repeat(rounds) { s = sum(items, n) }
    val ns = System.nanoTime() - t0
    val cpu = Measure.cpuNanos() - c0
    val bytes = mx.currentThreadAllocatedBytes - b0
    check(s == expected) { "wrong sum" }
    Measure.sink = s
    Measure().put("n", n).put("rounds", rounds).put("nsPerItem", ns.toDouble() / n / rounds)
        .put("cpuNsPerItem", cpu.toDouble() / n / rounds).put("bytesPerItem", bytes.toDouble() / n / rounds).emit()
}
