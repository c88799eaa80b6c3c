package org.asyncio4j.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.Task;

/**
 * What a handler answers: a status, headers and either a whole body or a stream of chunks. The
 * server adds {@code Content-Length} (whole body) or {@code Transfer-Encoding: chunked} (stream) and
 * ignores such framing headers set by the handler. Build one with the factories and chain
 * {@link #header}:
 * <pre>{@code
 * return Task.completed(Response.json("{\"id\": 42}").header("Cache-Control", "no-store"));
 * }</pre>
 */
public final class Response {
    private static final byte[] EMPTY = new byte[0];

    private final int status;
    private final Headers headers = new Headers();
    private final byte[] body;
    private final AsyncIterable<byte[]> stream;

    private Response(int status, byte[] body, AsyncIterable<byte[]> stream) {
        if (status < 200 || status > 999) {
            throw new IllegalArgumentException("a response status must be in 200..999 (1xx are sent by the server itself), got " + status);
        }
        this.status = status;
        this.body = body;
        this.stream = stream;
    }

    /** {@code status} with an empty body. */
    public static Response of(int status) {
        return new Response(status, EMPTY, null);
    }

    /** {@code status} with {@code body}, typed {@code contentType}. */
    public static Response of(int status, String contentType, byte[] body) {
        Objects.requireNonNull(body, "body (use Response.of(status) for an empty one)");
        return new Response(status, body, null).header("Content-Type", contentType);
    }

    /** {@code 200} with a UTF-8 plain-text body. */
    public static Response text(String body) {
        return text(200, body);
    }

    /** {@code status} with a UTF-8 plain-text body. */
    public static Response text(int status, String body) {
        return of(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code 200} with a JSON body (the text is sent as given: serialize it with your JSON library). */
    public static Response json(String json) {
        return json(200, json);
    }

    /** {@code status} with a JSON body. */
    public static Response json(int status, String json) {
        return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code status} with a body streamed from {@code chunks} (chunked transfer encoding). The
     * server awaits each chunk, writes it and waits for the client to take it before asking for
     * the next (back-pressure), and closes the iterator if the client goes away first.
     */
    public static Response stream(int status, String contentType, AsyncIterable<byte[]> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        return new Response(status, null, chunks).header("Content-Type", contentType);
    }

    /** Adds a header (see {@link Headers#add}); returns this. */
    public Response header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** This response's status. */
    public int status() {
        return status;
    }

    /** This response's headers (mutable until the response is sent). */
    public Headers headers() {
        return headers;
    }

    /** The whole body, or null for a streamed response. */
    public byte[] body() {
        return body;
    }

    /** The streamed body, or null for a whole one. */
    public AsyncIterable<byte[]> stream() {
        return stream;
    }

    /** This response as a completed task, for handlers that answer at once. */
    public Task<Response> done() {
        return Task.completed(this);
    }

    @Override
    public String toString() {
        return "Response[" + status + (stream != null ? ", streamed" : ", " + body.length + " bytes") + "]";
    }
}
