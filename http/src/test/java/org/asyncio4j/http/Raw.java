package org.asyncio4j.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.net.Connection;

/** A raw TCP client on the loop, for requests no well-behaved client would send; logs with loop times. */
class Raw {
    final List<String> log;

    Raw(List<String> log) {
        this.log = log;
    }

    static String ms() {
        return (EventLoop.current().time() / 1_000_000) + "ms";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code request}, reads until the server closes; returns what it answered. */
    @Async
    Task<String> exchange(int port, String request) {
        Connection c = Await.on(Asyncio.openConnection("127.0.0.1", port));
        c.writer().write(bytes(request));
        Await.on(c.writer().drain());
        String answer = str(Await.on(c.reader().readAll()));
        log.add("closed by server at " + ms());
        Await.on(c.closeAsync(null));
        return Task.completed(answer);
    }

    /** The status line of an answer. */
    static String statusLine(String answer) {
        int end = answer.indexOf("\r\n");
        return end < 0 ? answer : answer.substring(0, end);
    }
}
