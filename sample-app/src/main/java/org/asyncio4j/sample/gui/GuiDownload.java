package org.asyncio4j.sample.gui;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.swing.JFrame;
import javax.swing.WindowConstants;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.net.Connection;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;

/**
 * Example {@code gui} (Python's qasync): a window whose Download button runs a slow download while
 * a progress bar moves between awaits and the window stays responsive; Cancel cancels it. Every
 * step runs on Swing's event dispatch thread ({@code SwingLoop}), so the code updates widgets
 * directly, with no {@code invokeLater}. The slow source is a local server on the same loop that
 * sends {@code size} bytes in chunks, pausing between them; the download reads it over a real socket.
 */
public class GuiDownload {
    final DownloadPanel panel;
    final int size;
    final int chunk;
    final Duration pause;
    Server source;
    /** The download running now, or the last one. */
    Task<Long> current;

    GuiDownload(DownloadPanel panel, int size, int chunk, Duration pause) {
        this.panel = panel;
        this.size = size;
        this.chunk = chunk;
        this.pause = pause;
    }

    /** Starts the slow source and wires the buttons (their listeners run on the loop's thread, the EDT). */
    @Async
    Task<Void> start() {
        source = Await.on(Asyncio.startServer(this::serve, "127.0.0.1", 0));
        panel.download.addActionListener(e -> current = Asyncio.createTask(this::download));
        panel.cancel.addActionListener(e -> current.cancel());
        return Task.completed();
    }

    /** The slow source: a header line with the size, then the bytes, one chunk per pause. */
    @Async
    Task<Void> serve(StreamReader reader, StreamWriter writer) {
        writer.write(("SIZE " + size + "\n").getBytes(StandardCharsets.US_ASCII));
        byte[] data = new byte[chunk];
        for (int sent = 0; sent < size; sent += chunk) {
            Await.on(Asyncio.sleep(pause));
            writer.write(data, 0, Math.min(chunk, size - sent));
            Await.on(writer.drain());
        }
        return Task.completed(); // the server flushes and closes the connection
    }

    /**
     * One download: the bar moves after every chunk; a cancel (the Cancel button) or a failure says
     * where it stopped, and the buttons are reset whatever happens.
     */
    @Async
    Task<Long> download() {
        panel.started();
        long received = 0;
        long total = -1;
        Connection c = null;
        try {
            c = Await.on(Asyncio.openConnection("127.0.0.1", source.port()));
            String header = new String(Await.on(c.reader().readLine()), StandardCharsets.US_ASCII).trim();
            total = Long.parseLong(header.substring("SIZE ".length()));
            while (received < total) {
                // one chunk at a time (a source that stops early fails this with IncompleteReadError)
                byte[] part = Await.on(c.reader().readExactly((int) Math.min(chunk, total - received)));
                received += part.length;
                panel.progress(received, total); // on the EDT, between two awaits
            }
            panel.finished("done: " + DownloadPanel.kib(total));
        } catch (CancelledError e) {
            panel.finished(total < 0 ? "cancelled before the download began"
                    : "cancelled at " + DownloadPanel.kib(received) + " of " + DownloadPanel.kib(total));
            throw e;
        } catch (Exception e) { // an I/O failure too: Await.on rethrows checked exceptions unchanged
            panel.finished("failed: " + e.getClass().getSimpleName() + " after " + DownloadPanel.kib(received));
            throw e;
        } finally {
            if (c != null) {
                c.writer().close();
            }
        }
        return Task.completed(received);
    }

    /** The application: a window; the program ends when it is closed. Needs a display. */
    @Async
    Task<Void> window(PrintStream out) {
        Await.on(start());
        JFrame frame = new JFrame("asyncio4j: a slow download on the Swing loop");
        frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        Promise<Void> closed = new Promise<>();
        frame.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosed(java.awt.event.WindowEvent e) {
                closed.complete(null); // on the EDT, the loop's thread: wakes main at once
            }
        });
        frame.setContentPane(panel);
        frame.pack();
        frame.setSize(Math.max(frame.getWidth(), 480), frame.getHeight());
        frame.setLocationRelativeTo(null);
        frame.setVisible(true);
        out.println("gui: window open; close it to exit");
        Await.on(closed);
        source.close();
        Await.on(source.waitClosed());
        out.println("gui: window closed");
        return Task.completed();
    }
}
