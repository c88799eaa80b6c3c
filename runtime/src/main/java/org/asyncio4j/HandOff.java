package org.asyncio4j;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.asyncio4j.net.Server;

/**
 * {@link LoopGroup.Spread#HAND_OFF}: runs on the acceptor loop (0) and gives each accepted channel
 * to the next loop's server in turn. A channel crosses threads through {@code callSoonThreadsafe}
 * (which orders the accept before the adopting loop's use of it); at group close the acceptor stops
 * first, so a hand-off already queued still runs before its loop's server is closed.
 */
final class HandOff implements Consumer<SocketChannel> {
    private final LoopGroup group;
    private final Server[] targets;
    private int next;

    HandOff(LoopGroup group, Server[] targets) {
        this.group = group;
        this.targets = targets;
    }

    @Override
    public void accept(SocketChannel ch) {
        int i = next;
        next = (i + 1) % targets.length;
        Server target = targets[i];
        if (i == 0) {
            target.adopt(ch); // the acceptor's own share: no hop
        } else {
            // a closed loop throws here; the accepting server then closes the channel and reports it
            group.loop(i).callSoonThreadsafe(() -> target.adopt(ch));
        }
    }

    /** Whether this OS lets several sockets listen on one port ({@code SO_REUSEPORT}). */
    static boolean reusePortSupported() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false; // cannot even open a socket: the hand-off needs nothing special
        }
    }
}
