package org.asyncio4j.sample.tutorial;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.net.Connection;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;

/**
 * Example {@code tcp-echo}: the asyncio docs' TCP echo server ({@code start_server}) and client
 * ({@code open_connection}) with streams, on 127.0.0.1 and a free port.
 */
class TcpEcho {
    final PrintStream out;

    TcpEcho(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a new loop driven by {@code clock}. */
    static void run(PrintStream out, Clock clock) {
        Asyncio.run(() -> new AsyncTcpEcho(out).main(), clock);
    }

    @Async
    Task<Void> handleEcho(StreamReader reader, StreamWriter writer) {
        byte[] data = Await.on(reader.read(100));
        out.println("server: received '" + new String(data, UTF_8) + "', sending it back");
        writer.write(data);
        Await.on(writer.drain());
        writer.close();
        Await.on(writer.waitClosed());
        return Task.completed();
    }

    @Async
    Task<Void> tcpEchoClient(int port, String message) {
        Connection connection = Await.on(Asyncio.openConnection("127.0.0.1", port));
        out.println("client: send '" + message + "'");
        connection.writer().write(message.getBytes(UTF_8));
        Await.on(connection.writer().drain());
        byte[] data = Await.on(connection.reader().read(100));
        out.println("client: received '" + new String(data, UTF_8) + "'");
        out.println("client: close the connection");
        connection.writer().close();
        Await.on(connection.writer().waitClosed());
        return Task.completed();
    }

    @Async
    Task<Void> main() {
        try (Server server = Await.on(Asyncio.startServer(this::handleEcho, "127.0.0.1", 0))) {
            out.println("serving on 127.0.0.1 (a free port)");
            Await.on(tcpEchoClient(server.addresses().get(0).getPort(), "Hello World!"));
        }
        out.println("server closed");
        return Task.completed();
    }
}
