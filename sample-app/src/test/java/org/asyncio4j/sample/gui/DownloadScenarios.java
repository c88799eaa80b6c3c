package org.asyncio4j.sample.gui;

import java.awt.EventQueue;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Drives the example's widgets as a user would, on the Swing loop, logging what the widgets show and when. */
class DownloadScenarios {
    final List<String> log;

    DownloadScenarios(List<String> log) {
        this.log = log;
    }

    void note(String line) {
        log.add("t=" + EventLoop.current().time() / 1_000_000 + " " + line + (EventQueue.isDispatchThread() ? "" : " OFF THE EDT"));
    }

    /**
     * Clicks Download; with {@code cancelAtPercent} >= 0, clicks Cancel once the bar reaches it; with
     * {@code breakAtPercent} >= 0, the source drops its connections then.
     */
    @Async
    Task<String> clickDownload(GuiDownload g, int cancelAtPercent, int breakAtPercent) {
        Await.on(g.start());
        DownloadPanel p = g.panel;
        p.bar.addChangeListener(e -> {
            note(p.bar.getValue() + "% " + p.bar.getString());
            if (p.bar.getValue() == cancelAtPercent) {
                EventQueue.invokeLater(p.cancel::doClick); // the user, a moment later
            }
            if (p.bar.getValue() == breakAtPercent) {
                g.source.abortClients();
            }
        });
        p.download.doClick();
        Await.on(Asyncio.sleep(java.time.Duration.ZERO)); // the download's first step runs
        note("status: " + p.status.getText() + ", download enabled: " + p.download.isEnabled());
        String outcome;
        try {
            outcome = Await.on(g.current) + " bytes";
        } catch (CancelledError e) {
            outcome = "cancelled";
        } catch (Exception e) {
            outcome = "failed";
        }
        note("status: " + p.status.getText() + ", download enabled: " + p.download.isEnabled()
                + ", cancel enabled: " + p.cancel.isEnabled());
        g.source.close();
        Await.on(g.source.waitClosed());
        return Task.completed(outcome);
    }
}
