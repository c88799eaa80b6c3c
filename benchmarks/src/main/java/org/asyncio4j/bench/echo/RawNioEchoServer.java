package org.asyncio4j.bench.echo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A diagnostic floor for W4, not a peer in the plan: the least a one-thread NIO selector loop can do
 * per echoed line (one read, one write, the select amortised; lines of at most 64 KiB assumed
 * whole in one read, which holds for the load client's 64-byte closed loop). Comparing asyncio4j's
 * server CPU per request with this one's measures what the runtime adds on top of NIO. Run it as
 * the other servers ({@code LISTENING port=N}, then serve until killed).
 */
public final class RawNioEchoServer {
    private RawNioEchoServer() {}

    public static void main(String[] args) throws IOException {
        try (Selector sel = Selector.open(); ServerSocketChannel ss = ServerSocketChannel.open()) {
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            ss.configureBlocking(false);
            ss.register(sel, SelectionKey.OP_ACCEPT);
            System.out.println("LISTENING port=" + ss.socket().getLocalPort());
            System.out.flush();
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            while (true) {
                sel.select(k -> {
                    try {
                        if (k.isAcceptable()) {
                            SocketChannel c = ss.accept();
                            if (c != null) {
                                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                                c.configureBlocking(false);
                                c.register(sel, SelectionKey.OP_READ);
                            }
                            return;
                        }
                        SocketChannel c = (SocketChannel) k.channel();
                        buf.clear();
                        int n = c.read(buf);
                        if (n < 0) {
                            c.close();
                            return;
                        }
                        buf.flip();
                        while (buf.hasRemaining()) {
                            c.write(buf); // a diagnostic: spins if the peer stops reading
                        }
                    } catch (IOException e) {
                        k.cancel();
                        try {
                            k.channel().close();
                        } catch (IOException ignored) {
                            // closing after a failure: nothing more to do for a diagnostic server
                        }
                    }
                });
            }
        }
    }
}
