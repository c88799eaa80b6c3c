package org.asyncio4j.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import org.asyncio4j.bench.Measure;

/**
 * The W4 load client shared by every echo server: {@code conns} connections, each sending a 64-byte
 * line (63 bytes + newline) and reading the echo, {@code warmup} times untimed, then (once every
 * connection is warmed up) {@code trips} times timed. Reports requests per second over the timed
 * phase and round-trip latency percentiles (every round trip is recorded, no sampling).
 *
 * <p>Engines: {@code client=selector} (default; {@link SelectorLoad}: {@code threads=N} client threads,
 * default 1, each driving its share of the connections through one NIO selector) or
 * {@code client=threads} (one platform thread per blocking connection, the first version: it spent
 * more CPU than the servers it measured, see benchmarks/ANALYSIS.md, W4).
 */
public final class LoadClient {
    private LoadClient() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Measure.args(args);
        int port = Measure.intArg(a, "port");
        int conns = Measure.intArg(a, "conns");
        int trips = Measure.intArg(a, "trips");
        int warmup = Measure.intArg(a, "warmup");
        String engine = a.getOrDefault("client", "selector");
        long[][] lat = new long[conns][trips];
        long[] phase = new long[2];
        long[] cpu = new long[2];
        Throwable[] failure = new Throwable[1];
        Thread[] ts;
        if (engine.equals("selector")) {
            int threads = Math.min(conns, a.containsKey("threads") ? Measure.intArg(a, "threads") : 1);
            CyclicBarrier start = new CyclicBarrier(threads, () -> {
                phase[0] = System.nanoTime();
                cpu[0] = processCpuNanos();
            });
            SelectorLoad[] loads = new SelectorLoad[threads];
            ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                // Connections dealt out evenly; each thread records into its own rows of lat.
                int from = t * conns / threads;
                int to = (t + 1) * conns / threads;
                loads[t] = new SelectorLoad(port, warmup, trips, Arrays.copyOfRange(lat, from, to), start);
                ts[t] = new Thread(loads[t], "client-" + t);
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            for (SelectorLoad l : loads) {
                // Report the cause, not the broken barrier it left the other threads with.
                if (l.failure != null && (failure[0] == null || failure[0] instanceof BrokenBarrierException)) {
                    failure[0] = l.failure;
                }
            }
        } else if (engine.equals("threads")) {
            CyclicBarrier start = new CyclicBarrier(conns, () -> {
                phase[0] = System.nanoTime();
                cpu[0] = processCpuNanos();
            });
            ts = new Thread[conns];
            for (int c = 0; c < conns; c++) {
                int id = c;
                ts[c] = new Thread(() -> {
                    try {
                        connection(port, warmup, trips, lat[id], start);
                    } catch (Throwable e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                        start.reset();
                    }
                }, "client-" + c);
                ts[c].start();
            }
            for (Thread t : ts) {
                t.join();
            }
        } else {
            throw new IllegalArgumentException("client=" + engine + ": use client=selector (default) or client=threads");
        }
        phase[1] = System.nanoTime();
        cpu[1] = processCpuNanos();
        if (failure[0] != null) {
            throw new IOException("a client connection failed", failure[0]);
        }
        long[] all = new long[conns * trips];
        for (int c = 0; c < conns; c++) {
            System.arraycopy(lat[c], 0, all, c * trips, trips);
        }
        Arrays.sort(all);
        double secs = (phase[1] - phase[0]) / 1e9;
        new Measure().put("conns", conns).put("trips", trips).put("warmup", warmup).put("reqPerSec", all.length / secs)
                .put("p50Us", pct(all, 0.50) / 1e3).put("p99Us", pct(all, 0.99) / 1e3)
                .put("p999Us", pct(all, 0.999) / 1e3).put("clientCpuUsPerReq", (cpu[1] - cpu[0]) / 1e3 / all.length)
                .emit();
    }

    /** This process's CPU time (all threads, user + system). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static void connection(int port, int warmup, int trips, long[] lat, CyclicBarrier start) throws Exception {
        byte[] line = new byte[64];
        Arrays.fill(line, (byte) 'x');
        line[63] = '\n';
        byte[] buf = new byte[64];
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < warmup; i++) {
                roundTrip(out, in, line, buf);
            }
            start.await();
            for (int i = 0; i < trips; i++) {
                long t0 = System.nanoTime();
                roundTrip(out, in, line, buf);
                lat[i] = System.nanoTime() - t0;
            }
        }
    }

    private static void roundTrip(OutputStream out, InputStream in, byte[] line, byte[] buf) throws IOException {
        out.write(line);
        int got = 0;
        while (got < 64) {
            int n = in.read(buf, got, 64 - got);
            if (n < 0) {
                throw new IOException("server closed the connection after " + got + " of 64 bytes");
            }
            got += n;
        }
        if (buf[63] != '\n') {
            throw new IOException("echo was not the line sent");
        }
    }
}
