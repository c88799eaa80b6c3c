package org.asyncio4j.sample.gui;

import java.awt.GraphicsEnvironment;
import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.swing.SwingLoop;

/** Entry of example {@code gui}: the window on the Swing loop; without a display it says so and fails. */
public final class Gui {
    private Gui() {}

    /** Opens the window and returns when it is closed; throws {@link NoDisplay} when there is no display. */
    public static void run(PrintStream out, String... args) {
        if (args.length > 0) {
            throw new IllegalArgumentException("gui takes no arguments, got " + String.join(" ", args));
        }
        if (GraphicsEnvironment.isHeadless()) {
            throw new NoDisplay("gui: no display to open a window on (headless JVM or no DISPLAY); run it on a desktop"
                    + " (its logic is tested headless by GuiDownloadTest)");
        }
        // 4 MiB in 64 KiB chunks, 80 ms apart: about 5 s to watch
        SwingLoop.run(() -> new AsyncGuiDownload(new DownloadPanel(), 4 << 20, 64 << 10, Duration.ofMillis(80)).window(out));
    }

    /** There is no display: the example cannot open its window. */
    public static final class NoDisplay extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoDisplay(String message) {
            super(message);
        }
    }
}
