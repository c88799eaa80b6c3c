package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Async lambdas run as their own tasks, on the loop's virtual clock (exact orders and times). */
class LambdasTest {

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void childrenCaptureTheirLoopVariableAndTheGroupWaitsForAll(Src.Mode mode) {
        AsyncLambdas l = new AsyncLambdas().in(mode);
        long t0 = mode == Src.Mode.DONE ? 0 : Src.STEP_MS;
        assertEquals(List.of(100, 101, 102), Run.virtual(() -> l.spawnInLoop(3)));
        // spawn starts each child on the next iteration, in order; the shortest sleep ends first
        assertEquals(List.of("start 0 at " + t0, "start 1 at " + t0, "start 2 at " + t0,
                "end 2 at " + (t0 + 10), "end 1 at " + (t0 + 20), "end 0 at " + (t0 + 30)), l.log);
    }

    @Test
    void createTaskIsLazyAndADirectCallIsEager() {
        AsyncLambdas l = new AsyncLambdas();
        assertEquals("lazy 1, eager 2 at 5", Run.virtual(l::createTaskAndCallDirectly));
        assertEquals(List.of("eager body", "after calls", "lazy body"), l.log);
    }

    @Test
    void parametersNestedLambdasOwnInterfacesAndExpressionBodies() {
        AsyncLambdas l = new AsyncLambdas();
        // job: "p" + "-x" + (3 + 3) at 1 ms; twice(20): 20 + (20 + 1), two more 1 ms sleeps
        assertEquals("p-x6 41 at 3", Run.virtual(l::nestedAndParameters));
    }

    @Test
    void aFailureInsideALambdaReachesItsAwaiterAfterTheLambdasFinally() {
        AsyncLambdas l = new AsyncLambdas();
        assertEquals("caught from the lambda", Run.virtual(l::failureAndFinally));
        assertEquals(List.of("lambda finally"), l.log);
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void theAsyncFramesOfAFailingLambdaNameTheLambdaAndItsAwaiter(Src.Mode mode) {
        AsyncLambdas l = new AsyncLambdas().in(mode);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Run.virtual(l::rawFailure));
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().equals(Lambdas.class.getName())) {
                frames.add(f.getMethodName() + ":" + f.getLineNumber() + ":" + f.getFileName());
            }
        }
        assertEquals(List.of("lambda$rawFailure$1:" + line("THROW-IN-LAMBDA") + ":Lambdas.java",
                "rawFailure:" + line("AWAIT-RAW") + ":Lambdas.java"), frames, Arrays.toString(e.getStackTrace()));
    }

    @Test
    void cancellingALambdasTaskCancelsItAtItsAwait() {
        AsyncLambdas l = new AsyncLambdas();
        assertEquals("cancelled at 10", Run.virtual(l::cancelALambdaTask));
        assertEquals(List.of("slow finally at 10"), l.log);
    }

    @Test
    void staticMethodsHaveAsyncLambdasToo() {
        assertEquals(15, Run.virtual(() -> AsyncLambdas.staticWithLambda(7)));
    }

    static int line(String marker) {
        return Markers.line("Lambdas", marker);
    }
}
