package org.asyncio4j;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.TimeZone;
import java.util.stream.Stream;

/**
 * Initialises, once per JVM, what the error-reporting and I/O paths would otherwise load lazily from
 * files (issue 18 item 6). When a process runs out of file descriptors, the first use of such a path
 * needs a descriptor itself: the default logging formats a time and so opens the JDK's {@code tzdb.dat};
 * a failed class initialisation then stays failed ({@code NoClassDefFoundError}) for the JVM's life.
 * Doing it while descriptors are plentiful (a loop starting, I/O first used) avoids both.
 */
final class Warmup {
    private static volatile boolean reporting;
    private static volatile boolean io;

    private Warmup() {}

    /** The reporting path: the logger backend, the default time zone, and the formatting of a log line. */
    static void reporting(System.Logger log) {
        if (reporting) {
            return;
        }
        reporting = true;
        try {
            log.isLoggable(System.Logger.Level.ERROR); // initialises the logging backend (reads its config file)
            TimeZone.getDefault();
            ZonedDateTime now = ZonedDateTime.now(ZoneId.systemDefault());
            // java.util.logging's default line format: month names, am/pm (locale data).
            String.format("%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s%n%4$s: %5$s%6$s%n",
                    now, "source", "logger", "SEVERE", "message", "");
            new Throwable().getStackTrace(); // stack walking, used when a report prints its exception
            ErrorReport.class.getName();
        } catch (Throwable t) {
            // Best effort: reporting itself never throws (EventLoop.report falls back to System.err).
        }
    }

    /**
     * The runtime's classes, when they are loaded from a directory (development and tests): each
     * would need a descriptor to be read on first use, so they are all loaded (not initialised) now.
     * From a jar nothing is needed: the jar is open already. Also the JDK's lazily loaded pieces of
     * the socket read path.
     */
    static void io() {
        if (io) {
            return;
        }
        io = true;
        try {
            // The JDK initialises its file dispatcher (which opens descriptors of its own) on the first
            // socket write or close; a pipe's write and read take the same path.
            java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
            try (var sink = pipe.sink(); var source = pipe.source()) {
                sink.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
                source.read(java.nio.ByteBuffer.allocate(1));
            }
        } catch (Throwable t) {
            // Best effort, as below.
        }
        try {
            java.security.CodeSource src = Warmup.class.getProtectionDomain().getCodeSource();
            Path root = src == null ? null : Path.of(src.getLocation().toURI());
            if (root != null && Files.isDirectory(root.resolve("org/asyncio4j"))) {
                ClassLoader loader = Warmup.class.getClassLoader();
                try (Stream<Path> files = Files.walk(root.resolve("org/asyncio4j"))) {
                    for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".class"))::iterator) {
                        String name = root.relativize(f).toString().replace(File.separatorChar, '.');
                        try {
                            Class.forName(name.substring(0, name.length() - ".class".length()), false, loader);
                        } catch (ClassNotFoundException | LinkageError skip) {
                            // Not loadable here (e.g. compiled for a newer JDK): it fails where used.
                        }
                    }
                }
            }
        } catch (Throwable t) {
            // Best effort: a class missing here fails where it is used, with its own error.
        }
    }
}
