package org.asyncio4j.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example registry: {@code list} names every example, one line each, and docs/examples.md shows each one. */
class ExamplesTest {
    @Test
    void listNamesEveryExampleOnALineOfItsOwn() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Examples.list(new PrintStream(b, true, StandardCharsets.UTF_8));
        List<String> lines = b.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("crawler", "hello", "explicit-loop", "gather", "create-task", "wait", "as-completed", "wait-for-timeout",
                "timeout-scope", "cancel", "shield", "semaphore", "lock", "event", "condition", "producer-consumer",
                "worker-pool", "backpressure-batches", "retry-backoff", "sliding-window-rate-limiter", "task-group",
                "to-thread", "call-soon-later", "future", "tcp-echo", "udp-echo", "subprocess", "async-context-manager",
                "async-iterator", "async-generator", "http-hello", "proxy", "websocket-chat", "db-paging", "files", "gui"),
                lines.stream().map(l -> l.substring(0, l.indexOf(':'))).toList());
        assertEquals("gather: jobs of 2 s, 1 s and 3 s at once: results in argument order after 3 s, not 6", lines.get(3));
    }

    @Test
    void docsExamplesMdShowsEveryExampleWithItsSummaryAndCommand() throws IOException {
        Path doc = Path.of("..", "docs", "examples.md");
        assertTrue(Files.isRegularFile(doc), "docs/examples.md not found from " + Path.of("").toAbsolutePath());
        List<String> rows = Files.readAllLines(doc);
        Pattern sourceLink = Pattern.compile(" \\[[A-Za-z]+\\.java\\]\\(([^)]+)\\) \\|");
        Examples.ALL.forEach((name, e) -> {
            String row = "| `" + name + "` | " + e.summary() + " | `java -jar sample-app/target/sample-app.jar " + name + "` |";
            String found = rows.stream().filter(r -> r.startsWith(row)).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/examples.md lacks the row that starts\n" + row));
            Matcher link = sourceLink.matcher(found.substring(row.length()));
            assertTrue(link.matches(), "the row of " + name + " should end with a link to its source: " + found);
            assertTrue(Files.isRegularFile(doc.resolveSibling(link.group(1))), "the source link of " + name + " is broken: " + found);
        });
    }
}
