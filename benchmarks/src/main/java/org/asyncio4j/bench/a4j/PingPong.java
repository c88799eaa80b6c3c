package org.asyncio4j.bench.a4j;

import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;
import org.asyncio4j.queue.AsyncQueue;

/**
 * W2 on asyncio4j: two tasks pass a token back and forth through two 1-slot queues; every
 * put-to-get transfer is one hand-off ({@code new AsyncQueue<>(1)}, asyncio's {@code Queue(maxsize=1)}).
 *
 * <p>The machines are written as the {@code @Async} processor emits them: the awaited task travels
 * in a local ({@code suspends(aw = task(...), k)}, then {@code awaited(aw)}), which is null after a
 * real suspension so the recorded task is read instead. {@code Await.on(q.get())} and
 * {@code Await.on(q.put(x))} on a variable {@code q} become {@code task(q, q.get())} and
 * {@code task(q, q.put(x))}, which let the queue reuse its getter or putter.
 */
public final class PingPong {
    private PingPong() {}

    /** Runs {@code handoffs} hand-offs on a fresh loop and returns the final token. */
    public static int run(int handoffs) {
        int rounds = handoffs / 2;
        return Asyncio.run(() -> {
            AsyncQueue<Integer> ping = new AsyncQueue<>(1);
            AsyncQueue<Integer> pong = new AsyncQueue<>(1);
            new Ponger(ping, pong, rounds).startTask();
            return new Pinger(ping, pong, rounds).startTask();
        });
    }

    /** {@code for (i < rounds) { Await.on(ping.put(x)); x = Await.on(pong.get()); } return x;} */
    static final class Pinger extends Coroutine<Integer> {
        private final AsyncQueue<Integer> ping;
        private final AsyncQueue<Integer> pong;
        private final int rounds;
        private int i;
        private int x;

        Pinger(AsyncQueue<Integer> ping, AsyncQueue<Integer> pong, int rounds) {
            this.ping = ping;
            this.pong = pong;
            this.rounds = rounds;
        }

        Task<Integer> startTask() {
            return start();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            Task<?> aw = null;
            for (;;) {
                switch (state) {
                    case 0:
                    case 3: // loop head
                        if (i == rounds) {
                            returnValue(x);
                            return;
                        }
                        if (suspends(aw = task(ping, ping.put(x)), 1)) return;
                    case 1:
                        awaited(aw);
                        if (suspends(aw = task(pong, pong.get()), 2)) return;
                    case 2:
                        x = this.<Integer>awaited(aw);
                        i++;
                        state = 3;
                        continue;
                    default:
                        throw new IllegalStateException("state " + state);
                }
            }
        }
    }

    /** {@code for (i < rounds) { int v = Await.on(ping.get()); Await.on(pong.put(v + 1)); }} */
    static final class Ponger extends Coroutine<Void> {
        private final AsyncQueue<Integer> ping;
        private final AsyncQueue<Integer> pong;
        private final int rounds;
        private int i;

        Ponger(AsyncQueue<Integer> ping, AsyncQueue<Integer> pong, int rounds) {
            this.ping = ping;
            this.pong = pong;
            this.rounds = rounds;
        }

        Task<Void> startTask() {
            return start();
        }

        @Override
        @SuppressWarnings("fallthrough") // a hand-written state machine: each case falls into the next, as generated code does
        protected void resume() {
            Task<?> aw = null;
            for (;;) {
                switch (state) {
                    case 0:
                    case 3: // loop head
                        if (i == rounds) {
                            returnValue(null);
                            return;
                        }
                        if (suspends(aw = task(ping, ping.get()), 1)) return;
                    case 1: {
                        int v = this.<Integer>awaited(aw);
                        if (suspends(aw = task(pong, pong.put(v + 1)), 2)) return;
                    }
                    case 2:
                        awaited(aw);
                        i++;
                        state = 3;
                        continue;
                    default:
                        throw new IllegalStateException("state " + state);
                }
            }
        }
    }
}
