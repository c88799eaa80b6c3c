package org.asyncio4j.sample.files;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code files} (Python's aiofiles): writes a log, appends to it, copies it, and counts its
 * error lines by streaming them, all without blocking the loop; a ticker task keeps running
 * meanwhile to show it. (The processor names this class's generated subclass {@code AsyncFiles},
 * so the library's {@code org.asyncio4j.files.AsyncFiles} is written out in full here.) Works in a
 * temporary directory that it removes after.
 */
public class Files {
    final PrintStream out;
    int ticks;
    boolean working = true;

    Files(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a fresh loop; {@code args[0]}: lines to write (default 200000). */
    public static void run(PrintStream out, String... args) {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir;
        try {
            dir = java.nio.file.Files.createTempDirectory("asyncio4j-files-example");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for the example", e);
        }
        try {
            Files demo = new AsyncFiles(out);
            Asyncio.run(() -> demo.demo(dir, lines));
        } finally {
            delete(dir);
        }
    }

    /** Entry point for {@code exec:java}. */
    public static void main(String[] args) {
        run(System.out, args);
    }

    @Async
    Task<Void> ticker() {
        while (working) {
            ticks++;
            Await.on(Asyncio.sleep(Duration.ofMillis(1)));
        }
        return Task.completed();
    }

    @Async
    Task<Void> demo(Path dir, int lines) {
        Task<Void> ticking = ticker();
        Path log = dir.resolve("app.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append(i % 100 == 0 ? "ERROR " : "INFO ").append("event ").append(i).append('\n');
        }
        Await.on(org.asyncio4j.files.AsyncFiles.writeString(log, sb));
        Await.on(org.asyncio4j.files.AsyncFiles.appendString(log, "ERROR appended at the end\n"));
        long copied = Await.on(org.asyncio4j.files.AsyncFiles.copy(log, dir.resolve("app.log.bak")));
        out.println("wrote " + (lines + 1) + " lines, copied " + copied + " bytes");

        long errors = 0;
        String last = null;
        AsyncIterator<String> it = org.asyncio4j.files.AsyncFiles.lines(log).iterator();
        while (Await.on(it.hasNext())) {
            String line = it.next();
            if (line.startsWith("ERROR")) {
                errors++;
                last = line;
            }
        }
        out.println(errors + " error lines; the last: " + last);
        byte[] backup = Await.on(org.asyncio4j.files.AsyncFiles.readAllBytes(dir.resolve("app.log.bak")));
        out.println("backup has " + backup.length + " bytes");
        working = false;
        Await.on(ticking);
        // The ticker's first tick ran when it was started; any later one ran while a file operation was in flight.
        out.println("the loop stayed free: the ticker ran " + (ticks > 1 ? "meanwhile" : "only before the file work (the loop was blocked)"));
        return Task.completed();
    }

    static void delete(Path dir) {
        try (Stream<Path> all = java.nio.file.Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(all.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                java.nio.file.Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the example's directory " + dir, e);
        }
    }
}
