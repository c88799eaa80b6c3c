package org.asyncio4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * The limit of {@code readLine}/{@code readUntil} with data arriving in chunks, and {@code readUntil}
 * with several separators, against CPython 3.13: each case mirrors one line of
 * {@code docs/asyncio-probes/streams_limit.py}, and the expected strings are that script's output
 * (run with CPython 3.13.0). A chunk group is fed within one loop iteration; groups are one
 * {@code yieldNow()} apart. readline's {@code ValueError} is our {@link LimitOverrunException} (its
 * message without our " (limit N bytes)" suffix).
 */
class StreamLimitChunksTest {

    static final Function<StreamReader, Task<byte[]>> LINE = StreamReader::readLine;

    static Function<StreamReader, Task<byte[]>> until(String... seps) {
        byte[][] b = new byte[seps.length][];
        for (int i = 0; i < seps.length; i++) {
            b[i] = seps[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return seps.length == 1 ? r -> r.readUntil(b[0]) : r -> r.readUntil(b);
    }

    /** One case of the probe, returning its output line. */
    static String probe(String name, int limit, Function<StreamReader, Task<byte[]>> op, List<List<String>> groups, boolean eof) {
        List<String> log = new ArrayList<>();
        boolean line = op == LINE;
        Asyncio.run(() -> {
            StreamReader r = new StreamReader(limit);
            Task<Void> reader = new ReadOnce(r, op, line, log).start();
            List<Flow.Step> steps = new ArrayList<>();
            steps.add(x -> Asyncio.yieldNow()); // the read is pending before the first chunk
            for (List<String> g : groups) {
                steps.add(x -> {
                    StringBuilder all = new StringBuilder();
                    for (String c : g) {
                        r.feedData(c.getBytes(StandardCharsets.ISO_8859_1));
                        all.append(c);
                    }
                    log.add("fed " + repr(all.toString()));
                    return Asyncio.yieldNow();
                });
            }
            steps.add(x -> {
                if (eof) {
                    r.feedEof();
                    log.add("eof");
                }
                return Asyncio.yieldNow();
            });
            steps.add(x -> {
                if (reader.isDone()) {
                    return null;
                }
                log.add("still pending");
                r.feedEof();
                return reader;
            });
            steps.add(x -> {
                int n = r.buffered();
                return n == 0 ? Task.completed(new byte[0]) : r.read(n);
            });
            steps.add(x -> {
                log.add("buffer " + repr(new String((byte[]) x, StandardCharsets.ISO_8859_1)));
                return null;
            });
            return Flow.run(steps.toArray(new Flow.Step[0]));
        }, new VirtualClock());
        return name + ": " + String.join("; ", log);
    }

    /** The probe's reader task: one read, awaited directly by a coroutine (so it decides when it resumes). */
    static final class ReadOnce extends Coroutine<Void> {
        final StreamReader r;
        final Function<StreamReader, Task<byte[]>> op;
        final boolean line;
        final List<String> log;

        ReadOnce(StreamReader r, Function<StreamReader, Task<byte[]>> op, boolean line, List<String> log) {
            this.r = r;
            this.op = op;
            this.line = line;
            this.log = log;
        }

        @Override
        protected void resume() throws Throwable {
            if (state == 0 && await(op.apply(r), 1)) {
                return;
            }
            try {
                byte[] v = awaited();
                log.add("returned " + repr(new String(v, StandardCharsets.ISO_8859_1)));
            } catch (Throwable t) {
                if (t instanceof LimitOverrunException e) {
                    String m = e.getMessage().replaceAll(" \\(limit \\d+ bytes\\)$", "");
                    log.add(line ? "ValueError " + m : "LimitOverrunError '" + m + "' consumed=" + e.consumed());
                } else if (t instanceof IncompleteReadException e) {
                    log.add("IncompleteReadError partial=" + repr(new String(e.partial(), StandardCharsets.ISO_8859_1)));
                } else {
                    throw t;
                }
            }
            returnValue(null);
        }
    }

    /** Python's repr of a bytes object (the probe's output format). */
    static String repr(String s) {
        StringBuilder b = new StringBuilder("b'");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\'' -> b.append("\\'");
                case '\\' -> b.append("\\\\");
                default -> b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    static List<List<String>> g(List<?>... groups) {
        List<List<String>> r = new ArrayList<>();
        for (List<?> x : groups) {
            r.add(x.stream().map(String::valueOf).toList());
        }
        return r;
    }

    @Test
    void readLineOverrunAcrossChunks() {
        assertEquals("L1 apart: fed b'abc'; fed b'defg'; ValueError Separator is not found, and chunk exceed the limit; fed b'hi\\nxyz'; buffer b'hi\\nxyz'",
                probe("L1 apart", 5, LINE, g(List.of("abc"), List.of("defg"), List.of("hi\nxyz")), false));
        assertEquals("L2 together: fed b'abcdefghi\\nxyz'; ValueError Separator is found, but chunk is longer than limit; buffer b'xyz'",
                probe("L2 together", 5, LINE, g(List.of("abc", "defg", "hi\nxyz")), false));
        assertEquals("L3 over then newline same iteration: fed b'abc'; fed b'defghi\\nxyz'; ValueError Separator is found, but chunk is longer than limit; buffer b'xyz'",
                probe("L3 over then newline same iteration", 5, LINE, g(List.of("abc"), List.of("defg", "hi\nxyz")), false));
        assertEquals("L4 exactly limit then newline: fed b'abcde'; fed b'\\nz'; returned b'abcde\\n'; buffer b'z'",
                probe("L4 exactly limit then newline", 5, LINE, g(List.of("abcde"), List.of("\nz")), false));
        assertEquals("L5 limit+1 no newline: fed b'abc'; fed b'def'; ValueError Separator is not found, and chunk exceed the limit; buffer b''",
                probe("L5 limit+1 no newline", 5, LINE, g(List.of("abc"), List.of("def")), false));
        assertEquals("L6 newline at limit+1: fed b'abc'; fed b'def\\nz'; ValueError Separator is found, but chunk is longer than limit; buffer b'z'",
                probe("L6 newline at limit+1", 5, LINE, g(List.of("abc"), List.of("def\nz")), false));
        assertEquals("L7 over then eof same iteration: fed b'abcdefg'; ValueError Separator is not found, and chunk exceed the limit; eof; buffer b''",
                probe("L7 over then eof same iteration", 5, LINE, g(List.of("abcdefg")), true));
        assertEquals("L8 long line then short: fed b'abcdefgh\\nab\\n'; ValueError Separator is found, but chunk is longer than limit; buffer b'ab\\n'",
                probe("L8 long line then short", 5, LINE, g(List.of("abcdefgh\nab\n")), false));
    }

    @Test
    void readUntilOverrunAcrossChunksLeavesTheData() {
        assertEquals("U1 apart: fed b'abc'; fed b'def'; fed b'g\\r\\n'; LimitOverrunError 'Separator is found, but chunk is longer than limit' consumed=7; buffer b'abcdefg\\r\\n'",
                probe("U1 apart", 5, until("\r\n"), g(List.of("abc"), List.of("def"), List.of("g\r\n")), false));
        assertEquals("U2 together: fed b'abcdefg\\r\\n'; LimitOverrunError 'Separator is found, but chunk is longer than limit' consumed=7; buffer b'abcdefg\\r\\n'",
                probe("U2 together", 5, until("\r\n"), g(List.of("abc", "def", "g\r\n")), false));
        assertEquals("U3 separator split at limit: fed b'abcde\\r'; fed b'\\nz'; returned b'abcde\\r\\n'; buffer b'z'",
                probe("U3 separator split at limit", 5, until("\r\n"), g(List.of("abcde\r"), List.of("\nz")), false));
        assertEquals("U4 separator split past limit: fed b'abcdef\\r'; LimitOverrunError 'Separator is not found, and chunk exceed the limit' consumed=6; fed b'\\nz'; buffer b'abcdef\\r\\nz'",
                probe("U4 separator split past limit", 5, until("\r\n"), g(List.of("abcdef\r"), List.of("\nz")), false));
        assertEquals("U5 eof without separator: fed b'abc'; fed b'd\\r'; eof; IncompleteReadError partial=b'abcd\\r'; buffer b''",
                probe("U5 eof without separator", 5, until("\r\n"), g(List.of("abc"), List.of("d\r")), true));
    }

    @Test
    void aPendingReadTakesEverythingFedBeforeItsTaskRuns() {
        assertEquals("R1 read(100), two chunks in one iteration: fed b'abcd'; returned b'abcd'; buffer b''",
                probe("R1 read(100), two chunks in one iteration", 5, r -> r.read(100), g(List.of("ab", "cd")), false));
    }

    @Test
    void readUntilWithSeveralSeparators() {
        assertEquals("M1 shortest end wins: fed b'abcdef\\n'; returned b'abcd'; buffer b'ef\\n'",
                probe("M1 shortest end wins", 10, until("cd", "bcde", "\n"), g(List.of("abcdef\n")), false));
        assertEquals("M2 earliest end, not earliest start: fed b'abcdef'; returned b'abcd'; buffer b'ef'",
                probe("M2 earliest end, not earliest start", 10, until("abcdef", "cd"), g(List.of("abcdef")), false));
        assertEquals("M3 apart: fed b'ab\\r'; fed b'\\nc'; returned b'ab\\r\\n'; buffer b'c'",
                probe("M3 apart", 10, until("\r\n", "\n"), g(List.of("ab\r"), List.of("\nc")), false));
        assertEquals("M4 overrun uses the matched separator: fed b'abcdxyz!'; LimitOverrunError 'Separator is found, but chunk is longer than limit' consumed=4; buffer b'abcdxyz!'",
                probe("M4 overrun uses the matched separator", 3, until("xyz", "!"), g(List.of("abcdxyz!")), false));
        assertEquals("M5 not found, offset from longest: fed b'abcdef'; still pending; IncompleteReadError partial=b'abcdef'; buffer b''",
                probe("M5 not found, offset from longest", 3, until("xy", "!!!!"), g(List.of("abcdef")), false));
    }

    @Test
    void badSeparatorListsAreRefused() {
        StreamReader r = new StreamReader();
        assertEquals("readUntil needs at least one separator (asyncio: 'Separator should contain at least one element')",
                assertThrows(IllegalArgumentException.class, () -> r.readUntil(new byte[0][])).getMessage());
        assertEquals("readUntil separator 1 is empty: every separator should be at least one-byte string",
                assertThrows(IllegalArgumentException.class, () -> r.readUntil(new byte[] {'a'}, new byte[0])).getMessage());
        r.feedData(new byte[] {'a', 'b', '\n'});
        assertEquals("ab\n", new String(r.readUntil(new byte[][] {{'\n'}}).result(), StandardCharsets.ISO_8859_1));
    }
}
