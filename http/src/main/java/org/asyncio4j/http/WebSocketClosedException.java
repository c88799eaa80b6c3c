package org.asyncio4j.http;

/**
 * The WebSocket is closed: thrown by receive and send once the close handshake happened or the
 * connection was lost. {@link #code()} is the close code (1000 normal, 1001 going away, 1006 lost
 * without a close frame, 1009 message too big, ...), {@link #reason()} the peer's or our reason.
 */
public final class WebSocketClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The close code (1006 when the connection was lost without a close frame). */
    private final int code;
    /** The close reason; may be empty. */
    private final String reason;

    /**
     * A close with {@code code} and {@code reason}.
     * @param code the close code
     * @param reason the close reason, may be empty
     */
    public WebSocketClosedException(int code, String reason) {
        super("WebSocket closed: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason));
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /**
     * The close code.
     * @return the close code, e.g. 1000 (normal), 1001 (going away), 1006 (lost)
     */
    public int code() {
        return code;
    }

    /**
     * The close reason (may be empty).
     * @return the reason text, possibly empty
     */
    public String reason() {
        return reason;
    }

    /**
     * True for the codes of an orderly end: 1000 (normal) and 1001 (going away).
     * @return true for 1000 and 1001
     */
    public boolean isNormal() {
        return code == 1000 || code == 1001;
    }
}
