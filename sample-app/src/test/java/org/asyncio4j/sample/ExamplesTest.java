package org.asyncio4j.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example registry: {@code list} names every example, one line each. */
class ExamplesTest {
    @Test
    void listNamesEveryExampleOnALineOfItsOwn() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Examples.list(new PrintStream(b, true, StandardCharsets.UTF_8));
        List<String> names = b.toString(StandardCharsets.UTF_8).lines().map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(List.of("tutorials (no argument)", "http-hello", "proxy", "websocket-chat", "db-paging", "files", "crawler"), names);
    }
}
