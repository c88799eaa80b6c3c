package org.asyncio4j.bench.cf;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * W2 with CompletableFuture on one thread: the same 1-slot hand-off as the asyncio4j stand-in,
 * with CompletableFutures, each loop step continued through the executor (thenComposeAsync) so the
 * stack does not grow.
 */
public final class PingPongCf {
    private PingPongCf() {}

    static final class Slot {
        private Integer item;
        private CompletableFuture<Integer> getter;
        private CompletableFuture<Void> putter;
        private Integer pendingPut;
        private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

        CompletableFuture<Void> put(Integer v) {
            if (getter != null) {
                CompletableFuture<Integer> g = getter;
                getter = null;
                g.complete(v);
                return DONE;
            }
            if (item == null) {
                item = v;
                return DONE;
            }
            putter = new CompletableFuture<>();
            pendingPut = v;
            return putter;
        }

        CompletableFuture<Integer> get() {
            if (item != null) {
                Integer v = item;
                item = pendingPut;
                pendingPut = null;
                if (putter != null) {
                    CompletableFuture<Void> p = putter;
                    putter = null;
                    p.complete(null);
                }
                return CompletableFuture.completedFuture(v);
            }
            getter = new CompletableFuture<>();
            return getter;
        }
    }

    static CompletableFuture<Integer> pinger(Slot ping, Slot pong, Executor loop, int i, int rounds, int x) {
        if (i == rounds) {
            return CompletableFuture.completedFuture(x);
        }
        return ping.put(x).thenCompose(v -> pong.get())
                .thenComposeAsync(y -> pinger(ping, pong, loop, i + 1, rounds, y), loop);
    }

    static CompletableFuture<Void> ponger(Slot ping, Slot pong, Executor loop, int i, int rounds) {
        if (i == rounds) {
            return CompletableFuture.completedFuture(null);
        }
        return ping.get().thenCompose(v -> pong.put(v + 1))
                .thenComposeAsync(v -> ponger(ping, pong, loop, i + 1, rounds), loop);
    }

    /** Runs {@code handoffs} hand-offs on {@code loop} (a one-thread executor); returns the token. */
    public static int run(Executor loop, int handoffs) {
        int rounds = handoffs / 2;
        Slot ping = new Slot();
        Slot pong = new Slot();
        return CompletableFuture.supplyAsync(() -> {
            ponger(ping, pong, loop, 0, rounds);
            return pinger(ping, pong, loop, 0, rounds, 0);
        }, loop).thenCompose(f -> f).join();
    }
}
