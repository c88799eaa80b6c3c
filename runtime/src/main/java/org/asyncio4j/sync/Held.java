package org.asyncio4j.sync;

/**
 * What an {@code acquire()} returns: closing it releases what was acquired, once (a second
 * {@code close()} does nothing). It declares no checked exception, so both forms work:
 * <pre>{@code
 * try (var held = Await.on(sem.acquire())) { ... }                 // async with sem
 * Await.on(lock.acquire()); try { ... } finally { lock.release(); }
 * }</pre>
 */
public interface Held extends AutoCloseable {
    @Override
    void close();
}
