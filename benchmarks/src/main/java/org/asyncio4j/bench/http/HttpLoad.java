package org.asyncio4j.bench.http;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asyncio4j.bench.Measure;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * W8 load client: {@code conns} keep-alive connections, one platform thread each, sending
 * {@code GET /json} back to back for {@code warmupSec} (untimed) then {@code seconds} (timed).
 * Responses are read with Jetty's HttpParser in response mode. Prints
 * {@code RESULT reqs=... rps=... p50us=... p99us=...}; every timed request's latency is kept.
 */
public final class HttpLoad {
    static final byte[] REQUEST = "GET /json HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private HttpLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Measure.args(args);
        int port = Measure.intArg(a, "port");
        int conns = Measure.intArg(a, "conns");
        int seconds = Measure.intArg(a, "seconds");
        int warmup = Measure.intArg(a, "warmupSec");
        AtomicBoolean timed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        long[][] lat = new long[conns][];
        int[] counts = new int[conns];
        Thread[] ts = new Thread[conns];
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < conns; i++) {
            int id = i;
            ts[i] = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    boolean[] done = new boolean[1];
                    int[] lastStatus = new int[1]; // the parser swallows what its callbacks throw: kept for the message

                    HttpParser parser = new HttpParser(new HttpParser.ResponseHandler() {
                        @Override public void startResponse(HttpVersion v, int status, String reason) {
                            lastStatus[0] = status;
                            if (status != 200) {
                                throw new IllegalStateException("status " + status);
                            }
                        }
                        @Override public boolean content(ByteBuffer b) { b.position(b.limit()); return false; }
                        @Override public boolean headerComplete() { return false; }
                        @Override public boolean contentComplete() { return false; }
                        @Override public boolean messageComplete() { done[0] = true; return true; }
                        @Override public void parsedHeader(HttpField f) {}
                        @Override public void earlyEOF() { throw new IllegalStateException("early EOF"); }
                    });
                    byte[] buf = new byte[8192];
                    ByteBuffer pending = ByteBuffer.allocate(0);
                    long answered = 0;
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        out.write(REQUEST);
                        done[0] = false;
                        parser.reset();
                        while (!done[0]) {
                            if (!pending.hasRemaining()) {
                                int r = in.read(buf);
                                if (r < 0) {
                                    throw new IllegalStateException("server closed connection " + id + " after "
                                            + answered + " responses on it, " + (timed.get() ? "in the timed phase" : "before or after it")
                                            + (lastStatus[0] != 200 && lastStatus[0] != 0 ? ", last status " + lastStatus[0] : ""));
                                }
                                pending = ByteBuffer.wrap(buf, 0, r);
                            }
                            parser.parseNext(pending);
                        }
                        answered++;
                        if (timed.get()) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = System.nanoTime() - t0;
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
                lat[id] = mine;
                counts[id] = n;
            }, "load-" + i);
            ts[i].start();
        }
        Thread.sleep(warmup * 1000L);
        timed.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        timed.set(false);
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        for (Thread t : ts) {
            t.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("a connection failed", failure[0]);
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int k = 0;
        for (int i = 0; i < conns; i++) {
            System.arraycopy(lat[i], 0, all, k, counts[i]);
            k += counts[i];
        }
        Arrays.sort(all);
        System.out.printf("RESULT conns=%d reqs=%d rps=%.0f p50us=%d p99us=%d%n", conns, total, total / (elapsed / 1e9),
                all[total / 2] / 1000, all[(int) (total * 0.99)] / 1000);
    }
}
