package org.asyncio4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.LoopGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HttpServer on a LoopGroup: one server per loop from the same routes, connections spread, a graceful stop of all. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoopGroupHttpTest {
    final HttpServer.Builder routes = HttpServer.builder()
            .get("/who", r -> Response.text(Thread.currentThread().getName()).done());

    /** One request on a connection of its own (Connection: close); returns the raw response. */
    static String get(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream o = s.getOutputStream();
            o.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void withTheHandOffConnectionKIsServedByLoopKModN() throws Exception {
        try (LoopGroup group = LoopGroup.start(3)) {
            List<HttpServer> servers = routes.startOn(group, "127.0.0.1", 0, LoopGroup.Spread.HAND_OFF);
            assertEquals(3, servers.size());
            int port = servers.get(0).port();
            List<String> servedBy = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                servedBy.add(body(get(port, "/who")));
            }
            assertEquals(List.of("asyncio4j-loop-0", "asyncio4j-loop-1", "asyncio4j-loop-2",
                    "asyncio4j-loop-0", "asyncio4j-loop-1", "asyncio4j-loop-2"), servedBy);
            // Only the accepting loop listens; the others serve what it hands them.
            assertEquals(-1, group.submit(1, () -> org.asyncio4j.Task.completed(servers.get(1).port())).get());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> servers.get(1).address());
            assertTrue(e.getMessage().contains("HAND_OFF"), e.getMessage());
            HttpServer.stopAll(servers, Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
            assertThrows(ConnectException.class, () -> get(port, "/who"));
        }
    }

    @Test
    void withReusePortEveryLoopListensOnTheSamePort() throws Exception {
        try (LoopGroup group = LoopGroup.start(2)) {
            List<HttpServer> servers = routes.startOn(group, "127.0.0.1", 0, LoopGroup.Spread.REUSE_PORT);
            int port = servers.get(0).port();
            assertEquals(port, group.submit(1, () -> org.asyncio4j.Task.completed(servers.get(1).port())).get());
            // The kernel picks the loop from a hash of each connection's addresses: the set of loops that served
            // 64 connections (from 64 different client ports) is checked, not their order.
            Set<String> loops = new TreeSet<>();
            for (int k = 0; k < 64; k++) {
                String r = get(port, "/who");
                assertTrue(r.startsWith("HTTP/1.1 200 "), r);
                loops.add(body(r));
            }
            assertEquals(Set.of("asyncio4j-loop-0", "asyncio4j-loop-1"), loops);
            HttpServer.stopAll(servers, Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void stopAllLetsARequestInProgressFinishThenEveryLoopStopsServing() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Response> release = new CompletableFuture<>();
        HttpServer.Builder slow = HttpServer.builder().get("/slow", r -> {
            started.countDown();
            return Asyncio.wrap(release);
        });
        try (LoopGroup group = LoopGroup.start(2)) {
            List<HttpServer> servers = slow.startOn(group, "127.0.0.1", 0, LoopGroup.Spread.HAND_OFF);
            int port = servers.get(0).port();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return get(port, "/slow");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(started.await(30, TimeUnit.SECONDS), "the handler did not start");
            CompletableFuture<Void> stopped = HttpServer.stopAll(servers, Duration.ofSeconds(30));
            // stopAll's first step on loop 0 closes the listening socket; NIO finishes closing a registered channel
            // at the loop's next select, so two later round trips through loop 0 see it closed.
            for (int i = 0; i < 2; i++) {
                group.submit(0, () -> org.asyncio4j.Task.completed(null)).get(30, TimeUnit.SECONDS);
            }
            assertThrows(ConnectException.class, () -> get(port, "/slow"), "the acceptor must stop at once");
            assertFalse(stopped.isDone(), "stopAll must wait for the request in progress");
            release.complete(Response.text("done"));
            String r = answer.get(30, TimeUnit.SECONDS);
            assertTrue(r.startsWith("HTTP/1.1 200 "), r);
            assertTrue(r.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), r);
            assertEquals("done", body(r));
            stopped.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void startOnFromALoopThreadIsRefusedWithTheReason() throws Exception {
        try (LoopGroup group = LoopGroup.start(1)) {
            CompletableFuture<List<HttpServer>> f = group.submit(() -> org.asyncio4j.Task.completed(
                    routes.startOn(group, "127.0.0.1", 0)));
            Throwable e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS)).getCause();
            assertTrue(e instanceof IllegalStateException && e.getMessage().contains("plain thread"), String.valueOf(e));
        }
    }
}
