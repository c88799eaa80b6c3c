package org.asyncio4j;

/**
 * The future behind {@code Asyncio.sleep(d)}: it is its own timer entry (the heap keeps the
 * deadline), so a sleeping task costs this one small object beside its machine. Like asyncio's
 * {@code call_later(d, _set_result_unless_cancelled)}, the due timer is moved to the ready queue,
 * completes there, and wakes its waiter on the following iteration.
 */
final class Sleep<T> extends FutureBase<T> {
    private final T value;

    Sleep(EventLoop loop, T value) {
        super(loop);
        this.value = value;
    }

    static <T> Sleep<T> start(EventLoop loop, long delayNanos, T value) {
        Sleep<T> s = new Sleep<>(loop, value);
        loop.scheduleTimer(Durations.deadline(loop.time(), delayNanos), s);
        return s;
    }

    @Override
    void runFromReady() {
        setValue(value); // no-op if cancelled meanwhile
    }

    @Override
    public boolean cancel(String msg) {
        if (super.cancel(msg)) {
            loop.timerCancelled();
            return true;
        }
        return false;
    }

    @Override
    public String name() {
        return "sleep";
    }
}
