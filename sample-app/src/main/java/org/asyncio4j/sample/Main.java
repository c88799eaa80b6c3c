package org.asyncio4j.sample;

/**
 * The sample app: {@code list} names the examples, and an example's name runs it (with no argument,
 * the list for now: the crawler demo takes that place).
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
        Examples.list(System.out); // the crawler demo's branch replaces this no-argument path
    }
}
