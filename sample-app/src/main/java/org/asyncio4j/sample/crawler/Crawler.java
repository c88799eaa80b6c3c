package org.asyncio4j.sample.crawler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.sync.Semaphore;
import org.jsoup.Jsoup;

/**
 * The titles of a list of pages, fetched three ways with the JDK's {@link HttpClient}: one by one,
 * blocking; all at once ({@code @Async} and {@code Asyncio.gather}); at most {@code limit} at once
 * (the same under a {@code Semaphore}). Then a fetch given up by {@code waitFor}. It counts the
 * fetches in flight, so the demo can show how many ran at once. The processor generates
 * {@code AsyncCrawler}.
 */
class Crawler implements AutoCloseable {
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    int inFlight; // fetches started and not yet finished (touched by one thread at a time)
    int peak; // the most in flight at once: the table's "max at once"

    // ---------------------------------------------------------------- 1. one by one, blocking

    List<String> oneByOne(List<String> urls, Progress progress) throws IOException, InterruptedException {
        List<String> titles = new ArrayList<>();
        for (String url : urls) {
            started();
            try {
                titles.add(titleOf(http.send(get(url), BodyHandlers.ofString()))); // the thread waits here
            } finally {
                inFlight--;
            }
            progress.step();
        }
        return titles;
    }

    // ---------------------------------------------------------------- 2. all at once

    @Async
    Task<String> title(String url) {
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(get(url), BodyHandlers.ofString());
        started();
        try {
            return Task.completed(titleOf(Await.on(call))); // the task waits here; the thread runs the others
        } catch (CancelledError e) {
            call.cancel(true); // awaiting a CompletableFuture does not cancel it: abort the exchange ourselves
            throw e;
        } finally {
            inFlight--;
        }
    }

    @Async
    Task<List<String>> allAtOnce(List<String> urls, Progress progress) {
        List<Task<String>> fetches = new ArrayList<>();
        for (String url : urls) {
            fetches.add(progress.counting(title(url))); // each call starts its request and returns a Task
        }
        return Task.completed(Await.on(Asyncio.gather(fetches))); // the titles, in the order of the urls
    }

    // ---------------------------------------------------------------- 3. at most `limit` at once

    @Async
    Task<String> titleHolding(Semaphore permits, String url) {
        try (var held = Await.on(permits.acquire())) { // released when the block ends, however it ends
            return Task.completed(Await.on(title(url)));
        }
    }

    @Async
    Task<List<String>> atMost(int limit, List<String> urls, Progress progress) {
        Semaphore permits = new Semaphore(limit);
        List<Task<String>> fetches = new ArrayList<>();
        for (String url : urls) {
            fetches.add(progress.counting(titleHolding(permits, url)));
        }
        return Task.completed(Await.on(Asyncio.gather(fetches)));
    }

    // ---------------------------------------------------------------- waitFor

    /** Gives the fetch of {@code url} {@code timeout}; true when it timed out and the fetch was cancelled. */
    @Async
    Task<Boolean> timesOut(String url, Duration timeout) {
        Task<String> fetch = title(url);
        try {
            Await.on(Asyncio.waitFor(fetch, timeout));
            return Task.completed(false);
        } catch (AsyncTimeoutException e) {
            return Task.completed(fetch.isCancelled()); // waitFor cancelled it and waited for it to end
        }
    }

    // ---------------------------------------------------------------- helpers

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    /** The page's title, read by jsoup: entities decoded, comments and markup ignored. */
    static String titleOf(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + r.uri() + " answered " + r.statusCode() + ": " + r.body().strip());
        }
        return Jsoup.parse(r.body()).title();
    }

    void started() {
        inFlight++;
        peak = Math.max(peak, inFlight);
    }

    /** Closes the client's connections (JDK 21+; before that they close when the client is collected). */
    @Override
    public void close() {
        if (http instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the HttpClient failed: " + e, e);
            }
        }
    }
}
