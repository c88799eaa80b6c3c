@file:JvmName("PingPongKt")

package org.asyncio4j.bench.kotlin

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/** W2 in Kotlin: two coroutines under runBlocking pass a token through two Channel(1)s. */
fun pingPong(handoffs: Int): Int = runBlocking {
    val rounds = handoffs / 2
    val ping = Channel<Int>(1)
    val pong = Channel<Int>(1)
    launch {
        repeat(rounds) { pong.send(ping.receive() + 1) }
    }
    var x = 0
    repeat(rounds) {
        ping.send(x)
        x = pong.receive()
    }
    x
}
