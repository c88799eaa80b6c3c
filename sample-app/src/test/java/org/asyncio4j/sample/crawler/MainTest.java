package org.asyncio4j.sample.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.asyncio4j.sample.Main;
import org.junit.jupiter.api.Test;

/** The jar's command line: options alone run the crawler; mistakes print the usage and give status 2. */
class MainTest {
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void aBadOptionPrintsWhatWasWrongAndTheUsageThenFails() {
        assertEquals(2, Main.run(new String[] {"--pages", "many"}, out, err));
        assertEquals("--pages takes a whole number, not 'many'\n" + Options.USAGE + "\n", err());
        assertEquals("", out());
    }

    @Test
    void theSameThroughTheExampleName() {
        assertEquals(2, Main.run(new String[] {"crawler", "--limit", "0"}, out, err));
        assertEquals("--limit must be between 1 and 1000, not 0\n" + Options.USAGE + "\n", err());
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        assertEquals(0, Main.run(new String[] {"--help"}, out, err));
        assertEquals(Options.USAGE + "\n", out());
        assertEquals("", err());
    }

    @Test
    void optionsAloneRunTheCrawler() {
        assertEquals(0, Main.run(new String[] {"--pages", "3", "--latency-ms", "1", "--limit", "2"}, out, err));
        assertTrue(out().startsWith("3 pages at http://127.0.0.1:"), out());
        assertTrue(out().contains("\nat most 2 at once (+ Semaphore) "), out());
        assertEquals("", err());
    }

    @Test
    void listNamesTheCrawlerAndAnUnknownNameFails() {
        assertEquals(0, Main.run(new String[] {"list"}, out, err));
        assertTrue(out().lines().anyMatch(l -> l.startsWith("crawler: ")), out());
        assertEquals(2, Main.run(new String[] {"crawl"}, out, err));
        assertTrue(err().startsWith("unknown example 'crawl'; the examples are:\n"), err());
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
