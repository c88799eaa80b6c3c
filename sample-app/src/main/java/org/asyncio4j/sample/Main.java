package org.asyncio4j.sample;

import org.asyncio4j.Asyncio;

/**
 * The main demo: with no argument, runs the tutorial ports on one event loop and prints what happens,
 * with times; {@code list} names the other examples, and an example's name runs it.
 */
public class Main {
    public static void main(String[] args) {
        if (args.length > 0) {
            if (args[0].equals("list")) {
                Examples.list(System.out);
                return;
            }
            Examples.Example e = Examples.ALL.get(args[0]);
            if (e == null) {
                System.err.println("unknown example '" + args[0] + "'; the examples are:");
                Examples.list(System.err);
                System.exit(2);
            }
            e.run().accept(System.out, java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Tutorials t = new AsyncTutorials(System.out::println);
        long t0 = System.nanoTime();
        Asyncio.run(t::all);
        System.out.printf("asyncio4j demo done in %d ms on one thread (%s)%n", (System.nanoTime() - t0) / 1_000_000,
                Thread.currentThread().getName());
    }
}
