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
