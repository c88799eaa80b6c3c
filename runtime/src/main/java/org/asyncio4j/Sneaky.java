package org.asyncio4j;

/** Rethrows any throwable unchanged, checked ones included (exceptions cross awaits as they are). */
final class Sneaky {
    private Sneaky() {}

    @SuppressWarnings("unchecked")
    static <X extends Throwable> X sneak(Throwable t) throws X {
        throw (X) t;
    }
}
