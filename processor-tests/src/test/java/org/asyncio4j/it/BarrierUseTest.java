package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.asyncio4j.sync.Barrier;
import org.junit.jupiter.api.Test;

/** {@code async with barrier as pos} (asyncio's test_locks.BarrierTests.test_context_manager shape). */
class BarrierUseTest {
    @Test
    void enteringWaitsForTheRoundAndLeavingDoesNothing() {
        AsyncBarrierUse u = new AsyncBarrierUse();
        assertEquals("0,1", Run.virtual(() -> u.two(new Barrier(2))));
        // b completes the round and passes first; a's block runs in the same loop pass.
        assertEquals(List.of("b in 1 t=20", "b out t=20", "a in 0 t=20", "a out t=20"), u.log);
    }
}
