package org.asyncio4j.sample.tutorial;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.net.Datagram;
import org.asyncio4j.net.DatagramEndpoint;

/**
 * Example {@code udp-echo}: the asyncio docs' UDP echo server and client, with datagram endpoints
 * on 127.0.0.1 and a free port.
 */
class UdpEcho {
    final PrintStream out;

    UdpEcho(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncUdpEcho(out).main(), clock);
    }

    @Async
    Task<Void> echoOnce(DatagramEndpoint server) {
        Datagram d = Await.on(server.receive());
        out.println("server: received '" + new String(d.data(), UTF_8) + "', sending it back");
        server.sendTo(d.data(), d.sender());
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        try (DatagramEndpoint server = Await.on(Asyncio.openDatagramEndpoint(new InetSocketAddress("127.0.0.1", 0), null))) {
            out.println("serving on 127.0.0.1 (a free port)");
            Task<Void> serving = echoOnce(server);
            try (DatagramEndpoint client = Await.on(Asyncio.openDatagramEndpoint(null, server.localAddress()))) {
                String message = "Hello World!";
                out.println("client: send '" + message + "'");
                client.send(message.getBytes(UTF_8));
                Datagram reply = Await.on(client.receive());
                out.println("client: received '" + new String(reply.data(), UTF_8) + "'");
            }
            Await.on(serving);
        }
        out.println("both endpoints closed");
        return Task.completed();
    }
}
