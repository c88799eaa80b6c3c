package org.asyncio4j.it;

import java.util.List;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** A blueprint extending the generated class of another blueprint. */
public class SubMethods extends AsyncMethods<String> {
    public SubMethods() {
        super(List.of("b", "a"));
    }

    @Override
    @Async
    Task<String> greet() {
        return Task.completed("sub(" + Await.on(baseGreet()) + ")");
    }

    /** `super` inside an @Async body is rejected (AsyncSuperCall); a helper reaches the base machine. */
    Task<String> baseGreet() {
        return super.greet();
    }
}
