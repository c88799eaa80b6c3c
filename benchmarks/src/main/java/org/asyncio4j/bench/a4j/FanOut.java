package org.asyncio4j.bench.a4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;
import org.asyncio4j.bench.Measure;

/**
 * W3 on asyncio4j: {@code reps} times, start n trivially completing child tasks and collect their
 * results in order. Two ways to start a child: {@code eager} is an {@code @Async} call (the child
 * runs to completion inside the call, as Python 3.12's eager task factory), {@code lazy} is
 * {@code createTask} (each child waits one loop iteration for its first step, as asyncio's default).
 *
 * <p>The parent collects the results with {@code Asyncio.gather(children)}.
 */
public final class FanOut {
    private FanOut() {}

    /** {@code @Async Task<Integer> child(int i) { return Task.completed(i); }} */
    static final class Child extends Coroutine<Integer> {
        private final int i;

        Child(int i) {
            this.i = i;
        }

        Task<Integer> call(boolean eager) {
            return eager ? start() : startLazily();
        }

        @Override
        protected void resume() {
            returnValue(i);
        }
    }

    /** One repetition: {@code Await.on(Asyncio.gather(children))} over n children. */
    static final class Parent extends Coroutine<List<Integer>> {
        private final int n;
        private final boolean eager;

        Parent(int n, boolean eager) {
            this.n = n;
            this.eager = eager;
        }

        Task<List<Integer>> call() {
            return start();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            switch (state) {
                case 0: {
                    List<Task<Integer>> children = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) {
                        children.add(new Child(k).call(eager));
                    }
                    if (await(Asyncio.gather(children), 1)) return;
                }
                case 1:
                    returnValue(this.<List<Integer>>awaited());
                    return;
                default:
                    throw new IllegalStateException("state " + state);
            }
        }
    }

    static long runReps(int n, int reps, boolean eager) {
        long sum = 0;
        for (int r = 0; r < reps; r++) {
            List<Integer> res = Asyncio.run(() -> new Parent(n, eager).call());
            if (res.size() != n || res.get(n - 1) != n - 1) {
                throw new AssertionError("wrong gather result");
            }
            sum += res.get(n / 2);
        }
        return sum;
    }

    public static void main(String[] args) {
        Map<String, String> a = Measure.args(args);
        int n = Measure.intArg(a, "n");
        int reps = Measure.intArg(a, "reps");
        boolean eager = !"lazy".equals(a.get("start"));
        runReps(n, reps, eager); // warm-up
        runReps(n, reps, eager);
        long c0 = Measure.cpuNanos();
        long t0 = System.nanoTime();
        Measure.sink = runReps(n, reps, eager);
        long ns = System.nanoTime() - t0;
        long cpu = Measure.cpuNanos() - c0;
        new Measure().put("n", n).put("reps", reps).put("tasksPerSec", (double) n * reps / (ns / 1e9))
                .put("totalMs", ns / 1e6)
                .put("tasksPerCpuSec", (double) n * reps / (cpu / 1e9)).emit();
    }
}
