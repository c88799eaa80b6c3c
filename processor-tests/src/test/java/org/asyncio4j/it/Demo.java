package org.asyncio4j.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

public class Demo {
    final List<String> log = new ArrayList<>();

    @Async
    static Task<Integer> twice(int x) {
        int a = Await.on(Asyncio.sleep(Duration.ofMillis(10), x));
        return Task.completed(a + Await.on(Asyncio.sleep(Duration.ofMillis(10), x)));
    }

    @Async
    Task<String> loop(int n) {
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(Await.on(twice(i))).append(',');
            if (i == 2) continue;
            log.add("i=" + i);
        }
        try {
            Await.on(fail());
        } catch (IllegalStateException e) {
            log.add("caught " + e.getMessage());
        } finally {
            log.add("finally");
        }
        return Task.completed(sb.toString());
    }

    @Async
    Task<Void> fail() {
        Await.on(Asyncio.yieldNow());
        throw new IllegalStateException("boom");
    }

    static void mainForDemo() {
        AsyncDemo d = new AsyncDemo();
        System.out.println(Asyncio.run(() -> AsyncDemo.twice(21)));
        System.out.println(Asyncio.run(() -> d.loop(4)));
        System.out.println(d.log);
    }
}
