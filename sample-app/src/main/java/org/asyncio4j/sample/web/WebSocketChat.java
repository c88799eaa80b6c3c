package org.asyncio4j.sample.web;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.http.HttpServer;
import org.asyncio4j.http.Message;
import org.asyncio4j.http.Request;
import org.asyncio4j.http.WebSocket;
import org.asyncio4j.http.WebSocketClient;
import org.asyncio4j.queue.AsyncQueue;
import org.asyncio4j.queue.QueueShutDownException;

/**
 * A chat room over WebSocket: each member has a bounded outbox queue drained by its own sender
 * task, and a broadcast only puts into the outboxes without waiting. A member that does not read
 * fills its own outbox (its further lines are dropped and counted) while everyone else goes on at
 * full speed. The processor generates {@code AsyncWebSocketChat}.
 */
public class WebSocketChat {
    static final int OUTBOX = 16;
    static final int LINES = 40;

    /** One member: its socket, its outbox and what it missed. */
    static final class Member {
        final String name;
        final WebSocket ws;
        final AsyncQueue<String> outbox = new AsyncQueue<>(OUTBOX);
        int dropped;

        Member(String name, WebSocket ws) {
            this.name = name;
            this.ws = ws;
        }
    }

    final PrintStream out;
    final Map<String, Member> members = new LinkedHashMap<>();
    final List<Member> left = new ArrayList<>();

    WebSocketChat(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo (a server, three clients of which one never reads), printing to {@code out}. */
    public static void run(PrintStream out, String... args) {
        Asyncio.run(() -> new AsyncWebSocketChat(out).demo());
    }

    // ---------------------------------------------------------------- the server

    /** Never waits: a full outbox drops the line for that member only. */
    void broadcast(String line) {
        for (Member m : members.values()) {
            if (m.outbox.isFull()) {
                m.dropped++;
            } else {
                m.outbox.putNowait(line);
            }
        }
    }

    /** One member's sender: awaits each send, so a slow reader slows only this task. */
    @Async
    Task<Void> pump(Member m) {
        while (true) {
            String line;
            try {
                line = Await.on(m.outbox.get());
            } catch (QueueShutDownException e) {
                return Task.completed();
            }
            Await.on(m.ws.sendText(line));
        }
    }

    /** /chat?name=...: welcome, then every line the member sends goes to everyone. */
    @Async
    Task<Void> session(Request r, WebSocket ws) {
        Member m = new Member(r.queryParam("name"), ws);
        members.put(m.name, m);
        Task<Void> sender = pump(m);
        m.outbox.putNowait("welcome " + m.name + " (" + members.size() + " here)");
        try {
            AsyncIterator<Message> it = ws.messages().iterator();
            while (Await.on(it.hasNext())) {
                broadcast(m.name + ": " + it.next().text());
            }
        } finally {
            members.remove(m.name);
            left.add(m);
            m.outbox.shutdown(true);
            sender.cancel();
        }
        return Task.completed();
    }

    // ---------------------------------------------------------------- the demo's clients

    @Async
    Task<WebSocket> join(HttpClient client, int port, String name) {
        WebSocket ws = Await.on(WebSocketClient.connect(client, URI.create("ws://127.0.0.1:" + port + "/chat?name=" + name)));
        out.println(name + " <- " + Await.on(ws.receive()).text());
        return Task.completed(ws);
    }

    @Async
    Task<Integer> readLines(WebSocket ws, int n) {
        int got = 0;
        for (int i = 0; i < n; i++) {
            String line = Await.on(ws.receive()).text();
            if (line.equals("alice: line " + i)) {
                got++;
            }
        }
        return Task.completed(got);
    }

    @Async
    Task<Void> talk(WebSocket ws) {
        for (int i = 0; i < LINES; i++) {
            Await.on(ws.sendText("line " + i));
        }
        return Task.completed();
    }

    @Async
    Task<Void> demo() {
        HttpServer server = Await.on(HttpServer.builder().websocket("/chat", this::session).build().start(0));
        HttpClient client = HttpClient.newHttpClient();
        WebSocket alice = Await.on(join(client, server.port(), "alice"));
        WebSocket bob = Await.on(join(client, server.port(), "bob"));
        WebSocket slow = Await.on(join(client, server.port(), "slow"));
        Task<Void> talking = talk(alice);
        List<Integer> got = Await.on(Asyncio.gather(readLines(alice, LINES), readLines(bob, LINES)));
        Await.on(talking);
        out.println("alice got " + got.get(0) + "/" + LINES + ", bob got " + got.get(1) + "/" + LINES
                + " in order, while slow read nothing");
        Member s = members.get("slow");
        int kept = 0;
        // Everything not dropped reaches slow once it reads: what sat in its outbox and its socket.
        while (kept < LINES - s.dropped) {
            Await.on(slow.receive());
            kept++;
        }
        out.println("slow reads late: kept + dropped = " + (kept + s.dropped) + " of " + LINES);
        Await.on(alice.close(1000, "bye"));
        Await.on(bob.close(1000, "bye"));
        Await.on(slow.close(1000, "bye"));
        Await.on(server.stop(Duration.ofSeconds(1)));
        out.println("stopped; members left: " + members.size());
        return Task.completed();
    }
}
