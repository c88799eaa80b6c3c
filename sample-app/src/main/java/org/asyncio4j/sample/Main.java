package org.asyncio4j.sample;

import org.asyncio4j.Asyncio;

/** The main demo: runs the tutorial ports on one event loop and prints what happens, with times. */
public class Main {
    public static void main(String[] args) {
        Tutorials t = new AsyncTutorials(System.out::println);
        long t0 = System.nanoTime();
        Asyncio.run(t::all);
        System.out.printf("asyncio4j demo done in %d ms on one thread (%s)%n", (System.nanoTime() - t0) / 1_000_000,
                Thread.currentThread().getName());
    }
}
