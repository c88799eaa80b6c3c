package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;

/** Await.each over a real subprocess's stdout lines: each line with its terminator, the last without one. */
class ProcessLinesTest {
    @Test
    void everyLineOfTheProcessInOrder() {
        List<String> out = Asyncio.run(() -> new AsyncProcessLines().linesOf("printf 'one\\ntwo\\nthree'", 100));
        assertEquals(List.of("one\n", "two\n", "three", "exit 0"), out);
    }

    @Test
    void leavingTheLoopEarlyLeavesTheRestUnread() {
        List<String> out = Asyncio.run(() -> new AsyncProcessLines().linesOf("printf 'a\\nb\\n'; exec sleep 30", 2));
        // the process is killed after two lines: sh's exec'd sleep dies of SIGKILL, -9 as in asyncio
        assertEquals(List.of("a\n", "b\n", "exit -9"), out);
    }
}
