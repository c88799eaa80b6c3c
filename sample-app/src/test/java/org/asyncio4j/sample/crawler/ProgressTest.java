package org.asyncio4j.sample.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line, on a clock the test moves: quiet for a second, then redrawn or printed. */
class ProgressTest {
    long now = 5_000_000_000L; // any start: only differences count
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void plainLinesAtMostOnceASecondAfterTheFirstSecond() {
        Progress p = new Progress("gather", 10, out, false, () -> now);
        now += 900_000_000L;
        p.step(); // 0.9 s: quiet
        now += 200_000_000L;
        p.step(); // 1.1 s: the first line
        now += 300_000_000L;
        p.step(); // 1.4 s: same second, nothing
        p.render();
        now += 700_000_000L;
        p.render(); // 2.1 s: a tick prints the time even with nothing done
        p.finish();
        assertEquals("  gather: 2/10 pages, 1.1 s\n  gather: 3/10 pages, 2.1 s\n", text());
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlaceThenCleared() {
        Progress p = new Progress("semaphore", 100, out, true, () -> now);
        p.step(); // 0.0 s: quiet
        now += 1_000_000_000L;
        p.step();
        now += 50_000_000L;
        p.render();
        p.finish();
        String line1 = "  semaphore: 2/100 pages, 1.0 s";
        String line2 = "  semaphore: 2/100 pages, 1.1 s";
        assertEquals("\r" + line1 + "\r" + line2 + "\r" + " ".repeat(line1.length()) + "\r", text());
    }

    @Test
    void aRunShorterThanASecondPrintsNothing() {
        Progress plain = new Progress("a", 3, out, false, () -> now);
        Progress live = new Progress("b", 3, out, true, () -> now);
        for (int i = 0; i < 3; i++) {
            now += 300_000_000L;
            plain.step();
            live.step();
        }
        plain.finish();
        live.finish();
        assertEquals("", text());
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
