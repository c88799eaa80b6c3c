package org.asyncio4j.sample;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.asyncio4j.sample.db.DbPaging;
import org.asyncio4j.sample.files.Files;
import org.asyncio4j.sample.gui.Gui;
import org.asyncio4j.sample.tutorial.TutorialExamples;
import org.asyncio4j.sample.web.HttpHello;
import org.asyncio4j.sample.web.Proxy;
import org.asyncio4j.sample.web.WebSocketChat;

/** The examples that run one at a time by name: adding one is one line here. */
final class Examples {
    record Example(String summary, BiConsumer<PrintStream, String[]> run) {}

    static final Map<String, Example> ALL = new LinkedHashMap<>();

    static {
        ALL.put("crawler", new Example("the main demo (no argument runs it): page titles fetched one by one, all at"
                + " once, at most N at once (--help)", org.asyncio4j.sample.crawler.CrawlerDemo::run));
        TutorialExamples.register((name, summary, run) -> ALL.put(name, new Example(summary, run)));
        ALL.put("http-hello", new Example("an HTTP route with path and query parameters (asyncio4j-http)", HttpHello::run));
        ALL.put("proxy", new Example("a route relaying an upstream URL, its timeout cancelling the upstream request",
                Proxy::run));
        ALL.put("websocket-chat", new Example("WebSocket chat: broadcast through bounded queues, a slow member"
                + " does not stall the others", WebSocketChat::run));
        ALL.put("db-paging", new Example("PostgreSQL: a pool, keyset paging, a query timeout cancelled on the server"
                + " (starts a local server)", DbPaging::run));
        ALL.put("files", new Example("files read, written and read line by line without blocking the loop", Files::run));
        ALL.put("gui", new Example("a Swing window: a slow download moves a progress bar between awaits, the window"
                + " stays responsive, Cancel stops it (asyncio4j-swing; needs a display)", Gui::run));
    }

    private Examples() {}

    /** Prints one line per example: its name and what it shows. */
    static void list(PrintStream out) {
        ALL.forEach((name, e) -> out.printf("%s: %s%n", name, e.summary()));
    }
}
