package org.asyncio4j.sample.crawler;

import java.time.Duration;

/**
 * The crawler demo's command line: {@code --pages N}, {@code --latency-ms N}, {@code --limit N},
 * {@code --help}. Parsing never exits the JVM: a bad argument throws {@link UsageError}, which
 * {@code Main} prints with {@link #USAGE} on stderr before exiting non-zero.
 */
record Options(int pages, Duration latency, int limit, boolean help) {
    static final Options DEFAULTS = new Options(100, Duration.ofMillis(200), 10, false);

    static final String USAGE = """
            usage: java -jar sample-app.jar [--pages N] [--latency-ms N] [--limit N]   the crawler demo
                   java -jar sample-app.jar crawler [same options]                   the same
                   java -jar sample-app.jar list                                     the other examples
                   java -jar sample-app.jar <example>                                runs one of them
              A local HTTP server serves N pages, each answered after the latency; their titles are
              fetched one by one (blocking), all at once (@Async + gather), and at most LIMIT at once
              (gather under a Semaphore), then one fetch is cut short by waitFor.
              --pages N        pages to fetch, 1..1000 (default 100)
              --latency-ms N   the server's delay before each answer, 0..60000 (default 200)
              --limit N        concurrent fetches in the Semaphore run, 1..1000 (default 10)
              --help           this text""";

    static Options parse(String... args) {
        Options o = DEFAULTS;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> o = new Options(o.pages, o.latency, o.limit, true);
                case "--pages" -> o = new Options(number(args, ++i, a, 1, 1_000), o.latency, o.limit, o.help);
                case "--latency-ms" -> o = new Options(o.pages, Duration.ofMillis(number(args, ++i, a, 0, 60_000)),
                        o.limit, o.help);
                case "--limit" -> o = new Options(o.pages, o.latency, number(args, ++i, a, 1, 1_000), o.help);
                default -> throw new UsageError("unknown argument '" + a + "'");
            }
        }
        return o;
    }

    private static int number(String[] args, int i, String option, int min, int max) {
        if (i >= args.length) {
            throw new UsageError(option + " needs a number, e.g. " + option + " " + min);
        }
        int n;
        try {
            n = Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new UsageError(option + " takes a whole number, not '" + args[i] + "'");
        }
        if (n < min || n > max) {
            throw new UsageError(option + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }
}
