package org.asyncio4j.http;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Task;

/**
 * One HTTP request as a handler sees it: method, decoded path, the route's path parameters, query
 * parameters, headers (names case-insensitive) and the whole body (already read, within the
 * server's body limit). Immutable.
 */
public final class Request {
    private final String method;
    private final String target;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final Headers headers;
    private final byte[] body;
    private final SocketAddress remote;
    /** The body still to read, on a streaming route; else null. */
    private final BodyStream stream;

    Request(String method, String target, String path, Map<String, String> pathParams,
            Map<String, List<String>> query, Headers headers, byte[] body, SocketAddress remote) {
        this(method, target, path, pathParams, query, headers, body, remote, null);
    }

    Request(String method, String target, String path, Map<String, String> pathParams,
            Map<String, List<String>> query, Headers headers, byte[] body, SocketAddress remote, BodyStream stream) {
        this.stream = stream;
        this.method = method;
        this.target = target;
        this.path = path;
        this.pathParams = Collections.unmodifiableMap(pathParams);
        this.query = Collections.unmodifiableMap(query);
        this.headers = headers;
        this.body = body;
        this.remote = remote;
    }

    /**
     * The method, e.g. {@code GET}.
     * @return the method in upper case
     */
    public String method() {
        return method;
    }

    /**
     * The request target as sent, e.g. {@code /items/42?full=true}.
     * @return the raw target, query included, not decoded
     */
    public String target() {
        return target;
    }

    /**
     * The percent-decoded path, without the query, e.g. {@code /items/42}.
     * @return the decoded path
     */
    public String path() {
        return path;
    }

    /**
     * The value of the route's {@code {name}} segment, percent-decoded. Throws
     * {@link IllegalArgumentException} when the route has no such parameter (a typo in the handler).
     * @param name the parameter's name in the route pattern, without braces
     * @return the decoded segment's value
     */
    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the route has no path parameter {" + name + "}; it has " + pathParams.keySet());
        }
        return v;
    }

    /**
     * Every path parameter of the matched route, by name.
     * @return an unmodifiable map from parameter name to decoded value; empty for a route without parameters
     */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    /**
     * The first value of query parameter {@code name}, or null when absent.
     * @param name the parameter's name, exactly as sent (case matters)
     * @return the first decoded value, or null
     */
    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * Every query parameter with all its values, in the order sent.
     * @return an unmodifiable map from decoded name to decoded values
     */
    public Map<String, List<String>> queryParams() {
        return query;
    }

    /**
     * The first value of header {@code name} (any case), or null.
     * @param name the header's name, any case
     * @return the first value, or null if absent
     */
    public String header(String name) {
        return headers.get(name);
    }

    /**
     * All the request's headers.
     * @return the headers as the client sent them
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The body (empty when there is none). The array is the request's own: do not modify it. On a
     * route added with {@link HttpServer.Builder#streamingRoute} the body is not read in advance:
     * this throws {@link IllegalStateException}; use {@link #bodyStream()}.
     * @return the body bytes, never null
     * @throws IllegalStateException on a route added with {@link HttpServer.Builder#streamingRoute}
     */
    public byte[] body() {
        if (stream != null) {
            throw new IllegalStateException(this + " is on a streaming route: its body is not read in advance; iterate bodyStream()");
        }
        return body;
    }

    /**
     * The body as chunks. On a route added with {@link HttpServer.Builder#streamingRoute} they are
     * read from the connection as you iterate (each at most 16 KiB; the server's body limit and body
     * timeout still apply: past the limit the iteration fails and, if the handler lets that failure
     * through, the client gets 413). Iterate once. Elsewhere: the whole {@link #body()} as one
     * chunk (none when empty).
     * @return the body's chunks
     */
    public AsyncIterable<byte[]> bodyStream() {
        if (stream != null) {
            return stream;
        }
        return () -> new AsyncIterator<>() {
            boolean taken = body.length == 0;

            @Override
            public Task<Boolean> hasNext() {
                return Task.completed(!taken);
            }

            @Override
            public byte[] next() {
                if (taken) {
                    throw new java.util.NoSuchElementException("the body was already returned");
                }
                taken = true;
                return body;
            }
        };
    }

    /**
     * The body decoded as UTF-8 ({@link IllegalStateException} on a streaming route, as {@link #body()}).
     * @return the body as text (malformed bytes become U+FFFD)
     * @throws IllegalStateException on a route added with {@link HttpServer.Builder#streamingRoute}
     */
    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /**
     * The client's address.
     * @return the client's socket address
     */
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
