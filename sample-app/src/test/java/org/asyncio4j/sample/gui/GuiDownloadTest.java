package org.asyncio4j.sample.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.RunOptions;
import org.asyncio4j.sample.Main;
import org.asyncio4j.swing.SwingLoop;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Example {@code gui}, headless: the window's panel is driven on the Swing loop with a virtual
 * clock, over the example's real local socket; every line checks it ran on the EDT.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GuiDownloadTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private String run(int cancelAtPercent, int breakAtPercent) {
        // 32 KiB in 8 KiB chunks, 50 ms apart
        GuiDownload g = new AsyncGuiDownload(new DownloadPanel(), 32 << 10, 8 << 10, Duration.ofMillis(50));
        DownloadScenarios s = new AsyncDownloadScenarios(log);
        return SwingLoop.run(() -> s.clickDownload(g, cancelAtPercent, breakAtPercent), RunOptions.defaults().clock(new VirtualClock()));
    }

    @Test
    void theBarMovesAfterEveryChunkOnTheEdt() {
        assertEquals("32768 bytes", run(-1, -1));
        assertEquals(List.of(
                "t=0 status: downloading..., download enabled: false",
                "t=50 25% 8 KiB of 32 KiB",
                "t=100 50% 16 KiB of 32 KiB",
                "t=150 75% 24 KiB of 32 KiB",
                "t=200 100% 32 KiB of 32 KiB",
                "t=200 status: done: 32 KiB, download enabled: true, cancel enabled: false"), log);
    }

    @Test
    void cancelStopsTheDownloadAndSaysWhere() {
        assertEquals("cancelled", run(50, -1));
        assertEquals(List.of(
                "t=0 status: downloading..., download enabled: false",
                "t=50 25% 8 KiB of 32 KiB",
                "t=100 50% 16 KiB of 32 KiB",
                "t=100 status: cancelled at 16 KiB of 32 KiB, download enabled: true, cancel enabled: false"), log);
    }

    @Test
    void aBrokenDownloadSaysSoAndResetsTheButtons() {
        assertEquals("failed", run(-1, 25));
        assertEquals(List.of(
                "t=0 status: downloading..., download enabled: false",
                "t=50 25% 8 KiB of 32 KiB",
                "t=50 status: failed: IncompleteReadException after 8 KiB, download enabled: true, cancel enabled: false"),
                log);
    }

    @Test
    void withoutADisplayTheExampleSaysSoInOneLineAndFails() {
        assertTrue(GraphicsEnvironment.isHeadless());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"gui"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(3, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("gui: no display to open a window on (headless JVM or no DISPLAY); run it on a desktop (its logic is"
                + " tested headless by GuiDownloadTest)\n", err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
