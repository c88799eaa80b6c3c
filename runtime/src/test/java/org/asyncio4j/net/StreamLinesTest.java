package org.asyncio4j.net;

import static org.asyncio4j.net.Flow.bytes;
import static org.asyncio4j.net.Flow.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** {@code StreamReader.lines()}: {@code async for line in reader}, on a reader fed by hand. */
class StreamLinesTest {

    @Test
    void linesArriveAsTheDataDoesAndEndAtEof() {
        List<String> log = new ArrayList<>();
        List<byte[]> lines = Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            EventLoop loop = EventLoop.current();
            loop.callLater(Duration.ofMillis(10), () -> r.feedData(bytes("one\ntw")));
            loop.callLater(Duration.ofMillis(20), () -> r.feedData(bytes("o\nthr")));
            loop.callLater(Duration.ofMillis(30), r::feedEof);
            var all = r.lines().toList();
            all.addDoneCallback(t -> log.add("done at " + loop.time() / 1_000_000 + " ms"));
            return all;
        }, new VirtualClock());
        List<String> text = new ArrayList<>();
        lines.forEach(l -> text.add(str(l)));
        assertEquals(List.of("one\n", "two\n", "thr"), text, "each line with its terminator, the rest at EOF");
        assertEquals(List.of("done at 30 ms"), log);
    }

    @Test
    void nextWithoutATrueHasNextIsAnError() {
        String msg = Asyncio.run(() -> {
            StreamReader r = new StreamReader();
            r.feedEof();
            AsyncIterator<byte[]> it = r.lines().iterator();
            NoSuchElementException e = assertThrows(NoSuchElementException.class, it::next);
            return org.asyncio4j.Task.completed(e.getMessage());
        }, new VirtualClock());
        assertEquals("no line: await hasNext() first, and only call next() when it gave true", msg);
    }

    @Test
    void aFailedReadFailsHasNext() {
        Throwable failure = assertThrows(LimitOverrunException.class, () -> Asyncio.run(() -> {
            StreamReader r = new StreamReader(4);
            r.feedData(bytes("toolong\n"));
            return r.lines().toList();
        }, new VirtualClock()));
        assertEquals(LimitOverrunException.class, failure.getClass());
    }
}
