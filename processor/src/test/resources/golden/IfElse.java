package golden;

import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

public class IfElse {
    @Async
    Task<String> pick(Task<Boolean> flag, Task<String> yes, Task<String> no) {
        String out;
        if (Await.on(flag)) {
            out = Await.on(yes);
        } else {
            out = "no:" + Await.on(no);
        }
        return Task.completed(out);
    }
}
