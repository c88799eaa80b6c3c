package golden;

import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

public class NestedAwaits {
    @Async
    Task<Integer> length(Task<String> name) {
        return Task.completed(Await.on(measure(Await.on(name))) * 2);
    }

    @Async
    Task<Integer> measure(String s) {
        return Task.completed(s.length());
    }
}
