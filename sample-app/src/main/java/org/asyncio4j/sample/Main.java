package org.asyncio4j.sample;

import java.io.PrintStream;
import java.util.Arrays;
import org.asyncio4j.sample.crawler.UsageError;

/**
 * The sample app's command line: no argument (or only options) runs the crawler demo;
 * {@code list} names the examples; an example's name runs it with the arguments that follow.
 */
public class Main {
    /** Runs the command line and exits non-zero when it was wrong. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the command line, printing to {@code out} and {@code err}; returns the exit status (2: bad
     * usage, 3: no display for the gui example).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("list")) {
            Examples.list(out);
            return 0;
        }
        boolean named = args.length > 0 && !args[0].startsWith("-");
        String name = named ? args[0] : "crawler";
        Examples.Example e = Examples.ALL.get(name);
        if (e == null) {
            err.println("unknown example '" + name + "'; the examples are:");
            Examples.list(err);
            return 2;
        }
        try {
            e.run().accept(out, named ? Arrays.copyOfRange(args, 1, args.length) : args);
            return 0;
        } catch (UsageError bad) {
            err.println(bad.getMessage());
            err.println(bad.usage());
            return 2;
        } catch (IllegalArgumentException bad) {
            err.println(bad.getMessage()); // an example refusing its arguments says why; no stack trace
            return 2;
        } catch (org.asyncio4j.sample.gui.Gui.NoDisplay none) {
            err.println(none.getMessage()); // the gui example without a display: one line, no stack trace
            return 3;
        }
    }
}
