package golden;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.TaskGroup;
import org.asyncio4j.annotations.Async;

public class Lambda {
    @Async
    Task<Integer> total(List<Task<Integer>> parts) {
        int bonus = Await.on(parts.get(0));
        List<Task<Integer>> children = new ArrayList<>();
        try (var tg = new TaskGroup()) {
            for (Task<Integer> part : parts) {
                children.add(tg.spawn(() -> {
                    int v = Await.on(part);
                    return Task.completed(v + bonus);
                }));
            }
        }
        int sum = 0;
        for (Task<Integer> c : children) {
            sum += c.result();
        }
        return Task.completed(sum);
    }
}
