package org.asyncio4j.sample.gui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;

/**
 * The example's widgets: Download and Cancel buttons, a progress bar, a status line. Plain Swing,
 * touched only on the event dispatch thread (where the Swing loop runs every task step); it needs
 * no display, so the tests use it headless.
 */
final class DownloadPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    final JButton download = new JButton("Download");
    final JButton cancel = new JButton("Cancel");
    final JProgressBar bar = new JProgressBar(0, 100);
    final JLabel status = new JLabel("Press Download: the window stays responsive while it runs.");

    DownloadPanel() {
        super(new BorderLayout(8, 8));
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 0));
        buttons.add(download);
        buttons.add(cancel);
        add(buttons, BorderLayout.NORTH);
        bar.setStringPainted(true);
        add(bar, BorderLayout.CENTER);
        add(status, BorderLayout.SOUTH);
        cancel.setEnabled(false);
    }

    void started() {
        download.setEnabled(false);
        cancel.setEnabled(true);
        bar.setString("0 KiB"); // the text first: a listener of the value then sees the text that goes with it
        bar.setValue(0);
        status.setText("downloading...");
    }

    void progress(long received, long total) {
        bar.setString(kib(received) + " of " + kib(total));
        bar.setValue((int) (received * 100 / total));
    }

    void finished(String text) {
        download.setEnabled(true);
        cancel.setEnabled(false);
        status.setText(text);
    }

    static String kib(long bytes) {
        return bytes / 1024 + " KiB";
    }
}
