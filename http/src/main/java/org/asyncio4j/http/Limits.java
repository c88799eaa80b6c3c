package org.asyncio4j.http;

import java.time.Duration;

/** The server's limits against slow, large and hostile requests (set through {@link HttpServer.Builder}). */
final class Limits {
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    int maxHeaderBytes = 8 * 1024;
    int maxHeaders = 100;
    long maxBodyBytes = 1024 * 1024;
    Duration headerTimeout = Duration.ofSeconds(10);
    Duration bodyTimeout = Duration.ofSeconds(30);
    Duration idleTimeout = Duration.ofSeconds(30);
    int maxWebSocketMessage = 1024 * 1024;
    int webSocketFrameSize = 64 * 1024;
    /** Null: no keep-alive pings. */
    Duration webSocketPingInterval;
    Duration webSocketPingTimeout;

    Limits copy() {
        Limits l = new Limits();
        l.maxHeaderBytes = maxHeaderBytes;
        l.maxHeaders = maxHeaders;
        l.maxBodyBytes = maxBodyBytes;
        l.headerTimeout = headerTimeout;
        l.bodyTimeout = bodyTimeout;
        l.idleTimeout = idleTimeout;
        l.maxWebSocketMessage = maxWebSocketMessage;
        l.webSocketFrameSize = webSocketFrameSize;
        l.webSocketPingInterval = webSocketPingInterval;
        l.webSocketPingTimeout = webSocketPingTimeout;
        return l;
    }

    static int positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
        return v;
    }

    static long positive(String what, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
        return v;
    }

    static Duration positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
        }
        return d;
    }
}
