package org.asyncio4j.sample.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end on a real server and real sockets: every way reads every title, in order;
 * how many fetches ran at once is counted, not timed (1, all, the limit); the table has one row per way.
 */
class CrawlerDemoTest {
    static final Options SMALL = new Options(12, Duration.ofMillis(50), 6, false);

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void everyWayReadsEveryTitleAndTheTableComparesThem() throws Exception {
        CrawlerDemo.Result r = CrawlerDemo.crawl(SMALL, out, false);

        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= SMALL.pages(); n++) {
            expected.add(PageServer.title(n));
        }
        assertEquals(List.of("one by one, blocking (HttpClient.send)", "all at once (@Async + gather)",
                "at most 6 at once (+ Semaphore)"), r.runs().stream().map(Run::way).toList());
        for (Run run : r.runs()) {
            assertEquals(expected, run.titles(), run.way());
            assertEquals(SMALL.pages(), run.correct(), run.way());
        }
        // the orders of magnitude, as counts: one at a time, all 12, at most 6 (the first 6 start at once)
        assertEquals(List.of(1, 12, 6), r.runs().stream().map(Run::peakInFlight).toList());
        assertEquals(List.of("~ 12 x 50 ms = 0.6 s", "~ 1 x 50 ms = 0.1 s", "~ 2 x 50 ms = 0.1 s"),
                r.runs().stream().map(Run::expected).toList());
        assertTrue(r.timedOutAndCancelled(), "waitFor should have timed out and cancelled the fetch of /slow");
        assertEquals("the server cancelled its /slow handler: the client closed the connection", r.serverSaw());

        CrawlerDemo.print(r, SMALL, out);
        List<String> lines = text().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("way ")).findFirst().orElseThrow());
        assertTrue(lines.get(header).matches("way +titles ok +max at once +time +expected"), lines.get(header));
        List<String> rows = lines.subList(header + 1, header + 1 + lines.subList(header, lines.size()).indexOf("") - 1);
        assertEquals(3, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).matches("one by one, blocking \\(HttpClient.send\\) +12/12 +1 +\\d+\\.\\d\\d s +~ 12 x 50 ms = 0.6 s"), rows.get(0));
        assertTrue(rows.get(1).matches("all at once \\(@Async \\+ gather\\) +12/12 +12 +\\d+\\.\\d\\d s +~ 1 x 50 ms = 0.1 s"), rows.get(1));
        assertTrue(rows.get(2).matches("at most 6 at once \\(\\+ Semaphore\\) +12/12 +6 +\\d+\\.\\d\\d s +~ 2 x 50 ms = 0.1 s"), rows.get(2));
        assertTrue(lines.contains("page 1's title, read by jsoup: \"Page 1 \u2014 fish & chips\""), text());
        assertTrue(lines.contains("waitFor(fetch of /slow, 500 ms): timed out; the fetch task was cancelled and its request aborted"), text());
    }

    @Test
    void theTitleComesFromTheParserNotAStringSearch() throws Exception {
        try (PageServer server = PageServer.start(3, Duration.ZERO); Crawler crawler = new AsyncCrawler()) {
            String html = server.html(2);
            // the comment mentions <title> first, and the title itself is escaped
            assertTrue(html.indexOf("<title>") < html.indexOf("<title>Page 2"), html);
            assertTrue(html.contains("<title>Page 2 &mdash; the &lt;title&gt; element</title>"), html);
            List<String> titles = Asyncio.run(() -> crawler.allAtOnce(server.urls(), new Progress("t", 3, out, false)));
            assertEquals(List.of("Page 1 \u2014 fish & chips", "Page 2 \u2014 the <title> element",
                    "Page 3 \u2014 caf\u00e9 cr\u00e8me"), titles);
        }
    }

    @Test
    void waitForCancelsTheSlowFetchAndTheServerSeesItsClientLeave() throws Exception {
        try (PageServer server = PageServer.start(1, Duration.ofMillis(10)); Crawler crawler = new AsyncCrawler()) {
            assertTrue(Asyncio.run(() -> crawler.timesOut(server.slowUrl(), Duration.ofMillis(100))));
            assertEquals("the server cancelled its /slow handler: the client closed the connection",
                    server.slowCancelled.get(10, TimeUnit.SECONDS));
            assertEquals(0, crawler.inFlight, "the cancelled fetch is no longer counted");
            // a page that answers in time is not cut short
            assertEquals(false, Asyncio.run(() -> crawler.timesOut(server.urls().get(0), Duration.ofSeconds(30))));
            assertEquals(0, crawler.inFlight);
        }
    }

    @Test
    void aPageThatIsNotThereFailsTheFetchWithTheServersAnswer() {
        try (PageServer server = PageServer.start(2, Duration.ZERO); Crawler crawler = new AsyncCrawler()) {
            String url = server.base() + "page/3";
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> crawler.title(url)));
            assertEquals("GET " + url + " answered 404: no page '3': pages are 1 to 2", e.getMessage());
        }
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
