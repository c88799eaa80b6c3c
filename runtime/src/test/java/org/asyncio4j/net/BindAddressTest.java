package org.asyncio4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;

/** A server binds exactly the address it is given, as asyncio does (issue 18, item 10). */
class BindAddressTest {

    /** Connects from a plain blocking socket (off the loop) to 127.0.0.1 and to [::1] on {@code port}. */
    private static String probe(int port) {
        return connect("127.0.0.1", port) + ", " + connect("::1", port);
    }

    private static String connect(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return host + " connected";
        } catch (ConnectException e) {
            return host + " refused";
        } catch (IOException e) {
            return host + " failed: " + e;
        }
    }

    @Test
    void anIpv4WildcardListensOnIpv4Only() {
        String result = Asyncio.run(() -> {
            Promise<String> done = new Promise<>();
            Asyncio.startServer((r, w) -> {
                w.close();
                return Task.completed();
            }, "0.0.0.0", 0).addDoneCallback(started -> {
                Server server = started.result();
                int port = server.addresses().get(0).getPort();
                Asyncio.toThread(() -> probe(port)).addDoneCallback(p -> {
                    server.close();
                    server.waitClosed().addDoneCallback(c -> done.complete(p.result()));
                });
            });
            return done;
        });
        // Java's default socket is dual stack: bound to 0.0.0.0 it also accepted [::1]
        assertEquals("127.0.0.1 connected, ::1 refused", result);
    }
}
