package org.asyncio4j.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Request bodies read by the handler as they arrive (streaming routes), with the JDK client and raw sockets. */
class StreamingScenarios {
    static final int BIG = 5 * 1024 * 1024;

    final List<String> log;
    final Raw raw;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    StreamingScenarios(List<String> log) {
        this.log = log;
        this.raw = new AsyncRaw(log);
    }

    HttpServer server(long maxBody) {
        return HttpServer.builder()
                .streamingRoute("POST", "/upload", this::upload)
                .streamingRoute("POST", "/ignore", r -> Response.text("ignored\n").done())
                .streamingRoute("POST", "/first", this::firstChunkOnly)
                .streamingRoute("POST", "/careful", this::careful)
                .get("/port", r -> Response.text(String.valueOf(((InetSocketAddress) r.remoteAddress()).getPort())).done())
                .maxBodyBytes(maxBody)
                .build();
    }

    /** Reads the whole body chunk by chunk: answers its size, CRC-32, and the largest chunk held at once. */
    @Async
    Task<Response> upload(Request r) {
        CRC32 crc = new CRC32();
        long bytes = 0;
        int chunks = 0;
        int largest = 0;
        try {
            for (byte[] c : Await.each(r.bodyStream())) {
                crc.update(c);
                bytes += c.length;
                chunks++;
                largest = Math.max(largest, c.length);
            }
        } catch (RuntimeException e) {
            log.add("upload handler: body failed with " + e.getClass().getSimpleName() + " at " + Raw.ms());
            throw e;
        }
        return Task.completed(Response.text("bytes=" + bytes + " crc=" + Long.toHexString(crc.getValue())
                + " chunks>1:" + (chunks > 1) + " largest<=16KiB:" + (largest <= 16 * 1024)));
    }

    @Async
    Task<Response> firstChunkOnly(Request r) {
        AsyncIterator<byte[]> it = r.bodyStream().iterator();
        Await.on(it.hasNext());
        return Task.completed(Response.text("first chunk: " + Raw.str(it.next()) + "\n"));
    }

    /** Catches the body's refusal and answers it itself. */
    @Async
    Task<Response> careful(Request r) {
        long n = 0;
        try {
            AsyncIterator<byte[]> it = r.bodyStream().iterator();
            while (Await.on(it.hasNext())) {
                n += it.next().length;
            }
        } catch (RuntimeException e) {
            return Task.completed(Response.text(422, "stopped after " + n + " bytes: " + e.getMessage() + "\n"));
        }
        return Task.completed(Response.text("all " + n + "\n"));
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    static String crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return Long.toHexString(c.getValue());
    }

    /** 5 MiB uploads, fixed length and chunked, with the JDK client; the keep-alive connection goes on after each. */
    @Async
    Task<Void> bigUploads() {
        HttpServer s = Await.on(server(8L * 1024 * 1024).start(0));
        String base = "http://127.0.0.1:" + s.port();
        byte[] body = random(BIG);
        String expected = "bytes=" + BIG + " crc=" + crc(body) + " chunks>1:true largest<=16KiB:true";
        String port = Await.on(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/port")).build(),
                HttpResponse.BodyHandlers.ofString())).body();
        HttpResponse<String> fixed = Await.on(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()));
        log.add("fixed length: " + fixed.statusCode() + " as sent: " + fixed.body().equals(expected));
        // A publisher of unknown length: the JDK client sends it chunked.
        HttpResponse<String> chunked = Await.on(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/upload"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body))).build(),
                HttpResponse.BodyHandlers.ofString()));
        log.add("chunked: " + chunked.statusCode() + " as sent: " + chunked.body().equals(expected));
        String again = Await.on(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/port")).build(),
                HttpResponse.BodyHandlers.ofString())).body();
        log.add("same connection throughout: " + port.equals(again));
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** Each request on its own raw connection; logs the answers (status line and body) and how the connection ended. */
    @Async
    Task<Void> rawExchanges(List<String> requests) {
        HttpServer s = Await.on(server(100).start(0));
        for (String req : requests) {
            String answer = Await.on(raw.exchange(s.port(), req));
            StringBuilder b = new StringBuilder();
            for (String part : answer.split("(?=HTTP/1\\.1 )")) {
                if (!part.isEmpty()) {
                    b.append(Raw.statusLine(part)).append(part.contains("Connection: close") ? " (close)" : "").append(" | ")
                            .append(part.substring(part.indexOf("\r\n\r\n") + 4).trim()).append(" || ");
                }
            }
            log.add(b + "then " + log.remove(log.size() - 1));
        }
        Await.on(s.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    /** Sends the head and part of a body, then leaves. */
    @Async
    Task<Void> clientLeavesMidBody() {
        HttpServer s = Await.on(server(100).start(0));
        org.asyncio4j.net.Connection c = Await.on(org.asyncio4j.Asyncio.openConnection("127.0.0.1", s.port()));
        c.writer().write(Raw.bytes("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n0123456789"));
        Await.on(c.writer().drain());
        Await.on(org.asyncio4j.Asyncio.sleep(Duration.ofSeconds(1)));
        Await.on(c.closeAsync(null));
        Await.on(s.stop(Duration.ofSeconds(5)));
        log.add("stopped at " + Raw.ms() + ", connections: " + s.connectionCount());
        return Task.completed();
    }
}
