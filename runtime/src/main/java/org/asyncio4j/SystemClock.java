package org.asyncio4j;

final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "system clock";
    }
}
