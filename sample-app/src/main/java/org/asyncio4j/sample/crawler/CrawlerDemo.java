package org.asyncio4j.sample.crawler;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asyncio4j.Asyncio;

/**
 * The main demo: a local site of N slow pages, their titles fetched three ways, a table comparing
 * them, then a fetch given up by {@code waitFor}. See {@link Options#USAGE}.
 */
public final class CrawlerDemo {
    /** What waitFor gives the fetch of {@code /slow} (which would answer after an hour). */
    static final Duration WAIT_FOR = Duration.ofMillis(500);

    private CrawlerDemo() {}

    /**
     * Runs the demo with the command-line {@code args}, printing to {@code out}.
     *
     * @throws UsageError for a bad argument (nothing has run then)
     */
    public static void run(PrintStream out, String... args) {
        Options options = Options.parse(args);
        if (options.help()) {
            out.println(Options.USAGE);
            return;
        }
        try {
            print(crawl(options, out, out == System.out && Progress.stdoutIsTerminal()), options, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What one demo found: the three runs and the waitFor case. */
    record Result(List<Run> runs, boolean timedOutAndCancelled, String serverSaw) {}

    static Result crawl(Options o, PrintStream out, boolean live) throws IOException, InterruptedException {
        try (PageServer server = PageServer.start(o.pages(), o.latency()); Crawler crawler = new AsyncCrawler()) {
            List<String> urls = server.urls();
            long ms = o.latency().toMillis();
            out.printf("%d pages at %s, each answered after %d ms (asyncio4j-http, on its own loop thread)%n",
                    o.pages(), server.base(), ms);
            // one fetch each way first, not counted: class loading and the first connection would
            // otherwise weigh on whichever way runs first
            out.println("warming up: one fetch each way, not counted");
            Progress warmUp = new Progress("warming up", 2, new PrintStream(OutputStream.nullOutputStream()), false);
            crawler.oneByOne(urls.subList(0, 1), warmUp);
            Asyncio.run(() -> crawler.allAtOnce(urls.subList(0, 1), warmUp));

            int rounds = (o.pages() + o.limit() - 1) / o.limit(); // of `limit` fetches at a time
            Measure m = new Measure(crawler, urls.size(), out, live);
            List<Run> runs = List.of(
                    m.run("one by one, blocking (HttpClient.send)", about(o.pages(), ms),
                            p -> crawler.oneByOne(urls, p)),
                    m.run("all at once (@Async + gather)", about(1, ms),
                            p -> Asyncio.run(() -> {
                                p.tickOnLoop();
                                return crawler.allAtOnce(urls, p);
                            })),
                    m.run("at most " + o.limit() + " at once (+ Semaphore)", about(rounds, ms),
                            p -> Asyncio.run(() -> {
                                p.tickOnLoop();
                                return crawler.atMost(o.limit(), urls, p);
                            })));

            boolean cancelled = Asyncio.run(() -> crawler.timesOut(server.slowUrl(), WAIT_FOR));
            String serverSaw;
            try {
                serverSaw = server.slowCancelled.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                serverSaw = "the server's /slow handler was still running 5 s later: the cancel did not reach it";
            }
            return new Result(runs, cancelled, serverSaw);
        }
    }

    static void print(Result r, Options o, PrintStream out) {
        out.println();
        String row = "%-40s %9s %11s %9s   %s%n";
        out.printf(row, "way", "titles ok", "max at once", "time", "expected");
        for (Run run : r.runs()) {
            out.printf(row, run.way(), run.correct() + "/" + o.pages(), run.peakInFlight(),
                    String.format(Locale.ROOT, "%.2f s", run.elapsed().toNanos() / 1e9), run.expected());
        }
        out.println();
        out.println("page 1's title, read by jsoup: \"" + r.runs().get(0).titles().get(0) + "\"");
        out.println("waitFor(fetch of /slow, " + WAIT_FOR.toMillis() + " ms): "
                + (r.timedOutAndCancelled() ? "timed out; the fetch task was cancelled and its request aborted"
                        : "did NOT time out and cancel the fetch"));
        out.println(r.serverSaw());
    }

    /** "~ 10 x 200 ms = 2.0 s": how long {@code times} latencies in a row take. */
    static String about(int times, long ms) {
        return String.format(Locale.ROOT, "~ %d x %d ms = %.1f s", times, ms, times * ms / 1000.0);
    }

    /** One way of fetching every page, given its progress line. */
    interface Way {
        List<String> titles(Progress p) throws IOException, InterruptedException;
    }

    /** Runs a way with a progress line, timing it and counting the fetches in flight. */
    record Measure(Crawler crawler, int pages, PrintStream out, boolean live) {
        Run run(String way, String expected, Way fetch) throws IOException, InterruptedException {
            out.println("fetching " + way);
            Progress p = new Progress(way, pages, out, live);
            crawler.peak = 0;
            long t0 = System.nanoTime();
            try {
                List<String> titles = fetch.titles(p);
                return new Run(way, titles, crawler.peak, Duration.ofNanos(System.nanoTime() - t0), expected);
            } finally {
                p.finish();
            }
        }
    }
}
