package org.asyncio4j;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The executor behind {@code toThread}: sized like asyncio's, {@code min(32, cores + 4)} threads. */
final class DefaultExecutor {
    private DefaultExecutor() {}

    static ExecutorService create() {
        int n = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        AtomicInteger count = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "asyncio4j-executor-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor ex = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), tf);
        ex.allowCoreThreadTimeOut(true);
        return ex;
    }
}
