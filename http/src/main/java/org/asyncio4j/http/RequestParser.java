package org.asyncio4j.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * One request's head and body, parsed by Jetty's {@link HttpParser} (RFC 9110 compliance: request
 * smuggling shapes such as Content-Length with Transfer-Encoding are refused by it). This class only
 * collects what the parser reports and enforces the limits the parser does not know: header count
 * and body size. Loop thread only; one instance per request, or per connection through {@link #reset()}.
 */
final class RequestParser implements HttpParser.RequestHandler {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final HttpParser parser;
    private final int maxHeaders;
    private final long maxBody;

    String method;
    String target;
    HttpVersion version;
    Headers headers = new Headers();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int headerCount;
    /** Set before the body is parsed: chunks go to {@link #chunks} for a {@link BodyStream} instead of being collected. */
    boolean streaming;
    final java.util.ArrayDeque<byte[]> chunks = new java.util.ArrayDeque<>();
    private long bodyBytes;

    /** Why the request is refused (the client gets its status), or null. */
    HttpError error;
    boolean headerDone;
    boolean messageDone;
    boolean earlyEof;

    RequestParser(int maxHeaderBytes, int maxHeaders, long maxBody) {
        this.parser = new HttpParser(this, maxHeaderBytes, HttpCompliance.RFC9110);
        this.maxHeaders = maxHeaders;
        this.maxBody = maxBody;
    }

    /**
     * Makes this parser ready for the connection's next request. Jetty's parser is kept: building one
     * was 15% of the server's Java samples for a small keep-alive request (ANALYSIS.md, "HTTP server").
     * What a {@link Request} of the last request may still hold (its headers) is replaced, not cleared.
     * Not for a streaming request, whose {@link BodyStream} holds this parser.
     */
    RequestParser reset() {
        assert !streaming : "a streaming request's parser stays with its BodyStream";
        parser.reset();
        method = null;
        target = null;
        version = null;
        headers = new Headers();
        body.reset();
        headerCount = 0;
        bodyBytes = 0;
        error = null;
        headerDone = false;
        messageDone = false;
        earlyEof = false;
        return this;
    }

    /**
     * Parses from {@code in} until the head is complete, the message is complete, the request is
     * refused, or {@code in} is used up. Bytes of a next (pipelined) request stay in {@code in}.
     */
    void parse(ByteBuffer in) {
        while (error == null && !messageDone) {
            boolean wasHead = headerDone;
            int before = in.remaining();
            if (parser.parseNext(in)) {
                return; // a callback asked to stop: head done, message done or a limit hit
            }
            if (!in.hasRemaining() || in.remaining() == before && wasHead == headerDone) {
                return;
            }
        }
    }

    /** The peer closed its side: a request in progress is cut short ({@link #earlyEof}). */
    void eof() {
        parser.atEOF();
        parser.parseNext(EMPTY);
    }

    /** True when the parser has seen no byte of this request yet. */
    boolean atStart() {
        return parser.isStart();
    }

    /** True when the body is chunked or has a length: a 100-continue is worth sending. */
    boolean expectsBody() {
        return parser.isChunking() || parser.getContentLength() > 0;
    }

    byte[] body() {
        return body.toByteArray();
    }

    @Override
    public void startRequest(String method, String target, HttpVersion version) {
        this.method = method;
        this.target = target;
        this.version = version;
    }

    @Override
    public void parsedHeader(HttpField field) {
        if (++headerCount > maxHeaders && error == null) {
            error = new HttpError(431, "Too many header fields: more than " + maxHeaders);
        }
        if (error == null) {
            headers.add(field.getName(), field.getValue() == null ? "" : field.getValue());
        }
    }

    @Override
    public boolean headerComplete() {
        headerDone = true;
        if (error == null && parser.getContentLength() > maxBody) {
            error = new HttpError(413, "Request body of " + parser.getContentLength()
                    + " bytes is larger than the limit of " + maxBody + " bytes");
        }
        return true; // let the connection look at the head (limits, Expect) before the body
    }

    @Override
    public boolean content(ByteBuffer chunk) {
        if (error != null) {
            chunk.position(chunk.limit());
            return true;
        }
        if (bodyBytes + chunk.remaining() > maxBody) {
            error = new HttpError(413, "Request body is larger than the limit of " + maxBody + " bytes");
            chunk.position(chunk.limit());
            return true;
        }
        byte[] b = new byte[chunk.remaining()];
        chunk.get(b);
        bodyBytes += b.length;
        if (streaming) {
            chunks.add(b);
            return true; // stop here: the handler takes this chunk before more is parsed
        }
        body.write(b, 0, b.length);
        return false;
    }

    @Override
    public boolean contentComplete() {
        return false;
    }

    @Override
    public boolean messageComplete() {
        messageDone = true;
        return true;
    }

    @Override
    public void earlyEOF() {
        earlyEof = true;
    }

    @Override
    public void badMessage(HttpException failure) {
        if (error == null) {
            String reason = failure.getReason();
            int code = failure.getCode();
            error = new HttpError(code, (reason == null ? HttpStatus.reason(code) : reason));
        }
    }
}
