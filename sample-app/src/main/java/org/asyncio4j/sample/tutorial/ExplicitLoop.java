package org.asyncio4j.sample.tutorial;

import static org.asyncio4j.sample.tutorial.LoopTime.at;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Clock;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/**
 * Example {@code explicit-loop}: the older tutorials' style, {@code loop = new_event_loop();
 * loop.run_until_complete(main()); loop.close()}, instead of {@code asyncio.run}.
 */
class ExplicitLoop {
    final PrintStream out;

    ExplicitLoop(PrintStream out) {
        this.out = out;
    }

    /** Runs the example on a loop it creates, driven by {@code clock}, and closes. */
    static void run(PrintStream out, Clock clock) {
        EventLoop loop = EventLoop.builder().clock(clock).build();
        out.println("loop created; running: " + loop.isRunning());
        try {
            String result = loop.runUntilComplete(() -> new AsyncExplicitLoop(out).main());
            out.println("runUntilComplete returned " + result);
        } finally {
            loop.close();
        }
        out.println("loop closed: " + loop.isClosed());
    }

    @Async
    Task<String> main() {
        long start = LoopTime.now();
        out.println("main() runs on the loop; running: " + EventLoop.current().isRunning());
        Await.on(Asyncio.sleep(Duration.ofSeconds(1)));
        out.println("main() done " + at(start));
        return Task.completed("\"main's result\"");
    }
}
