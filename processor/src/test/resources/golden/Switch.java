package golden;

import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

public class Switch {
    enum Kind { SMALL, LARGE }

    @Async
    Task<String> describe(Kind k, Task<String> detail) {
        String d = switch (k) {
            case SMALL -> "small";
            case LARGE -> {
                String x = Await.on(detail);
                yield "large " + x;
            }
        };
        return Task.completed(d);
    }
}
