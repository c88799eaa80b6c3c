package org.asyncio4j;

import static org.asyncio4j.S.await;
import static org.asyncio4j.S.done;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 18 item 1: the body of Asyncio.run / createTask is one task, and cancel paths are bounded. */
class OneTaskPerBodyTest {
    final List<String> log = new ArrayList<>();

    private Task<Void> ticker(int n) {
        int[] i = {0};
        S.Step tick = r -> {
            log.add("tick" + i[0]);
            return ++i[0] < n ? S.jump(Asyncio.yieldNow(), 0) : done();
        };
        return S.lazy(tick);
    }

    /** CPython 3.13: ['tick0', 'child start', 'tick1', 'child end', 'tick2', 'main got', 'tick3', ...]. */
    @Test
    void awaitingACreatedTaskResumesOneIterationAfterItsBodyEnds() {
        S.run(() -> {
            Task<Void> tk = ticker(6);
            Task<Integer> t = Asyncio.createTask(() -> S.start(r -> {
                log.add("child start");
                return await(Asyncio.yieldNow());
            }, r -> {
                log.add("child end");
                return done(1);
            }));
            return S.start(r -> await(t), r -> {
                log.add("main got " + r.get());
                return await(tk);
            }, r -> done());
        });
        assertEquals(List.of("tick0", "child start", "tick1", "child end", "tick2", "main got 1", "tick3", "tick4", "tick5"), log);
    }

    /** asyncio: at the start of main, all_tasks() == {current_task()}. */
    @Test
    void atTheStartOfMainAllTasksHoldsExactlyTheCurrentTask() {
        S.run(() -> S.start(r -> {
            log.add(Asyncio.allTasks().size() + " " + Asyncio.allTasks().contains(Task.current()));
            return done();
        }));
        assertEquals(List.of("1 true"), log);
    }

    /** A created task's body is the task: Task.current() inside it is the only task it adds, with its name. */
    @Test
    void aCreatedTaskIsOneTaskNamedAsCreated() {
        S.run(() -> {
            Task<?>[] t = new Task<?>[1];
            int[] before = new int[1];
            return S.start(r -> {
                before[0] = Asyncio.allTasks().size();
                t[0] = Asyncio.createTask(() -> S.start(r2 -> await(Asyncio.yieldNow()),
                        r2 -> done(Asyncio.allTasks().size() + " " + Task.current().name())), "worker");
                return await(t[0]);
            }, r -> {
                log.add(before[0] + " -> " + r.get() + " " + t[0].name());
                return done();
            });
        });
        assertEquals(List.of("1 -> 2 worker worker"), log);
    }

    /**
     * CPython 3.13: cancel every task but the current one, then gather them: the gather raises
     * CancelledError. Here this ended in a StackOverflowError (the hidden main task was among "the
     * others", and gather's cancel and its cancel called each other).
     */
    @Test
    void cancellingEveryOtherTaskThenGatheringThemRaisesCancelledError() {
        S.run(() -> {
            for (int i = 0; i < 3; i++) {
                Asyncio.createTask(() -> S.start(r -> await(S.sleep(10_000)), r -> done(r.get())));
            }
            return S.start(r -> await(Asyncio.yieldNow()), r -> {
                List<Task<?>> others = new ArrayList<>(Asyncio.allTasks());
                others.remove(Task.current());
                others.forEach(Task::cancel);
                log.add("others=" + others.size());
                return await(Asyncio.gather(others));
            }, r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("CancelledError@" + S.t());
                }
                return done();
            });
        });
        assertEquals(List.of("others=3", "CancelledError@0"), log);
    }

    /**
     * A cycle of awaits through a gather (a awaits gather(b, p), b awaits a): asyncio's cancel recurses
     * until RecursionError; ours returns true, each task counts one cancel request, nothing
     * overflows, and the cancel of the plain future p in the gather lets the cycle unwind.
     */
    @Test
    void aCycleOfAwaitsThroughAGatherDoesNotRecurseForever() {
        S.run(() -> {
            Task<?>[] h = new Task<?>[2];
            Promise<Void> p = new Promise<>();
            h[0] = Asyncio.createTask(() -> S.start(r -> await(Asyncio.gather(h[1], p)), r -> done(r.get())));
            h[1] = Asyncio.createTask(() -> S.start(r -> await(h[0]), r -> done(r.get())));
            return S.start(r -> await(Asyncio.yieldNow()), r -> await(Asyncio.yieldNow()), r -> {
                log.add("cancel=" + h[0].cancel("stop") + " " + h[0].cancelling() + " " + h[1].cancelling());
                return await(Asyncio.gatherSettled(List.of(h[0], h[1])));
            }, r -> {
                log.add(h[0].isCancelled() + " " + h[1].isCancelled() + "@" + S.t());
                return done();
            });
        });
        assertEquals(List.of("cancel=true 1 1", "true true@0"), log);
    }

    boolean leafStarted;

    private Task<Void> chain(int n) {
        if (n == 0) {
            leafStarted = true;
            return S.start(r -> await(S.sleep(100_000)), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("leaf cancelled@" + S.t());
                    throw e;
                }
                return done();
            });
        }
        return S.start(r -> await(Asyncio.gather(Asyncio.createTask(() -> chain(n - 1)))), r -> done(r.get()));
    }

    /**
     * 100,000 tasks each awaiting a gather of the next (CPython 3.13 with 300: cancel() is True, the
     * leaf sees CancelledError at once, the top ends cancelled; with 3,000 it raises RecursionError).
     * Here the depth is bounded: past EventLoop.MAX_CANCEL_DEPTH the cancel is finished from a
     * shallow stack.
     */
    @Test
    void cancellingAVeryDeepChainOfGathersReachesTheLeafWithoutOverflow() {
        int depth = 100_000;
        S.run(() -> {
            Task<Void> top = Asyncio.createTask(() -> chain(depth));
            S.Step spin = r -> !leafStarted ? S.jump(Asyncio.yieldNow(), 0) : S.await(Asyncio.yieldNow());
            return S.start(spin, r -> {
                log.add("cancel=" + top.cancel() + " tasks=" + Asyncio.allTasks().size());
                return await(top);
            }, r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    log.add("top cancelled=" + top.isCancelled() + " tasks=" + Asyncio.allTasks().size());
                }
                return done();
            });
        });
        assertEquals(List.of("cancel=true tasks=" + (depth + 2), "leaf cancelled@0", "top cancelled=true tasks=1"), log);
    }

    /**
     * CPython 3.13: a done callback added to the main task (current_task()) runs before
     * asyncio.run returns (the loop stops from a done callback of its own, in the same iteration).
     */
    @Test
    void aDoneCallbackOnTheMainTaskRunsBeforeRunReturns() {
        S.run(() -> S.start(r -> {
            Task.current().addDoneCallback(t -> log.add("main done callback@" + S.t()));
            return await(S.sleep(30));
        }, r -> done()));
        assertEquals(List.of("main done callback@30"), log);
    }
}
