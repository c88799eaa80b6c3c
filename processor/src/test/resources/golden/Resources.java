package golden;

import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.Timeout;
import org.asyncio4j.annotations.Async;

public class Resources {
    @Async
    Task<String> limited(Task<String> slow) {
        try (Timeout t = Asyncio.timeout(Duration.ofSeconds(1))) {
            return Task.completed(Await.on(slow));
        }
    }
}
