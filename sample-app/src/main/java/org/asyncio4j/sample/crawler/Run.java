package org.asyncio4j.sample.crawler;

import java.time.Duration;
import java.util.List;

/**
 * One way of fetching, measured: the titles it read (in page order), how many fetches were in
 * flight at most, how long it took, and how long it should take (in words).
 */
record Run(String way, List<String> titles, int peakInFlight, Duration elapsed, String expected) {
    /** How many titles are the right ones for their pages. */
    int correct() {
        int ok = 0;
        for (int i = 0; i < titles.size(); i++) {
            ok += titles.get(i).equals(PageServer.title(i + 1)) ? 1 : 0;
        }
        return ok;
    }
}
