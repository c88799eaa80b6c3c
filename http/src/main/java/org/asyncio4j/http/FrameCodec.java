package org.asyncio4j.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.internal.Generator;
import org.eclipse.jetty.websocket.core.internal.Parser;

/**
 * WebSocket frames (RFC 6455) by Jetty's websocket-core {@link Parser} and {@link Generator}, used
 * standalone on byte buffers. The parser refuses malformed frames (bad opcodes, reserved bits,
 * oversized or fragmented control frames) and frames over the size limit before buffering them.
 */
final class FrameCodec {
    /** One parsed frame, its payload copied out of the read buffer (and unmasked); {@code rsv}: a reserved bit is set. */
    record WsFrame(byte opcode, boolean fin, boolean masked, boolean rsv, byte[] payload) {}

    private final Parser parser;
    private final Generator generator = new Generator();

    FrameCodec(int maxFrame) {
        Configuration.ConfigurationCustomizer config = new Configuration.ConfigurationCustomizer();
        config.setMaxFrameSize(maxFrame);
        this.parser = new Parser(ByteBufferPool.NON_POOLING, config);
    }

    /**
     * The next whole frame from {@code in}, or null once {@code in} is used up in the middle of one
     * (the parser keeps the part it has). Throws Jetty's {@code WebSocketException} subclasses for
     * a bad frame ({@code MessageTooLargeException} for one over the limit).
     */
    WsFrame next(ByteBuffer in) {
        while (in.hasRemaining()) {
            Frame.Parsed f = parser.parse(in);
            if (f != null) {
                try {
                    boolean masked = f.isMasked();
                    ByteBuffer p = f.getPayload();
                    byte[] payload = new byte[p == null ? 0 : p.remaining()];
                    if (p != null) {
                        p.slice().get(payload);
                    }
                    return new WsFrame(f.getOpCode(), f.isFin(), masked, f.hasRsv(), payload);
                } finally {
                    f.close(); // releases the parser's aggregation buffer, if any
                }
            }
        }
        return null;
    }

    /** One unmasked (server-to-client) frame. */
    byte[] encode(byte opcode, boolean fin, byte[] payload) {
        Frame frame = new Frame(opcode, fin, ByteBuffer.wrap(payload));
        ByteBuffer out = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH + payload.length);
        generator.generateWholeFrame(frame, out);
        byte[] r = new byte[out.remaining()];
        out.get(r);
        return r;
    }
}
