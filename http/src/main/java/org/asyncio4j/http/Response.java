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

    /**
     * {@code status} with an empty body.
     * @param status the HTTP status code, e.g. 204
     * @return a new response with no body
     */
    public static Response of(int status) {
        return new Response(status, EMPTY, null);
    }

    /**
     * {@code status} with {@code body}, typed {@code contentType}.
     * @param status the HTTP status code
     * @param contentType the {@code Content-Type} header's value, e.g. "image/png"
     * @param body the bytes to send; not null (use {@link #of(int)} for no body)
     * @return a new response
     */
    public static Response of(int status, String contentType, byte[] body) {
        Objects.requireNonNull(body, "body (use Response.of(status) for an empty one)");
        return new Response(status, body, null).header("Content-Type", contentType);
    }

    /**
     * {@code 200} with a UTF-8 plain-text body.
     * @param body the text to send; not null
     * @return a new response typed {@code text/plain; charset=utf-8}
     */
    public static Response text(String body) {
        return text(200, body);
    }

    /**
     * {@code status} with a UTF-8 plain-text body.
     * @param status the HTTP status code
     * @param body the text to send; not null
     * @return a new response typed {@code text/plain; charset=utf-8}
     */
    public static Response text(int status, String body) {
        return of(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code 200} with a JSON body (the text is sent as given: serialize it with your JSON library).
     * @param json the JSON text to send; not null
     * @return a new response typed {@code application/json}
     */
    public static Response json(String json) {
        return json(200, json);
    }

    /**
     * {@code status} with a JSON body.
     * @param status the HTTP status code
     * @param json the JSON text to send; not null
     * @return a new response typed {@code application/json}
     */
    public static Response json(int status, String json) {
        return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code status} with a body streamed from {@code chunks} (chunked transfer encoding). The
     * server awaits each chunk, writes it and waits for the client to take it before asking for
     * the next (back-pressure), and closes the iterator if the client goes away first.
     * @param status the HTTP status code
     * @param contentType the {@code Content-Type} header's value
     * @param chunks the body's chunks, in order; not null. Null and empty chunks are skipped
     * @return a new streamed response
     */
    public static Response stream(int status, String contentType, AsyncIterable<byte[]> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        return new Response(status, null, chunks).header("Content-Type", contentType);
    }

    /**
     * Adds a header (see {@link Headers#add}); returns this.
     * @param name the header's name, e.g. "Cache-Control"
     * @param value the header's value
     * @return this response
     */
    public Response header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /**
     * This response's status.
     * @return the HTTP status code
     */
    public int status() {
        return status;
    }

    /**
     * This response's headers (mutable until the response is sent).
     * @return the headers, to read or add to
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The whole body, or null for a streamed response.
     * @return the body bytes (the array itself), or null
     */
    public byte[] body() {
        return body;
    }

    /**
     * The streamed body, or null for a whole one.
     * @return the chunk source, or null
     */
    public AsyncIterable<byte[]> stream() {
        return stream;
    }

    /**
     * This response as a completed task, for handlers that answer at once.
     * @return a completed task holding this response
     */
    public Task<Response> done() {
        return Task.completed(this);
    }

    @Override
    public String toString() {
        return "Response[" + status + (stream != null ? ", streamed" : ", " + body.length + " bytes") + "]";
    }
}
