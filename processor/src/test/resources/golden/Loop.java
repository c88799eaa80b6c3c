package golden;

import java.util.List;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

public class Loop {
    @Async
    Task<Integer> sum(List<Task<Integer>> parts) {
        int total = 0;
        for (Task<Integer> p : parts) {
            if (p.isCancelled()) {
                continue;
            }
            total += Await.on(p);
        }
        return Task.completed(total);
    }
}
