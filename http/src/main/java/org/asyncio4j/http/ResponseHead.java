package org.asyncio4j.http;

import java.nio.charset.StandardCharsets;

/**
 * The status line and header block of a response. Names and values were checked when they were
 * added ({@link Headers}), so nothing here can inject a line; framing headers are the server's.
 */
final class ResponseHead {
    private ResponseHead() {}

    /** False for the statuses that never carry a body. */
    static boolean hasBody(int status) {
        return status != 204 && status != 304;
    }

    static byte[] encode(Response r, boolean keepAlive) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("HTTP/1.1 ").append(r.status()).append(' ').append(HttpStatus.reason(r.status())).append("\r\n");
        r.headers().forEach((name, value) -> {
            // The server owns the framing: a handler's own would contradict the body it sends.
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")
                    && !name.equalsIgnoreCase("Connection")) {
                sb.append(name).append(": ").append(value).append("\r\n");
            }
        });
        if (!hasBody(r.status())) {
            // 204 and 304 carry no body and no framing headers (RFC 9110 8.6, 15.3.5)
        } else if (r.body() != null) {
            sb.append("Content-Length: ").append(r.body().length).append("\r\n");
        } else {
            sb.append("Transfer-Encoding: chunked\r\n");
        }
        if (!keepAlive) {
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
