package org.asyncio4j.sample.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The examples that leave the loop: a real worker thread, real sockets on 127.0.0.1, real processes.
 * Their output is deterministic all the same (no ports, no thread names, loop times on a VirtualClock).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IoTest {
    @Test
    void toThreadLeavesTheLoopFreeToTick() {
        // the ticker finishes at 1.0 s of loop time; the loop then waits, for real, for the blocked thread
        assertEquals(List.of(
                "started main at 0.0 s of loop time",
                "tick at 0.2 s of loop time",
                "tick at 0.4 s of loop time",
                "tick at 0.6 s of loop time",
                "tick at 0.8 s of loop time",
                "tick at 1.0 s of loop time",
                "blockingIo() slept 1 s on its own thread; meanwhile the loop ticked 5 times",
                "finished main at 1.0 s of loop time"), Outputs.of("to-thread"));
    }

    @Test
    void tcpEcho() {
        assertEquals(List.of(
                "serving on 127.0.0.1 (a free port)",
                "client: send 'Hello World!'",
                "server: received 'Hello World!', sending it back",
                "client: received 'Hello World!'",
                "client: close the connection",
                "server closed"), Outputs.of("tcp-echo"));
    }

    @Test
    void udpEcho() {
        assertEquals(List.of(
                "serving on 127.0.0.1 (a free port)",
                "client: send 'Hello World!'",
                "server: received 'Hello World!', sending it back",
                "client: received 'Hello World!'",
                "both endpoints closed"), Outputs.of("udp-echo"));
    }

    @Test
    void subprocessesWithPipes() {
        assertEquals(List.of(
                "[sh -c 'echo hello from a child process' exited with 0]",
                "[stdout] hello from a child process",
                "[sh -c 'echo oops >&2; exit 3' exited with 3]",
                "[stderr] oops",
                "[tr a-z A-Z exited with 0]",
                "[stdout] ASYNCIO4J ON STDIN"), Outputs.of("subprocess"));
    }
}
