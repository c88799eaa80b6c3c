package org.asyncio4j.net;

import java.net.InetSocketAddress;

/**
 * One received UDP datagram: its bytes (the whole message: boundaries are kept) and who sent it.
 * @param data the datagram's payload, the whole message
 * @param sender the address it came from
 */
public record Datagram(byte[] data, InetSocketAddress sender) {
    @Override
    public String toString() {
        return "Datagram[" + data.length + " bytes from " + sender + "]";
    }
}
