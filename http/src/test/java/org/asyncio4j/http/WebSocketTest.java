package org.asyncio4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.asyncio4j.Asyncio;
import org.asyncio4j.ErrorReport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our WebSocket server against the JDK's WebSocket client, raw and through {@link WebSocketClient}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebSocketTest {
    final List<String> log = new ArrayList<>();
    final List<ErrorReport> reports = new ArrayList<>();

    void run(Function<WsScenarios, Task<Void>> scenario) {
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(reports::add);
            return scenario.apply(new AsyncWsScenarios(log));
        });
        assertEquals(List.of(), reports);
    }

    void runVirtual(Function<WsScenarios, Task<Void>> scenario) {
        Asyncio.run(() -> {
            EventLoop.current().setExceptionHandler(reports::add);
            return scenario.apply(new AsyncWsScenarios(log));
        }, new org.asyncio4j.testing.VirtualClock());
        assertEquals(List.of(), reports);
    }

    @Test
    void fragmentsInterleavedWithAPingAreJoinedAndTheLimitAppliesToTheWholeMessage() {
        run(WsScenarios::rawFragments);
        assertEquals(List.of(
                "client: HTTP/1.1 101 Switching Protocols",
                // The server reads the four frames at once: it answers the ping, then joins the message.
                "server: got Text[abcde]",
                "client: frame 8a 1 p",
                "server: WebSocket closed: 1009 message larger than 1000 bytes",
                "client: server sent frame 88 with code 1009 then closed"), log);
    }

    @Test
    void longMessagesAreSentAsFramesOfTheConfiguredSize() {
        run(WsScenarios::serverFragments);
        assertEquals(List.of(
                "jdk client: text abcd last=false",
                "jdk client: text efgh last=false",
                "jdk client: text ij last=true",
                "jdk client: binary 4 bytes last=false",
                "jdk client: binary 2 bytes last=true",
                "bridged client: Text[abcdefghij], [1, 2, 3, 4, 5, 6]"), log);
    }

    @Test
    void pingsAreAwaitedUntilTheirPongBothWays() {
        run(WsScenarios::pings);
        assertEquals(List.of(
                "server: pong 1",
                "client: Text[pinged]",
                "client: pong 9",
                "server: got Text[bye]",
                "server: a ping carries at most 125 bytes (RFC 6455 5.5), got 126"), log.subList(0, 5));
        assertEquals("client: more messages: false, close code 1000", log.get(5));
        assertEquals(6, log.size());
    }

    @Test
    void keepAlivePingsAnsweredByTheJdkClientKeepTheConversationGoing() {
        run(WsScenarios::keepAliveAnswered);
        assertEquals(List.of("client: pings answered: 3", "client: echo:still here dee"), log.subList(0, 2));
        // The client's and the server's ends of the close run on different threads: their order is free.
        assertEquals(java.util.Set.of("client: closed by server with 1000", "server: messages ended, close code 1000"),
                java.util.Set.copyOf(log.subList(2, log.size())));
        assertEquals(4, log.size());
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsClosedWith1011AtTheTimeout() {
        runVirtual(WsScenarios::keepAliveUnanswered);
        // A ping at 20 s, no answer, the close at 30 s: both ends see it in the same loop iteration, in either order.
        assertEquals(java.util.Set.of(
                "server: WebSocket closed: 1011 keepalive ping timeout: no pong within 10000 ms at 30000ms",
                "client: frame 89 with 8 bytes, then frame 88 with code 1011 \"keepalive ping timeout: no pong within 10000 ms\", then end of stream at 30000ms"),
                java.util.Set.copyOf(log));
        assertEquals(2, log.size());
    }

    @Test
    void aHandlerThatOnlySendsLearnsOfTheKeepAliveTimeoutAtItsNextSend() {
        run(WsScenarios::keepAliveForASender);
        assertEquals(java.util.Set.of(
                "server: send failed: WebSocket closed: 1011 keepalive ping timeout: no pong within 100 ms",
                "client: got [close, ping, text], close code 1011"), java.util.Set.copyOf(log));
        assertEquals(2, log.size());
    }

    @Test
    void textBinaryAndTheCloseHandshakeStartedByTheClient() {
        run(WsScenarios::echoConversation);
        assertEquals(List.of(
                "client: Text[echo:hello ann]",
                "client: Binary[3 bytes]",
                "server: messages ended, close code 1000",
                "client: closed with 1000",
                "client: receive after close -> WebSocket closed: 1000"), log); // the server echoes the code, not the reason
    }

    @Test
    void fragmentsAreJoinedPingsAnsweredAndOversizedMessagesClosedWith1009() {
        run(WsScenarios::fragmentsAndPing);
        assertEquals(List.of(
                "client: echo:hello world bob",
                "client: pong 7",
                "client: closed by server with 1009 message larger than 1000 bytes"), log.subList(0, 3));
    }

    @Test
    void aCloseFromTheServerCarriesItsCodeAndReason() {
        run(WsScenarios::serverCloses);
        // The client's and the server's ends of the handshake run on different threads: their order is free.
        assertEquals(List.of("client: Text[hi]"), log.subList(0, 1));
        assertEquals(java.util.Set.of("client: WebSocket closed: 4001 bye (normal: false)", "server: close handshake done"),
                java.util.Set.copyOf(log.subList(1, log.size())));
        assertEquals(3, log.size());
    }

    @Test
    void aSlowReceiverMakesSendWaitAndLosesNothing() {
        run(WsScenarios::backPressure);
        assertEquals(List.of(
                "server send waited before the last message: true",
                "server: all " + WsScenarios.FLOOD + " sent",
                "client: received " + WsScenarios.FLOOD + " in order: true"), log);
    }

    @Test
    void theFloodArrivesIntactWhenARawClientReadsItInChunksOfRandomSizes() {
        run(WsScenarios::floodReadInRandomChunks);
        assertEquals(List.of(
                "client: HTTP/1.1 101 Switching Protocols",
                "server send waited before the last message: true",
                "server: all " + WsScenarios.FLOOD + " sent",
                "client: all " + WsScenarios.FLOOD + " frames whole and in order"), log);
    }

    @Test
    void aGracefulStopClosesOpenWebSocketsWith1001() {
        run(WsScenarios::stopWithAnOpenWebSocket);
        assertEquals(4, log.size(), log.toString());
        assertEquals("client: Text[echo:before cy]", log.get(0));
        // The server's and the client's ends of the close run on different threads: their order is free.
        assertEquals(java.util.Set.of("server: messages ended, close code 1001", "client: more messages: false, close code 1001"),
                java.util.Set.copyOf(log.subList(1, 3)));
        assertEquals("stopped, connections: 0", log.get(3));
    }

    @Test
    void aPlainGetOnAWebSocketRouteIs426() {
        run(WsScenarios::plainGetOnAWebSocketRoute);
        assertEquals(List.of("426 This is a WebSocket endpoint: send GET with Upgrade: websocket and Connection: Upgrade"), log);
    }

    @Test
    void protocolFaultsCloseWithTheirCodesAndALostPeerIs1006() {
        run(WsScenarios::protocolFaults);
        assertEquals(List.of(
                "client: HTTP/1.1 101 Switching Protocols, accept ok: true",
                "server: got Text[hi]",
                "server: WebSocket closed: 1002 client frames must be masked (RFC 6455 5.1)",
                "client: server sent frame 88 with code 1002 then closed",
                "client: HTTP/1.1 101 Switching Protocols, accept ok: true",
                "server: WebSocket closed: 1002 reserved bits set but no extension was negotiated",
                "client: server sent frame 88 with code 1002 then closed",
                "client: HTTP/1.1 101 Switching Protocols, accept ok: true",
                "server: WebSocket closed: 1007 text message is not valid UTF-8",
                "client: server sent frame 88 with code 1007 then closed",
                "client: HTTP/1.1 101 Switching Protocols, accept ok: true",
                "server: WebSocket closed: 1006 connection lost without a close frame"), log);
    }
}
