package golden;

import java.time.Duration;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

public class Generator {
    @Async
    AsyncIterable<Integer> ticks(int n) {
        try {
            for (int i = 0; i < n; i++) {
                Await.on(Asyncio.sleep(Duration.ofMillis(100)));
                Await.yield(i);
            }
        } finally {
            System.out.println("ticks done");
        }
        return AsyncIterable.end();
    }

    @Async
    Task<Integer> sum(int n) {
        int sum = 0;
        for (int t : Await.each(ticks(n))) {
            sum += t;
        }
        return Task.completed(sum);
    }
}
