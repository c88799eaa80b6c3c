package org.asyncio4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.concurrent.atomic.AtomicReference;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Promise;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** Seed case S5 (retry with exponential backoff) and the rest of Retry's contract. */
class RetryTest {
    final List<Double> attempts = new ArrayList<>();

    static Object run(Script.Step... steps) {
        return Asyncio.run(() -> Script.go(steps), new VirtualClock());
    }

    /** Fails {@code failures} times with ConnectException("nope"), then returns "ok". */
    Task<String> flaky(int failures) {
        attempts.add(EventLoop.current().time() / 1e9);
        if (attempts.size() <= failures) {
            return Task.failed(new ConnectException("nope " + attempts.size()));
        }
        return Task.completed("ok");
    }

    @Test
    void seedS5_failsTwiceThenSucceeds_attemptsAt0_1_3() {
        Object r = run(p -> Retry.withBackoff(5, Duration.ofSeconds(1)).run(() -> flaky(2)), p -> {
            assertEquals(3_000_000_000L, EventLoop.current().time());
            return p.value();
        });
        assertEquals("ok", r);
        assertEquals(List.of(0.0, 1.0, 3.0), attempts);
    }

    @Test
    void seedS5_alwaysFailing_attemptsAt0_1_3_7_andTheLastFailurePropagates() {
        ConnectException e = assertThrows(ConnectException.class,
                () -> run(p -> Retry.withBackoff(4, Duration.ofSeconds(1)).run(() -> flaky(100)), p -> p.value()));
        assertEquals("nope 4", e.getMessage());
        assertEquals(List.of(0.0, 1.0, 3.0, 7.0), attempts);
    }

    @Test
    void seedS5_cancelDuringBackoffStopsAtOnce() {
        run(p -> {
            Task<String> t = Retry.withBackoff(5, Duration.ofSeconds(1)).run(() -> flaky(100));
            EventLoop.current().callLater(Duration.ofMillis(1500), t::cancel);
            return t;
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertEquals(1_500_000_000L, EventLoop.current().time());
            return Asyncio.sleep(Duration.ofSeconds(60));
        }, p -> {
            assertEquals(List.of(0.0, 1.0), attempts, "no attempt after the cancel");
            return null;
        });
    }

    @Test
    void cancelDuringAnAttemptCancelsTheAttempt() {
        AtomicReference<Promise<String>> inner = new AtomicReference<>();
        run(p -> {
            Task<String> t = Retry.withBackoff(5, Duration.ofSeconds(1)).retryIf(e -> true).run(() -> {
                inner.set(new Promise<>());
                return inner.get();
            });
            EventLoop.current().callLater(Duration.ofSeconds(2), t::cancel);
            return t;
        }, p -> {
            assertInstanceOf(CancelledError.class, p.failure());
            assertTrue(inner.get().isCancelled());
            assertEquals(2_000_000_000L, EventLoop.current().time());
            return null;
        });
    }

    @Test
    void onlyRetryableFailuresAreRetried() {
        IllegalArgumentException bad = new IllegalArgumentException("not transient");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(
                p -> Retry.withBackoff(5, Duration.ofSeconds(1)).retryIf(x -> x instanceof IOException).run(() -> {
                    attempts.add(EventLoop.current().time() / 1e9);
                    return Task.failed(bad);
                }), p -> p.value()));
        assertSame(bad, e);
        assertEquals(List.of(0.0), attempts);
    }

    @Test
    void aSynchronousThrowIsAFailedAttempt() {
        Object r = run(p -> Retry.withBackoff(3, Duration.ofMillis(100)).run(() -> {
            attempts.add(EventLoop.current().time() / 1e9);
            if (attempts.size() == 1) {
                throw new IllegalStateException("thrown before returning a task");
            }
            return Task.completed("second");
        }), p -> p.value());
        assertEquals("second", r);
        assertEquals(List.of(0.0, 0.1), attempts);
    }

    @Test
    void maxDelayCapsAndMultiplierChangesGrowth() {
        Retry r = Retry.withBackoff(6, Duration.ofSeconds(1)).maxDelay(Duration.ofSeconds(5));
        assertEquals(List.of(1L, 2L, 4L, 5L, 5L), List.of(r.delayNanos(0) / 1_000_000_000L, r.delayNanos(1) / 1_000_000_000L,
                r.delayNanos(2) / 1_000_000_000L, r.delayNanos(3) / 1_000_000_000L, r.delayNanos(4) / 1_000_000_000L));
        Retry constant = Retry.withBackoff(3, Duration.ofMillis(10)).multiplier(1);
        assertEquals(10_000_000L, constant.delayNanos(5));
    }

    @Test
    void jitterIsSeededAndBounded() {
        Retry r = Retry.withBackoff(4, Duration.ofSeconds(1)).jitter(0.5).random(new SplittableRandom(42));
        run(p -> r.run(() -> flaky(3)), p -> p.value());
        SplittableRandom expected = new SplittableRandom(42);
        double t = 0;
        List<Double> want = new ArrayList<>(List.of(0.0));
        for (int n = 0; n < 3; n++) {
            long d = Math.round((1_000_000_000L << n) * (1 + 0.5 * (2 * expected.nextDouble() - 1)));
            t += d / 1e9;
            want.add(t);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(want.get(i), attempts.get(i), 1e-9);
        }
        for (int i = 1; i < 4; i++) {
            double gap = attempts.get(i) - attempts.get(i - 1);
            double base = 1 << (i - 1);
            assertTrue(gap >= base * 0.5 && gap <= base * 1.5, "gap " + gap);
        }
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> Retry.withBackoff(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Retry.withBackoff(1, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> Retry.withBackoff(1, Duration.ZERO).jitter(2));
        assertThrows(IllegalArgumentException.class, () -> Retry.withBackoff(1, Duration.ZERO).multiplier(0.5));
    }
}
