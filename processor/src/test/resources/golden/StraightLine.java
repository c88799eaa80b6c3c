package golden;

import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

public class StraightLine {
    @Async
    static Task<Integer> twice(int x) {
        int a = Await.on(Asyncio.sleep(Duration.ofMillis(10), x));
        return Task.completed(a + Await.on(Asyncio.sleep(Duration.ofMillis(10), x)));
    }
}
