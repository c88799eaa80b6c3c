package org.asyncio4j.sample.crawler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.http.HttpServer;
import org.asyncio4j.http.Request;
import org.asyncio4j.http.Response;

/**
 * The web site the crawler reads: {@code /page/1} to {@code /page/N}, generated HTML, each answered
 * after the latency, and {@code /slow}, which would answer after an hour. Served by asyncio4j-http
 * on an event loop of its own thread: the crawler's first way blocks its thread on every fetch, so a
 * server sharing that thread's loop could never answer (and a real crawler's sites are elsewhere
 * too). The processor generates {@code AsyncPageServer}.
 */
class PageServer implements AutoCloseable {
    /** The topics of the generated pages: markup characters and non-ASCII, for the parser to decode. */
    static final List<String> TOPICS = List.of("fish & chips", "the <title> element", "caf\u00e9 cr\u00e8me",
            "\"quotes\" & 'apostrophes'", "1 < 2 > 0");

    final int pages;
    final Duration latency;
    final CompletableFuture<Integer> started = new CompletableFuture<>();
    final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    final CompletableFuture<String> slowCancelled = new CompletableFuture<>();
    private Thread thread;
    private volatile Throwable failure;

    PageServer(int pages, Duration latency) {
        this.pages = pages;
        this.latency = latency;
    }

    /** Starts the server on 127.0.0.1, a free port, and returns once it listens. */
    static PageServer start(int pages, Duration latency) {
        PageServer s = new AsyncPageServer(pages, latency);
        s.thread = new Thread(() -> {
            try {
                Asyncio.run(s::serve);
            } catch (Throwable e) {
                s.failure = e; // close() rethrows it
                s.started.completeExceptionally(e);
            }
        }, "page-server-loop");
        s.thread.start();
        try {
            s.started.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the page server did not start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.close();
            throw new IllegalStateException("interrupted while the page server was starting", e);
        }
        return s;
    }

    /** The title of page {@code n}, as the crawler should read it. */
    static String title(int n) {
        return "Page " + n + " \u2014 " + TOPICS.get((n - 1) % TOPICS.size());
    }

    /** The HTML of page {@code n}: the title escaped and a comment that fools a string search for it. */
    String html(int n) {
        return "<!DOCTYPE html>\n<html><head><!-- the crawler reads the <title>, nothing else -->\n"
                + "<title>" + escape(title(n)).replace("\u2014", "&mdash;") + "</title></head>\n"
                + "<body><h1>Page " + n + "</h1><p><a href=\"/page/" + (n % pages + 1) + "\">next</a></p></body></html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The URLs of every page, in order. */
    List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (int n = 1; n <= pages; n++) {
            urls.add(base() + "page/" + n);
        }
        return urls;
    }

    String slowUrl() {
        return base() + "slow";
    }

    String base() {
        return "http://127.0.0.1:" + started.join() + "/";
    }

    // ---------------------------------------------------------------- on the server's loop

    @Async
    Task<Void> serve() {
        HttpServer server = Await.on(HttpServer.builder()
                .get("/page/{n}", this::page)
                .get("/slow", this::slow)
                .build().start(0));
        started.complete(server.port());
        Await.on(stopRequested); // completed by close(), on the main thread
        Await.on(server.stop(Duration.ofSeconds(1)));
        return Task.completed();
    }

    @Async
    Task<Response> page(Request r) {
        int n;
        try {
            n = Integer.parseInt(r.pathParam("n"));
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > pages) {
            return Task.completed(Response.text(404, "no page '" + r.pathParam("n") + "': pages are 1 to " + pages + "\n"));
        }
        Await.on(Asyncio.sleep(latency)); // the site's latency: 100 of these wait together on one thread
        return Task.completed(Response.of(200, "text/html; charset=utf-8", html(n).getBytes(StandardCharsets.UTF_8)));
    }

    @Async
    Task<Response> slow(Request r) {
        try {
            Await.on(Asyncio.sleep(Duration.ofHours(1)));
        } catch (CancelledError e) {
            // the server cancels a handler whose client has closed the connection
            slowCancelled.complete("the server cancelled its /slow handler: the client closed the connection");
            throw e;
        }
        return Task.completed(Response.text("too late\n"));
    }

    // ---------------------------------------------------------------- back on the caller's thread

    /**
     * Stops the server (requests in progress get a second) and waits for its thread to end; rethrows
     * what made the server fail, if anything did.
     */
    @Override
    public void close() {
        stopRequested.complete(null);
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null && !started.isCompletedExceptionally()) {
            throw new IllegalStateException("the page server failed while serving: " + failure, failure);
        }
    }
}
