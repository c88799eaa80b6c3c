package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

class DemoTest {
    @Test
    void staticAndInstanceMachinesRun() {
        assertEquals(42, Asyncio.run(() -> AsyncDemo.twice(21), new VirtualClock()));
        AsyncDemo d = new AsyncDemo();
        assertEquals("0,2,4,6,", Asyncio.run(() -> d.loop(4), new VirtualClock()));
        assertEquals(List.of("i=0", "i=1", "i=3", "caught boom", "finally"), d.log);
    }
}
