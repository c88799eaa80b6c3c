package golden;

import java.io.IOException;
import java.util.List;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

public class TryCatchFinally {
    final List<String> log = new java.util.ArrayList<>();

    @Async
    Task<String> fetch(Task<String> t) {
        try {
            return Task.completed(Await.on(t, IOException.class));
        } catch (IOException | IllegalStateException e) {
            log.add("failed: " + e.getMessage());
            return Task.completed("fallback");
        } finally {
            log.add("done");
        }
    }
}
