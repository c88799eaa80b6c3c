package org.asyncio4j.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadFactory;
import org.asyncio4j.bench.vt.VirtualThreads;

/**
 * W4 server on virtual threads: one virtual thread per connection, blocking sockets, echoing each
 * line. Prints {@code LISTENING port=N}; runs until the runner ends the process.
 */
public final class VirtualThreadEchoServer {
    private VirtualThreadEchoServer() {}

    public static void main(String[] args) throws IOException {
        ThreadFactory f = VirtualThreads.factory();
        try (ServerSocket ss = new ServerSocket()) {
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            System.out.println("LISTENING port=" + ss.getLocalPort());
            System.out.flush();
            while (true) {
                Socket s = ss.accept();
                f.newThread(() -> serve(s)).start();
            }
        }
    }

    static void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            System.err.println("connection " + s + " failed: " + e);
        }
    }
}
