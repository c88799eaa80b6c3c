package org.asyncio4j.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files in a temporary directory, on a real loop. */
class AsyncFilesTest {
    @TempDir
    Path dir;

    static <T> T run(Supplier<Task<T>> main) {
        return Asyncio.run(main);
    }

    /** Runs {@code second} after {@code first} succeeded (both on the loop). */
    static <A, B> Task<B> then(Task<A> first, java.util.function.Function<A, Task<B>> second) {
        Promise<B> p = new Promise<>();
        first.addDoneCallback(t -> {
            if (t.exception() != null) {
                p.fail(t.exception());
                return;
            }
            second.apply(t.result()).addDoneCallback(u -> {
                if (u.exception() != null) {
                    p.fail(u.exception());
                } else {
                    p.complete(u.result());
                }
            });
        });
        return p;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void writeThenReadBackBytesAndText() {
        Path bin = dir.resolve("a.bin");
        Path txt = dir.resolve("a.txt");
        byte[] data = random(100_000, 1);
        byte[] back = run(() -> then(AsyncFiles.write(bin, data), v -> AsyncFiles.readAllBytes(bin)));
        assertArrayEquals(data, back);
        String text = "naïve café, 東京, 🎉\nsecond line";
        assertEquals(text, run(() -> then(AsyncFiles.writeString(txt, text), v -> AsyncFiles.readString(txt))));
    }

    @Test
    void appendAddsToTheEndAndCreatesTheFile() throws IOException {
        Path log = dir.resolve("log.txt");
        run(() -> then(AsyncFiles.appendString(log, "one\n"), v -> AsyncFiles.append(log, "two\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("one\ntwo\n", Files.readString(log));
    }

    @Test
    void copyCompletesWithTheSizeAndRefusesToOverwriteUnlessAsked() throws IOException {
        Path src = dir.resolve("src.bin");
        Path dst = dir.resolve("dst.bin");
        byte[] data = random(3_000_000, 2);
        Files.write(src, data);
        assertEquals(3_000_000L, run(() -> AsyncFiles.copy(src, dst)));
        assertArrayEquals(data, Files.readAllBytes(dst));
        assertThrows(FileAlreadyExistsException.class, () -> run(() -> AsyncFiles.copy(src, dst)));
        Files.writeString(src, "new");
        assertEquals(3L, run(() -> AsyncFiles.copy(src, dst, StandardCopyOption.REPLACE_EXISTING)));
        assertEquals("new", Files.readString(dst));
    }

    @Test
    void errorsAreTheFileSystemsOwn() throws IOException {
        Path missing = dir.resolve("missing.txt");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> run(() -> AsyncFiles.readAllBytes(missing)));
        assertEquals(missing.toString(), e.getMessage());
        Path bad = dir.resolve("latin1.txt");
        Files.write(bad, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertThrows(MalformedInputException.class, () -> run(() -> AsyncFiles.readString(bad)));
        NullPointerException n = assertThrows(NullPointerException.class, () -> AsyncFiles.readAllBytes(null));
        assertEquals("readAllBytes: the path is null", n.getMessage());
    }

    @Test
    void linesStreamEveryLineInBatchesWhateverTheTerminators() throws IOException {
        Path f = dir.resolve("lines.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            sb.append("line ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        sb.append("last, without a newline");
        Files.writeString(f, sb);
        List<String> got = run(() -> AsyncFiles.lines(f).toList());
        assertEquals(Files.readAllLines(f), got);
        assertEquals(100_001, got.size());
    }

    @Test
    void linesOfAnEmptyFileAndOfAMissingOne() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertEquals(List.of(), run(() -> AsyncFiles.lines(empty).toList()));
        Path missing = dir.resolve("nope.txt");
        assertThrows(NoSuchFileException.class, () -> run(() -> AsyncFiles.lines(missing).toList()));
    }

    @Test
    void closingALinesIteratorEarlyClosesTheFile() throws IOException {
        Path f = dir.resolve("many.txt");
        Files.writeString(f, "x\n".repeat(200_000));
        long before = openFiles(f);
        List<String> events = run(() -> {
            AsyncIterator<String> it = AsyncFiles.lines(f).iterator();
            return then(it.hasNext(), has -> {
                List<String> ev = new ArrayList<>();
                ev.add("first: " + it.next());
                ev.add("open while iterating: " + openFiles(f));
                return then(it.closeAsync(null), v -> {
                    ev.add("open after closeAsync: " + openFiles(f));
                    return Task.completed(ev);
                });
            });
        });
        assertEquals(0, before);
        assertEquals(List.of("first: x", "open while iterating: 1", "open after closeAsync: 0"), events);
    }

    /** How many of this process's file descriptors point at {@code f} (Linux /proc). */
    static long openFiles(Path f) {
        Path fds = Path.of("/proc/self/fd");
        assertTrue(Files.isDirectory(fds), "this test needs Linux's /proc/self/fd");
        long n = 0;
        try (var s = Files.list(fds)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try {
                    if (Files.readSymbolicLink(p).equals(f.toAbsolutePath())) {
                        n++;
                    }
                } catch (IOException gone) {
                    // the descriptor closed while we listed (the listing's own one): not ours
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return n;
    }

    @Test
    void channelFilesReadAndWriteInChunks() {
        Path f = dir.resolve("chunks.bin");
        byte[] data = random(ChannelFiles.CHUNK * 5 + 12_345, 3);
        byte[] back = run(() -> then(ChannelFiles.write(f, data), v -> ChannelFiles.readAllBytes(f)));
        assertArrayEquals(data, back);
        Path empty = dir.resolve("empty.bin");
        assertEquals(0, run(() -> then(ChannelFiles.write(empty, new byte[0]), v -> ChannelFiles.readAllBytes(empty))).length);
        assertThrows(NoSuchFileException.class, () -> run(() -> ChannelFiles.readAllBytes(dir.resolve("missing"))));
    }

    @Test
    void theLoopKeepsRunningWhileAFileIsRead() throws IOException {
        Path f = dir.resolve("big.bin");
        Files.write(f, random(64 << 20, 4));
        for (boolean channel : new boolean[] {false, true}) {
            int[] ticks = new int[1];
            boolean[] doneAtReturn = new boolean[1];
            int length = run(() -> {
                EventLoop loop = EventLoop.current();
                Task<byte[]> read = channel ? ChannelFiles.readAllBytes(f) : AsyncFiles.readAllBytes(f);
                doneAtReturn[0] = read.isDone();
                Runnable[] tick = new Runnable[1];
                tick[0] = () -> {
                    if (!read.isDone()) {
                        ticks[0]++;
                        loop.callSoon(tick[0]);
                    }
                };
                loop.callSoon(tick[0]);
                return Chain.map(read, b -> b.length);
            });
            assertEquals(64 << 20, length);
            assertFalse(doneAtReturn[0], "the read finished before the call returned: it ran on the loop thread");
            assertTrue(ticks[0] > 0, "no loop callback ran while the file was read");
        }
    }

    @Test
    void cancellingAChannelReadClosesTheChannel() throws IOException {
        Path f = dir.resolve("cancel.bin");
        Files.write(f, random(32 << 20, 5));
        Task<?>[] read = new Task<?>[1];
        run(() -> {
            read[0] = ChannelFiles.readAllBytes(f);
            read[0].cancel();
            // two turns: the cancellation's callbacks run; Asyncio.run then joins the executor that opened the file
            return then(Asyncio.yieldNow(), v -> Asyncio.yieldNow());
        });
        assertTrue(read[0].isCancelled());
        assertEquals(0, openFiles(f));
    }
}
