package org.asyncio4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18 item 6: a cold JVM under {@code ulimit -n 200} ({@link FdLimitChild}) serves 250 clients
 * of this JVM. Accept runs out of descriptors; the report goes through the default logging path
 * (no exception handler) and must not end the loop; connections already accepted are served
 * meanwhile (their first reads happen only after exhaustion), and once clients leave, the rest are
 * accepted and served.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FdLimitTest {
    static final int CLIENTS = 250;
    static final int FIRST_BATCH = 150;

    @Test
    void aColdLoopOutOfDescriptorsKeepsServingAndRecovers() throws Exception {
        assertTrue(new File("/bin/bash").canExecute(), "FdLimitTest needs /bin/bash to start the child with ulimit -n");
        String java = ProcessHandle.current().info().command().orElseThrow(() -> new AssertionError("cannot find this JVM's java command"));
        Process child = new ProcessBuilder("/bin/bash", "-c", "ulimit -n 200 && exec \"$0\" -ea -cp \"$1\" " + FdLimitChild.class.getName(),
                java, System.getProperty("java.class.path"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(child.getErrorStream()));
        List<Socket> clients = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("PORT "), "child did not start its server: " + first + "\n" + stderrNow(child, stderr));
            int port = Integer.parseInt(first.substring(5).trim());
            // Every client connects (the kernel's accept queue holds them) before any sends a byte.
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                s.setSoTimeout(30_000);
                clients.add(s);
            }
            for (int i = 0; i < CLIENTS; i++) {
                send(clients.get(i), "hello " + i + "\n");
            }
            // The first 50 were accepted before the descriptors ran out: served now.
            for (int i = 0; i < 50; i++) {
                assertEquals("echo:hello " + i, readLine(clients.get(i)), "client " + i);
            }
            for (int i = 0; i < FIRST_BATCH; i++) {
                clients.get(i).close();
            }
            // Descriptors come back: the rest are accepted after the retry and served.
            for (int i = FIRST_BATCH; i < CLIENTS; i++) {
                assertEquals("echo:hello " + i, readLine(clients.get(i)), "client " + i + "\n" + stderrNow(child, stderr));
            }
            send(clients.get(CLIENTS - 1), "quit\n");
            for (int i = FIRST_BATCH; i < CLIENTS; i++) {
                clients.get(i).close();
            }
            assertEquals("CHILD OK", out.readLine(), stderrNow(child, stderr));
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child exits");
            String err = stderr.get(30, TimeUnit.SECONDS);
            assertEquals(0, child.exitValue(), err);
            assertTrue(err.contains("accept() failed on"), "the exhaustion was reported:\n" + err);
            assertTrue(err.contains("Too many open files"), "with its cause:\n" + err);
            assertFalse(err.contains("Error:") || err.contains("NoClassDefFoundError"), "no error escaped:\n" + err);
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            child.destroyForcibly();
        }
    }

    static void send(Socket s, String line) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write(line.getBytes(StandardCharsets.UTF_8));
        o.flush();
    }

    static String readLine(Socket s) throws IOException {
        StringBuilder b = new StringBuilder();
        var in = s.getInputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return "EOF after '" + b + "'";
            }
            b.append((char) c);
        }
        return b.toString();
    }

    static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(reading the child's stderr failed: " + e + ")";
        }
    }

    static String stderrNow(Process child, CompletableFuture<String> stderr) {
        if (child.isAlive()) {
            return "(child still running)";
        }
        try {
            return "child stderr:\n" + stderr.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "(no stderr: " + e + ")";
        }
    }
}
