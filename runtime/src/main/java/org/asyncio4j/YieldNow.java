package org.asyncio4j;

/**
 * {@code sleep(0)}: done on the next iteration. A coroutine awaiting it is queued directly behind
 * it, so it resumes after exactly one iteration, as asyncio's bare {@code yield}.
 */
final class YieldNow<T> extends FutureBase<T> {
    private final T value;

    YieldNow(EventLoop loop, T value) {
        super(loop);
        this.value = value;
        loop.schedule(this);
    }

    @Override
    void runFromReady() {
        setValue(value);
    }

    @Override
    public String name() {
        return "sleep(0)";
    }
}
