package org.asyncio4j.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** The demo's story, exactly: on a VirtualClock every line and every time is deterministic. */
class TutorialsTest {
    @Test
    void theDemoTellsTheTutorialsStory() {
        List<String> lines = new ArrayList<>();
        Tutorials t = new AsyncTutorials(lines::add);
        Asyncio.run(t::all, new VirtualClock());
        String port = lines.stream().filter(l -> l.contains("listening")).findFirst().map(l -> l.substring(l.lastIndexOf(':') + 1))
                .orElseThrow();
        assertEquals(List.of(
                "[t= 0.0s] start",
                "[t= 1.0s] B finished after 1.0s",
                "[t= 2.0s] A finished after 2.0s",
                "[t= 3.0s] C finished after 3.0s",
                "[t= 3.0s] gather -> [A, B, C] (argument order; 3s in all, not 6s)",
                "[t= 3.0s] worker 0 starts",
                "[t= 3.0s] worker 1 starts",
                "[t= 3.0s] worker 2 starts",
                "[t= 4.0s] worker 3 starts",
                "[t= 4.0s] worker 4 starts",
                "[t= 4.0s] worker 5 starts",
                "[t= 5.0s] worker 6 starts",
                "[t= 5.0s] worker 7 starts",
                "[t= 5.0s] worker 8 starts",
                "[t= 6.0s] worker 9 starts",
                "[t= 7.0s] 10 workers, 3 at a time -> [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]",
                "[t= 7.0s] put 0 (size 1)",
                "[t= 7.0s] put 1 (size 2)",
                "[t= 7.0s] put 2 (size 2)",
                "[t= 7.5s] got 0",
                "[t= 7.5s] put 3 (size 2)",
                "[t= 8.0s] got 1",
                "[t= 8.0s] put 4 (size 2)",
                "[t= 8.5s] got 2",
                "[t= 9.0s] got 3",
                "[t= 9.5s] got 4",
                "[t= 9.5s] consumer summed 10",
                "[t=10.5s] the 10s sleep was cut short by timeout(1s)",
                "[t=11.0s] waitFor gave up after 0.5s and cancelled the job",
                "[t=12.0s] ok@1 finished after 1.0s",
                "[t=13.0s] TaskGroup raised 1 error(s): job failed at 2.0s; the ok@3 job was cancelled; ok@1 gave ok@1",
                "[t=13.0s] echo server listening on 127.0.0.1:" + port,
                "[t=13.0s] client got echo:hello",
                "[t=13.0s] client got echo:world"), lines);
    }
}
