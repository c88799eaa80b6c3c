package org.asyncio4j.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One whole WebSocket message (its fragments joined): text or binary. Immutable. */
public final class Message {
    private final boolean text;
    private final byte[] data;

    private Message(boolean text, byte[] data) {
        this.text = text;
        this.data = data;
    }

    /**
     * A text message.
     * @param s the text; not null
     * @return a new text message
     */
    public static Message text(String s) {
        return new Message(true, s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A binary message ({@code data} is copied).
     * @param data the payload; not null
     * @return a new binary message
     */
    public static Message binary(byte[] data) {
        return new Message(false, data.clone());
    }

    /** Wraps already-owned bytes (no copy): from the codec. */
    static Message of(boolean text, byte[] data) {
        return new Message(text, data);
    }

    /**
     * True for a text message.
     * @return true for text, false for binary
     */
    public boolean isText() {
        return text;
    }

    /**
     * The text; {@link IllegalStateException} for a binary message.
     * @return the text of a text message
     * @throws IllegalStateException if this is a binary message
     */
    public String text() {
        if (!text) {
            throw new IllegalStateException("this is a binary message of " + data.length + " bytes: use bytes()");
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    /**
     * The payload (UTF-8 for text), a copy.
     * @return a copy of the payload bytes
     */
    public byte[] bytes() {
        return data.clone();
    }

    byte[] raw() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && m.text == text && java.util.Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, java.util.Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return text ? "Text[" + text() + "]" : "Binary[" + data.length + " bytes]";
    }
}
