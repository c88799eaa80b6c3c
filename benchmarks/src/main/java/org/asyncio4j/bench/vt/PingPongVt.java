package org.asyncio4j.bench.vt;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;

/** W2 on two virtual threads through two SynchronousQueues (the hand-off queue issue 3 names). */
public final class PingPongVt {
    private PingPongVt() {}

    public static int run(ThreadFactory f, int handoffs) throws InterruptedException {
        int rounds = handoffs / 2;
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        int[] out = new int[1];
        Thread ponger = f.newThread(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    pong.put(ping.take() + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread pinger = f.newThread(() -> {
            try {
                int x = 0;
                for (int i = 0; i < rounds; i++) {
                    ping.put(x);
                    x = pong.take();
                }
                out[0] = x;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ponger.start();
        pinger.start();
        pinger.join();
        ponger.join();
        return out[0];
    }
}
