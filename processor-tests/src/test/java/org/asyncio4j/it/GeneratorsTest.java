package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Async generators: lazy, one element at a time, closed early with GeneratorExit so their finally
 * blocks run (and may await), failures crossing to the consumer with the generator's frames.
 * Numbered cases G1-G8 mirror CPython 3.13's async generators where the semantics carry over.
 */
class GeneratorsTest {

    /** G1: the body runs between the consumer's steps, one element at a time. */
    @Test
    void elementsInterleaveWithTheConsumer() {
        AsyncGenerators g = new AsyncGenerators();
        assertEquals(List.of(0, 1, 2), Run.virtual(() -> g.consume(3)));
        assertEquals(List.of("start", "yield 0 at 100", "got 0 at 100", "yield 1 at 200", "got 1 at 200",
                "yield 2 at 300", "got 2 at 300", "end"), g.log);
    }

    /** G2: breaking out of async for closes the generator: GeneratorExit at its yield runs its finally, which may await. */
    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void breakRunsTheGeneratorsFinallyBeforeTheCodeAfterTheLoop(Src.Mode mode) {
        AsyncGenerators g = new AsyncGenerators().in(mode);
        assertEquals("item0;item1;", Run.virtual(g::takeTwo));
        long s = mode.after(1);
        assertEquals(List.of("cleanup begins at " + 2 * s, "cleanup ends at " + 3 * s, "after loop at " + 3 * s), g.log);
    }

    /** G3: an exception in the generator surfaces from the consumer's step, with both async frames. */
    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void aFailureReachesTheConsumerWithTheGeneratorsFrame(Src.Mode mode) {
        AsyncGenerators g = new AsyncGenerators().in(mode);
        assertEquals("12 generator failed", Run.virtual(g::consumeFailing));
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void theFramesOfAFailureNameTheGeneratorThenItsConsumer(Src.Mode mode) {
        AsyncGenerators g = new AsyncGenerators().in(mode);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Run.virtual(() -> g.failing().toList()));
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().equals(Generators.class.getName())) {
                frames.add(f.getMethodName());
            }
        }
        assertEquals(List.of("failing"), frames, Arrays.toString(e.getStackTrace()));
    }

    /** G4: return AsyncIterable.end() inside try-with-resources closes the resource; toList collects. */
    @Test
    void returnEndsTheRunAfterItsResourcesClose() {
        AsyncGenerators g = new AsyncGenerators();
        assertEquals(List.of(0, 1, 2), Run.virtual(() -> g.toListOfUpTo(3)));
        assertEquals(List.of("close res"), g.log);
    }

    /** G5: nothing runs before the first hasNext; each iterator() is a fresh run (asyncio: one object, one run). */
    @Test
    void lazyAndEachIteratorAFreshRun() {
        AsyncGenerators g = new AsyncGenerators();
        assertEquals("true 0 true 0", Run.virtual(g::lazyAndFresh));
        assertEquals(List.of("made", "iterators", "start", "yield 0 at 100", "start", "yield 0 at 200"), g.log);
    }

    /** G6: a generator that catches GeneratorExit and yields again fails the close (asyncio: RuntimeError). */
    @Test
    void yieldingWhileClosingFailsTheClose() {
        AsyncGenerators g = new AsyncGenerators();
        assertEquals("the async generator yielded while being closed: it caught GeneratorExit and called Await.yield"
                + " again (asyncio: 'async generator ignored GeneratorExit'); let GeneratorExit propagate, or only clean"
                + " up in the finally block", Run.virtual(g::closeStubborn));
        assertEquals(List.of("caught GeneratorExit"), g.log);
    }

    /** G7: generators consuming generators, static ones included. */
    @Test
    void aGeneratorConsumingAnother() {
        assertEquals(List.of("a", "A", "b", "B"), Run.virtual(() -> AsyncGenerators.twiceList("ab")));
    }

    /** G8: cancelling the consumer while the generator awaits raises CancelledError in the generator, whose finally runs. */
    @Test
    void cancellingTheConsumerCancelsTheGeneratorsAwait() {
        AsyncGenerators g = new AsyncGenerators().in(Src.Mode.SLEEP);
        assertEquals("cancelled at 25", Run.virtual(g::cancelWhileTheGeneratorAwaits));
        assertEquals(List.of("cleanup begins at 15", "cleanup ends at 25"), g.log);
    }
}
