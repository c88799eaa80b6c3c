package org.asyncio4j.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/** Host name resolution that never blocks the loop: IP literals inline, names on the default executor. */
final class Resolver {
    private Resolver() {}

    static Task<InetAddress[]> resolve(EventLoop loop, String host) {
        if (isLiteral(host)) {
            try {
                return Task.completed(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                return Task.failed(e);
            }
        }
        return loop.runInExecutor(null, () -> InetAddress.getAllByName(host));
    }

    /** An IPv4 dotted quad or an IPv6 literal: parsed by the JDK without any lookup. */
    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6 (getAllByName also accepts [..] and %scope forms without a lookup)
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }
}
