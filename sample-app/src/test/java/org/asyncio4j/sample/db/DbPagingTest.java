package org.asyncio4j.sample.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The db-paging example against the real server it starts. */
class DbPagingTest {
    @Test
    void theExampleTellsItsStory() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DbPaging.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "100000");
        List<String> lines = Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n"));
        // The first line names the port and the way the server was started; the rest is exact.
        assertEquals(List.of(
                "created accounts with 100000 rows",
                "8 tasks paged 100000 rows (balance 10000000) over a pool of 4 connections",
                "transfer refused, rolled back: account 1 would be overdrawn (-430)",
                "after one committed and one rolled-back transfer: account 1 has 70, account 2 has 130",
                "query ran past its timeout of PT0.2S and was cancelled on the server: SELECT pg_sleep(10)",
                "backends still sleeping: 0"), lines.subList(1, lines.size()));
        assertEquals(true, lines.get(0).startsWith("PostgreSQL started: "), lines.get(0));
    }
}
