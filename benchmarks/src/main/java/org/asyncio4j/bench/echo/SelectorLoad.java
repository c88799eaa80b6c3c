package org.asyncio4j.bench.echo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CyclicBarrier;

/**
 * The load client's default engine: the same closed loop per connection as the blocking one (send a
 * 64-byte line, wait for all 64 bytes of the echo, record the round trip, send the next), but all of
 * a thread's connections share one NIO selector, so a reply costs the client one read and one write
 * instead of a blocked thread's sleep and wake-up. Profiling showed why that matters here: with a
 * thread per connection the client spent more CPU than any server it judged (mostly in the kernel,
 * switching between 100 threads), and on a 2-core machine that CPU is taken from the server.
 *
 * <p>One instance is one client thread driving {@code conns} connections: {@code warmup} untimed trips
 * each, then the shared barrier (all threads warmed up), then {@code trips} timed trips each.
 */
final class SelectorLoad implements Runnable {
    private static final int LINE = 64;

    private final int port;
    private final int conns;
    private final int warmup;
    private final int trips;
    private final long[][] lat;
    private final CyclicBarrier start;
    private final ByteBuffer line = ByteBuffer.allocateDirect(LINE);
    private final ByteBuffer in = ByteBuffer.allocateDirect(LINE);
    volatile Throwable failure;

    /** {@code lat[i]} receives connection i's {@code trips} round-trip times in ns. */
    SelectorLoad(int port, int warmup, int trips, long[][] lat, CyclicBarrier start) {
        this.port = port;
        this.conns = lat.length;
        this.warmup = warmup;
        this.trips = trips;
        this.lat = lat;
        this.start = start;
        for (int i = 0; i < LINE - 1; i++) {
            line.put((byte) 'x');
        }
        line.put((byte) '\n').flip();
    }

    /** One connection's state; the key's attachment. */
    private static final class Conn {
        final SocketChannel ch;
        final long[] lat;
        int got;
        int done;
        int goal;
        long sentAt;

        Conn(SocketChannel ch, long[] lat) {
            this.ch = ch;
            this.lat = lat;
        }
    }

    @Override
    public void run() {
        try (Selector sel = Selector.open()) {
            Conn[] cs = new Conn[conns];
            try {
                for (int i = 0; i < conns; i++) {
                    SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.configureBlocking(false);
                    cs[i] = new Conn(ch, lat[i]);
                    ch.register(sel, SelectionKey.OP_READ, cs[i]);
                }
                phase(sel, cs, warmup, false);
                start.await();
                phase(sel, cs, trips, true);
            } finally {
                for (Conn c : cs) {
                    if (c != null) {
                        c.ch.close();
                    }
                }
            }
        } catch (Throwable e) {
            failure = e;
            start.reset();
        }
    }

    /** Runs {@code n} round trips on every connection; records them when {@code timed}. */
    private void phase(Selector sel, Conn[] cs, int n, boolean timed) throws IOException {
        if (n == 0) {
            return;
        }
        int running = cs.length;
        for (Conn c : cs) {
            c.done = 0;
            c.goal = n;
            send(c);
        }
        while (running > 0) {
            sel.select();
            for (var it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey k = it.next();
                it.remove();
                Conn c = (Conn) k.attachment();
                in.clear().limit(LINE - c.got);
                int r = c.ch.read(in);
                if (r < 0) {
                    throw new IOException("server closed the connection after " + c.got + " of 64 bytes");
                }
                c.got += r;
                if (c.got < LINE) {
                    continue;
                }
                if (in.get(r - 1) != '\n') {
                    throw new IOException("echo was not the line sent");
                }
                long now = System.nanoTime();
                if (timed) {
                    c.lat[c.done] = now - c.sentAt;
                }
                c.got = 0;
                if (++c.done < c.goal) {
                    send(c);
                } else {
                    running--;
                }
            }
        }
    }

    private void send(Conn c) throws IOException {
        line.rewind();
        c.sentAt = System.nanoTime();
        // 64 bytes into an idle connection's empty socket buffer: the kernel takes them at once.
        while (line.hasRemaining()) {
            if (c.ch.write(line) == 0) {
                Thread.onSpinWait();
            }
        }
    }
}
