package org.asyncio4j.sample.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The crawler's command line: every option, and a clear message for each kind of mistake. */
class OptionsTest {
    @Test
    void noArgumentsGiveTheDefaults() {
        assertEquals(new Options(100, Duration.ofMillis(200), 10, false), Options.parse());
    }

    @Test
    void everyOptionIsRead() {
        assertEquals(new Options(7, Duration.ofMillis(0), 3, false),
                Options.parse("--pages", "7", "--latency-ms", "0", "--limit", "3"));
        assertEquals(new Options(100, Duration.ofMillis(200), 10, true), Options.parse("--help"));
        assertEquals(new Options(5, Duration.ofMillis(200), 10, true), Options.parse("--pages", "5", "-h"));
    }

    @Test
    void theLastOfARepeatedOptionWins() {
        assertEquals(9, Options.parse("--pages", "3", "--pages", "9").pages());
    }

    @Test
    void anUnknownArgumentIsNamed() {
        assertEquals("unknown argument '--page'", error("--page", "3"));
        assertEquals("unknown argument 'fast'", error("fast"));
    }

    @Test
    void aMissingNumberSaysWhatToWrite() {
        assertEquals("--limit needs a number, e.g. --limit 1", error("--pages", "4", "--limit"));
    }

    @Test
    void aWordWhereANumberBelongsIsQuoted() {
        assertEquals("--latency-ms takes a whole number, not '0.5'", error("--latency-ms", "0.5"));
        assertEquals("--pages takes a whole number, not '--limit'", error("--pages", "--limit", "3"));
    }

    @Test
    void numbersOutOfRangeGiveTheRange() {
        assertEquals("--pages must be between 1 and 1000, not 0", error("--pages", "0"));
        assertEquals("--pages must be between 1 and 1000, not 1001", error("--pages", "1001"));
        assertEquals("--latency-ms must be between 0 and 60000, not -1", error("--latency-ms", "-1"));
        assertEquals("--limit must be between 1 and 1000, not 0", error("--limit", "0"));
    }

    @Test
    void theUsageNamesEveryOption() {
        for (String option : new String[] {"--pages N", "--latency-ms N", "--limit N", "--help"}) {
            assertEquals(true, Options.USAGE.contains(option), option + " missing from the usage");
        }
        assertEquals(Options.USAGE, assertThrows(UsageError.class, () -> Options.parse("-x")).usage());
    }

    private static String error(String... args) {
        return assertThrows(UsageError.class, () -> Options.parse(args)).getMessage();
    }
}
