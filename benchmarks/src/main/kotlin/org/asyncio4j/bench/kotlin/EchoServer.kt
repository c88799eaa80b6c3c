@file:JvmName("EchoServer")

package org.asyncio4j.bench.kotlin

import io.ktor.network.selector.SelectorManager
import io.ktor.network.sockets.InetSocketAddress
import io.ktor.network.sockets.aSocket
import io.ktor.network.sockets.openReadChannel
import io.ktor.network.sockets.openWriteChannel
import io.ktor.network.sockets.tcpNoDelay
import io.ktor.utils.io.readUTF8Line
import io.ktor.utils.io.writeStringUtf8
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/**
 * W4 server in Kotlin: ktor-network coroutine sockets. Every connection's coroutine runs on the
 * runBlocking thread; ktor's selector loop runs on Dispatchers.IO. Prints LISTENING port=N.
 */
fun main() = runBlocking {
    val selector = SelectorManager(Dispatchers.IO)
    val server = aSocket(selector).tcp().bind("127.0.0.1", 0) { backlogSize = 1024 }
    println("LISTENING port=${(server.localAddress as InetSocketAddress).port}")
    System.out.flush()
    while (true) {
        val socket = server.accept()
        launch {
            socket.use {
                val input = socket.openReadChannel()
                val output = socket.openWriteChannel(autoFlush = false)
                while (true) {
                    val line = input.readUTF8Line() ?: break
                    output.writeStringUtf8(line)
                    output.writeStringUtf8("\n")
                    output.flush()
                }
            }
        }
    }
}
