package org.asyncio4j.bench.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.bench.Measure;
import org.asyncio4j.files.AsyncFiles;
import org.asyncio4j.files.ChannelFiles;

/**
 * W8: one 1 GB file read whole, and 100,000 files of 1 KB read with 64 reads in flight, by one way
 * of reading ({@code how=}): {@code asyncfiles} (AsyncFiles), {@code channel} (ChannelFiles,
 * AsynchronousFileChannel), {@code tothread} (a hand-written {@code Asyncio.toThread(() ->
 * Files.readAllBytes(p))}, what a user writes today) or {@code blocking} (Files.readAllBytes in a
 * plain loop on one thread, no event loop: the floor). The files are made once under {@code dir=}
 * and stay in the page cache (24 GB of memory): this measures the hand-offs and copies, not a disk.
 */
public final class FileReads {
    private FileReads() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Measure.args(args);
        String how = a.getOrDefault("how", "asyncfiles");
        int bigMb = Measure.intArg(a, "bigMb");
        int smallN = Measure.intArg(a, "smallN");
        int window = Measure.intArg(a, "window");
        Path dir = Path.of(a.getOrDefault("dir", "benchmarks/target/w8-data"));
        Path big = makeBig(dir, bigMb);
        Path[] small = makeSmall(dir.resolve("small"), smallN);
        Function<Path, Task<byte[]>> read = reader(how);

        // warm-up: a tenth of the small files, and the big file once
        Path[] warm = java.util.Arrays.copyOf(small, smallN / 10);
        readMany(how, read, warm, window);
        readOne(how, read, big);

        Measure m = new Measure().put("bigMb", bigMb).put("smallN", smallN);
        long cpu0 = Measure.cpuNanos();
        long t0 = System.nanoTime();
        long bigBytes = readOne(how, read, big);
        long bigNs = System.nanoTime() - t0;
        long cpu1 = Measure.cpuNanos();
        if (bigBytes != (long) bigMb << 20) {
            throw new IllegalStateException("read " + bigBytes + " bytes of the big file, expected " + ((long) bigMb << 20));
        }
        long t1 = System.nanoTime();
        long smallBytes = readMany(how, read, small, window);
        long smallNs = System.nanoTime() - t1;
        long cpu2 = Measure.cpuNanos();
        if (smallBytes != (long) smallN * 1024) {
            throw new IllegalStateException("read " + smallBytes + " bytes of small files, expected " + (long) smallN * 1024);
        }
        m.put("bigReadMs", bigNs / 1e6).put("bigMBps", bigMb / (bigNs / 1e9)).put("bigCpuMs", (cpu1 - cpu0) / 1e6);
        m.put("smallReadMs", smallNs / 1e6).put("smallFilesPerSec", smallN / (smallNs / 1e9))
                .put("smallCpuUsPerFile", (cpu2 - cpu1) / 1e3 / smallN);
        m.emit();
    }

    static Function<Path, Task<byte[]>> reader(String how) {
        switch (how) {
            case "asyncfiles":
                return AsyncFiles::readAllBytes;
            case "channel":
                return ChannelFiles::readAllBytes;
            case "tothread":
                return p -> Asyncio.toThread((Callable<byte[]>) () -> Files.readAllBytes(p));
            case "blocking":
                return null;
            default:
                throw new IllegalArgumentException("how= must be asyncfiles, channel, tothread or blocking, got " + how);
        }
    }

    static long readOne(String how, Function<Path, Task<byte[]>> read, Path f) throws IOException {
        byte[] b = how.equals("blocking") ? Files.readAllBytes(f) : Asyncio.run(() -> read.apply(f));
        Measure.sink = b;
        return b.length;
    }

    /** Reads every file with {@code window} reads in flight; returns the bytes read. */
    static long readMany(String how, Function<Path, Task<byte[]>> read, Path[] files, int window) throws IOException {
        if (how.equals("blocking")) {
            long n = 0;
            for (Path f : files) {
                n += Files.readAllBytes(f).length;
            }
            return n;
        }
        return Asyncio.run(() -> {
            Promise<Long> done = new Promise<>();
            long[] state = new long[3]; // next index, completed, bytes
            Runnable[] startNext = new Runnable[1];
            startNext[0] = () -> {
                int i = (int) state[0]++;
                read.apply(files[i]).addDoneCallback(t -> {
                    if (t.exception() != null) {
                        done.fail(t.exception());
                        return;
                    }
                    state[2] += t.result().length;
                    if (++state[1] == files.length) {
                        done.complete(state[2]);
                    } else if (state[0] < files.length) {
                        startNext[0].run();
                    }
                });
            };
            for (int k = 0; k < Math.min(window, files.length); k++) {
                startNext[0].run();
            }
            return done;
        });
    }

    static Path makeBig(Path dir, int mb) throws IOException {
        Path f = dir.resolve("big-" + mb + "mb.bin");
        if (Files.size(Files.createDirectories(dir)) >= 0 && Files.exists(f) && Files.size(f) == (long) mb << 20) {
            return f;
        }
        byte[] chunk = new byte[1 << 20];
        new Random(8).nextBytes(chunk);
        Path tmp = dir.resolve("big.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            for (int i = 0; i < mb; i++) {
                out.write(chunk);
            }
        }
        return Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static Path[] makeSmall(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Path[] files = new Path[n];
        byte[] b = new byte[1024];
        Random r = new Random(9);
        Path marker = dir.resolve("complete-" + n);
        boolean complete = Files.exists(marker);
        for (int i = 0; i < n; i++) {
            files[i] = dir.resolve((i % 100) + "/" + i + ".bin");
            if (!complete) {
                Files.createDirectories(files[i].getParent());
                r.nextBytes(b);
                Files.write(files[i], b);
            }
        }
        if (!complete) {
            Files.createFile(marker);
        }
        return files;
    }
}
