package org.asyncio4j.net;

import static org.asyncio4j.net.Flow.bytes;
import static org.asyncio4j.net.Flow.settle;
import static org.asyncio4j.net.Flow.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** asyncio.streams.StreamReader semantics on a reader fed by hand (no sockets, virtual clock). */
class StreamReaderTest {

    @Test
    void linesThenPartialLineAtEofThenEmpty() {
        StreamReader[] r = new StreamReader[1];
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            r[0] = new StreamReader();
            r[0].feedData(bytes("one\ntwo\nthr"));
            r[0].feedEof();
            return Flow.run(
                    x -> r[0].readLine(),
                    x -> { log.add(str(x)); return r[0].readLine(); },
                    x -> { log.add(str(x)); return r[0].readLine(); },
                    x -> { log.add(str(x)); log.add("atEof=" + r[0].atEof()); return r[0].readLine(); },
                    x -> { log.add("'" + str(x) + "'"); return r[0].read(10); },
                    x -> { log.add("read=" + ((byte[]) x).length); return null; });
        }, new VirtualClock());
        assertEquals(List.of("one\n", "two\n", "thr", "atEof=true", "''", "read=0"), log);
    }

    @Test
    void readWaitsForDataThatArrivesLaterAndReadReturnsWhatIsThere() {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> line = r.readLine();
            log.add("pending=" + !line.isDone());
            r.feedData(bytes("ab"));
            log.add("still pending=" + !line.isDone());
            r.feedData(bytes("c\nxyz"));
            return Flow.run(
                    x -> line,
                    x -> {
                        log.add(str(x));
                        return r.read(100);
                    },
                    x -> {
                        log.add(str(x));
                        return null;
                    });
        }, new VirtualClock());
        assertEquals(List.of("pending=true", "still pending=true", "abc\n", "xyz"), log);
    }

    @Test
    void readExactlyAcrossFeedsAndIncompleteAtEof() {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = r.readExactly(5);
            r.feedData(bytes("ab"));
            r.feedData(bytes("cdefg"));
            return Flow.run(
                    x -> t,
                    x -> {
                        log.add(str(x));
                        Task<byte[]> u = r.readExactly(4);
                        r.feedEof();
                        return settle(u);
                    },
                    x -> {
                        IncompleteReadException e = (IncompleteReadException) x;
                        log.add("partial=" + str(e.partial()) + " expected=" + e.expected() + " buffered=" + r.buffered());
                        return null;
                    });
        }, new VirtualClock());
        assertEquals(List.of("abcde", "partial=fg expected=4 buffered=0"), log);
    }

    @Test
    void readUntilMultiByteSeparatorAndIncompleteWithoutIt() {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = r.readUntil(bytes("\r\n"));
            r.feedData(bytes("GET / HTTP/1.1\r"));
            log.add("split separator pending=" + !t.isDone());
            r.feedData(bytes("\nHost"));
            return Flow.run(
                    x -> t,
                    x -> {
                        log.add(str(x).replace("\r\n", "<CRLF>"));
                        r.feedEof();
                        return settle(r.readUntil(bytes("\r\n")));
                    },
                    x -> {
                        IncompleteReadException e = (IncompleteReadException) x;
                        log.add("partial=" + str(e.partial()) + " expected=" + e.expected());
                        return null;
                    });
        }, new VirtualClock());
        assertEquals(List.of("split separator pending=true", "GET / HTTP/1.1<CRLF>", "partial=Host expected=-1"), log);
    }

    @Test
    void overLongLineIsDiscardedByReadLineButKeptByReadUntil() {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            StreamReader r = new StreamReader(8);
            r.feedData(bytes("0123456789abc\nnext\n"));
            return Flow.run(
                    x -> settle(r.readLine()),
                    x -> {
                        LimitOverrunException e = assertInstanceOf(LimitOverrunException.class, x);
                        log.add("readLine: " + e.getMessage() + " consumed=" + e.consumed());
                        return r.readLine();
                    },
                    x -> {
                        log.add("then " + str(x));
                        r.feedData(bytes("0123456789abcdef"));
                        return settle(r.readUntil(bytes("\n")));
                    },
                    x -> {
                        LimitOverrunException e = assertInstanceOf(LimitOverrunException.class, x);
                        log.add("readUntil: consumed=" + e.consumed() + " buffered=" + r.buffered());
                        return settle(r.readLine());
                    },
                    x -> {
                        assertInstanceOf(LimitOverrunException.class, x);
                        log.add("readLine without separator clears: buffered=" + r.buffered());
                        return null;
                    });
        }, new VirtualClock());
        assertEquals(List.of(
                "readLine: Separator is found, but chunk is longer than limit (limit 8 bytes) consumed=13",
                "then next\n",
                "readUntil: consumed=16 buffered=16",
                "readLine without separator clears: buffered=0"), log);
    }

    @Test
    void oneReaderAtATimeAndACancelledReadConsumesNothing() {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> first = r.readLine();
            IllegalStateException e = assertThrows(IllegalStateException.class, r::readLine);
            log.add(e.getMessage().startsWith("another task is already waiting") ? "second reader rejected" : e.getMessage());
            first.cancel();
            r.feedData(bytes("kept\n"));
            log.add("buffered after cancelled read=" + r.buffered());
            return Flow.run(x -> r.readLine(), x -> {
                log.add(str(x));
                return null;
            });
        }, new VirtualClock());
        assertEquals(List.of("second reader rejected", "buffered after cancelled read=5", "kept\n"), log);
    }

    @Test
    void exceptionFailsPendingAndLaterReads() {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> pending = r.read(100);
            r.setException(new IOException("Connection reset"));
            return Flow.run(x -> settle(pending), x -> {
                log.add("pending: " + ((Throwable) x).getMessage());
                return settle(r.readLine());
            }, x -> {
                log.add("later: " + ((Throwable) x).getMessage());
                return null;
            });
        }, new VirtualClock());
        assertEquals(List.of("pending: Connection reset", "later: Connection reset"), log);
    }

    @Test
    void badArgumentsAreRejectedClearly() {
        Asyncio.run(() -> {
            assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
            StreamReader r = new StreamReader();
            assertThrows(IllegalArgumentException.class, () -> r.readExactly(-1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.readUntil(new byte[0]));
            assertTrue(e.getMessage().contains("separator"));
            assertEquals(0, r.read(0).result().length);
            return Task.completed(null);
        });
    }
}
