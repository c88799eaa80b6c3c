package org.asyncio4j.net;

import static org.asyncio4j.net.Flow.bytes;
import static org.asyncio4j.net.Flow.settle;
import static org.asyncio4j.net.Flow.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Seed case S9: UDP echo; message boundaries kept, no connection state. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatagramTest {

    /** The server: receive a datagram, send its upper-cased bytes back to the sender; n times. */
    static final class UpperEcho extends Coroutine<Void> {
        private final DatagramEndpoint ep;
        private int left;

        UpperEcho(DatagramEndpoint ep, int n) {
            this.ep = ep;
            this.left = n;
        }

        Task<Void> begin() {
            return start();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() throws Throwable {
            while (true) {
                switch (state) {
                    case 0:
                        if (left == 0) {
                            returnValue(null);
                            return;
                        }
                        if (await(ep.receive(), 1)) return;
                    case 1:
                        Datagram d = awaited();
                        ep.sendTo(str(d.data()).toUpperCase(Locale.ROOT).getBytes(), d.sender());
                        left--;
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    @Test
    void s9UdpEchoKeepsMessageBoundaries() {
        List<String> log = new ArrayList<>();
        DatagramEndpoint[] ep = new DatagramEndpoint[2];
        Asyncio.run(() -> Flow.run(
                x -> Asyncio.openDatagramEndpoint(new InetSocketAddress("127.0.0.1", 0), null),
                x -> {
                    ep[0] = (DatagramEndpoint) x;
                    new UpperEcho(ep[0], 2).begin();
                    return Asyncio.openDatagramEndpoint(null, ep[0].localAddress());
                },
                x -> {
                    ep[1] = (DatagramEndpoint) x;
                    ep[1].send(bytes("ping"));
                    ep[1].send(bytes("pong"));
                    return ep[1].receive();
                },
                x -> {
                    Datagram d = (Datagram) x;
                    log.add(str(d.data()) + " from server=" + d.sender().equals(ep[0].localAddress()));
                    return ep[1].receive();
                },
                x -> {
                    log.add(str(((Datagram) x).data()));
                    // A receive pending at close fails; later ones too.
                    Task<Datagram> pending = ep[1].receive();
                    ep[1].close();
                    return settle(pending);
                },
                x -> {
                    log.add("pending receive at close: " + x.getClass().getSimpleName());
                    log.add("send after close: " + assertThrows(IllegalStateException.class,
                            () -> ep[1].send(bytes("late"))).getClass().getSimpleName());
                    return ep[0].closeAsync(null);
                },
                x -> Asyncio.yieldNow(),
                x -> {
                    log.add("registered=" + EventLoop.current().io().registered());
                    return null;
                }));
        assertEquals(List.of("PING from server=true", "PONG", "pending receive at close: AsynchronousCloseException",
                "send after close: IllegalStateException", "registered=0"), log);
    }

    @Test
    void connectedEndpointRejectsOtherTargetsAndUnconnectedNeedsSendTo() {
        Asyncio.run(() -> Flow.run(
                x -> Asyncio.openDatagramEndpoint(new InetSocketAddress("127.0.0.1", 0), null),
                x -> {
                    DatagramEndpoint a = (DatagramEndpoint) x;
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.send(bytes("x")));
                    assertEquals(true, e.getMessage().contains("sendTo"));
                    a.close();
                    return null;
                }));
        assertThrows(IllegalArgumentException.class, () -> Asyncio.run(() -> Asyncio.openDatagramEndpoint(null, null)));
    }
}
