package org.asyncio4j.net;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;

/**
 * TLS streams ({@code open_connection(..., ssl=ctx)}, {@code start_server(..., ssl=ctx)}) through
 * the JDK's {@link SSLEngine}: the same {@link StreamReader}/{@link StreamWriter} API as plain
 * streams, with the bytes encrypted on the wire. The handshake must finish within a timeout
 * (default {@link #DEFAULT_HANDSHAKE_TIMEOUT}, asyncio's {@code ssl_handshake_timeout}); TLS 1.2
 * renegotiation is refused; {@code close()} sends close_notify; a peer that closes without one
 * fails the reader instead of looking like a clean end. Clients check the server's host name
 * against its certificate (HTTPS endpoint identification).
 */
public final class Tls {
    /** asyncio's default {@code ssl_handshake_timeout}: 60 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

    private Tls() {}

    /**
     * Connects to {@code host:port} and completes the TLS handshake (default timeout).
     * @param host the server's name (checked against its certificate) or address
     * @param port the server's TCP port
     * @param context the TLS settings and trust store, e.g. {@code SSLContext.getDefault()}; not null
     * @return a task completing with the connection once the handshake is done; it fails with
     *     {@link org.asyncio4j.AsyncTimeoutException} after {@link #DEFAULT_HANDSHAKE_TIMEOUT}, or with the handshake's {@code SSLException}
     */
    public static Task<Connection> openConnection(String host, int port, SSLContext context) {
        return openConnection(host, port, context, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /**
     * As {@link #openConnection(String, int, SSLContext)} with a handshake timeout (null: none).
     * @param host the server's name (checked against its certificate) or address
     * @param port the server's TCP port
     * @param context the TLS settings and trust store, e.g. {@code SSLContext.getDefault()}; not null
     * @param handshakeTimeout the longest the handshake may take, or null for no limit
     * @return a task completing with the connection once the handshake is done; it fails with
     *     {@link org.asyncio4j.AsyncTimeoutException} when the handshake takes longer than {@code handshakeTimeout}
     */
    public static Task<Connection> openConnection(String host, int port, SSLContext context, Duration handshakeTimeout) {
        Objects.requireNonNull(context, "openConnection: the SSLContext is null; use SSLContext.getDefault() for the JDK's trust store");
        Promise<Connection> result = new Promise<>();
        Task<Connection> plain = Connection.open(host, port);
        plain.addDoneCallback(t -> {
            if (t.isCancelled()) {
                result.cancel();
                return;
            }
            if (t.exception() != null) {
                result.fail(t.exception());
                return;
            }
            if (result.isDone()) { // cancelled while connecting
                t.result().writer().abort();
                return;
            }
            SSLEngine engine = context.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(p);
            handshake(t.result(), engine, handshakeTimeout, result);
        });
        result.addDoneCallback(t -> {
            if (t.isCancelled()) {
                plain.cancel();
            }
        });
        return result;
    }

    /**
     * Serves TLS on {@code host:port}: {@code handler} gets each connection once its handshake is done.
     * @param handler called once per connection after its handshake, with its reader and writer; the connection closes
     *     when the handler's task ends
     * @param host the address to bind, or null or empty for all interfaces
     * @param port the port to bind, or 0 for a free one
     * @param context the server's certificate and key (its {@code KeyManager}s); not null
     * @return a task completing with the listening server
     */
    public static Task<Server> startServer(BiFunction<StreamReader, StreamWriter, Task<Void>> handler, String host, int port,
            SSLContext context) {
        return startServer(handler, host, port, context, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /**
     * As {@link #startServer(BiFunction, String, int, SSLContext)} with a handshake timeout (null:
     * none). A connection whose handshake fails is closed and reported to the loop's exception
     * handler; the handler never sees it.
     * @param handler called once per connection after its handshake, with its reader and writer; the connection closes
     *     when the handler's task ends
     * @param host the address to bind, or null or empty for all interfaces
     * @param port the port to bind, or 0 for a free one
     * @param context the server's certificate and key (its {@code KeyManager}s); not null
     * @param handshakeTimeout the longest a client's handshake may take, or null for no limit
     * @return a task completing with the listening server
     */
    public static Task<Server> startServer(BiFunction<StreamReader, StreamWriter, Task<Void>> handler, String host, int port,
            SSLContext context, Duration handshakeTimeout) {
        Objects.requireNonNull(handler, "startServer: the handler is null");
        Objects.requireNonNull(context, "startServer: the SSLContext is null; it needs a KeyManager with the server's certificate");
        return Server.start((r, w) -> {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            Promise<Connection> tls = new Promise<>();
            handshake(new Connection(r, w), engine, handshakeTimeout, tls);
            Promise<Void> served = new Promise<>();
            tls.addDoneCallback(t -> {
                if (t.exception() != null) {
                    EventLoop.current().callExceptionHandler("TLS handshake failed with " + w.peerAddress(), t.exception(), null);
                    served.complete(null);
                    return;
                }
                Task<Void> h = handler.apply(t.result().reader(), t.result().writer());
                h.addDoneCallback(done -> {
                    if (done.isCancelled()) {
                        served.cancel();
                    } else if (done.exception() != null) {
                        served.fail(done.exception());
                    } else {
                        served.complete(null);
                    }
                });
            });
            return served;
        }, host, port);
    }

    private static void handshake(Connection plain, SSLEngine engine, Duration timeout, Promise<Connection> result) {
        StreamReader app = new StreamReader();
        TlsTransport tls = new TlsTransport(EventLoop.current(), engine, plain.reader(), plain.writer(), app);
        StreamWriter writer = new StreamWriter(tls, app);
        tls.start(timeout).addDoneCallback(t -> {
            if (t.exception() != null) {
                result.fail(t.exception());
            } else if (!result.complete(new Connection(app, writer))) {
                tls.abort(); // cancelled during the handshake
            }
        });
        result.addDoneCallback(t -> {
            if (t.isCancelled()) {
                tls.abort();
            }
        });
    }
}
