package org.asyncio4j.net;

import static org.asyncio4j.net.Flow.bytes;
import static org.asyncio4j.net.Flow.settle;
import static org.asyncio4j.net.Flow.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ErrorReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Seed cases S8 (TCP echo line protocol) and S9 (UDP echo), on real sockets. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoProtocolTest {

    /** Mutable state shared by the steps of one script. */
    static final class S {
        Server server;
        Connection c;
        int port;
        final List<String> log = new ArrayList<>();
        final List<ErrorReport> reports = new ArrayList<>();
    }

    @Test
    void s8EchoLineProtocolIpv4() {
        List<String> log = s8("127.0.0.1");
        assertEquals(List.of(
                "client got echo:hello\n",
                "client got echo:world\n",
                "server saw EOF",
                "after writeEof: echo:partial | '' | atEof=true",
                "server saw EOF",
                "IncompleteRead partial=echo:xy\n expected=100",
                "connect after close: ConnectException",
                "registered=0 reports=[]"), log);
    }

    @Test
    void s8EchoLineProtocolIpv6() throws Exception {
        Assumptions.assumeTrue(ipv6LoopbackWorks(), "no ::1 on this machine");
        List<String> log = s8("::1");
        assertEquals("client got echo:hello\n", log.get(0));
        assertEquals("registered=0 reports=[]", log.get(log.size() - 1));
    }

    static boolean ipv6LoopbackWorks() {
        try (var ss = java.nio.channels.ServerSocketChannel.open()) {
            ss.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static void trace(String m) { if (Boolean.getBoolean("nettrace")) System.err.println("TRACE " + m); }

    private List<String> s8(String host) {
        S s = new S();
        String[] partial = new String[1];
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(r -> { trace("report " + r); if (r.exception() != null && Flow.TRACE) r.exception().printStackTrace(); s.reports.add(r); });
            return Flow.run(
                    x -> Asyncio.startServer((r, w) -> new EchoHandler(r, w, s.log).begin(), host, 0),
                    x -> {
                        s.server = (Server) x;
                        s.port = s.server.port();
                        assertTrue(s.port > 0);
                        assertEquals(1, s.server.addresses().size());
                        return Asyncio.openConnection(host, s.port);
                    },
                    x -> {
                        s.c = (Connection) x;
                        s.c.writer().write(bytes("hello\n"));
                        return s.c.writer().drain();
                    },
                    x -> s.c.reader().readLine(),
                    x -> {
                        s.log.add("client got " + str(x));
                        s.c.writer().write(bytes("world\n"));
                        return s.c.writer().drain();
                    },
                    x -> s.c.reader().readLine(),
                    x -> {
                        s.log.add("client got " + str(x));
                        s.c.writer().write(bytes("partial"));
                        s.c.writer().writeEof();
                        return s.c.reader().readLine();
                    },
                    x -> {
                        partial[0] = str(x);
                        return s.c.reader().readLine();
                    },
                    x -> {
                        s.log.add("after writeEof: " + partial[0] + " | '" + str(x) + "' | atEof=" + s.c.reader().atEof());
                        return s.c.closeAsync(null);
                    },
                    // A shorter stream than readExactly wants.
                    x -> Asyncio.openConnection(host, s.port),
                    x -> {
                        s.c = (Connection) x;
                        s.c.writer().write(bytes("xy\n"));
                        s.c.writer().writeEof();
                        return settle(s.c.reader().readExactly(100));
                    },
                    x -> {
                        IncompleteReadException e = assertInstanceOf(IncompleteReadException.class, x);
                        s.log.add("IncompleteRead partial=" + str(e.partial()) + " expected=" + e.expected());
                        return s.c.closeAsync(null);
                    },
                    x -> {
                        s.server.close();
                        trace("server " + s.server);
                        return s.server.waitClosed();
                    },
                    x -> settle(Asyncio.openConnection(host, s.port)),
                    x -> {
                        trace("connect after close: " + x);
                        s.log.add("connect after close: " + x.getClass().getSimpleName());
                        return Asyncio.yieldNow(); // let the closed sockets leave the selector
                    },
                    x -> {
                        s.log.add("registered=" + EventLoop.current().io().registered() + " reports=" + s.reports);
                        return null;
                    });
        });
        return s.log;
    }
}
