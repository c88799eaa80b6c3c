package org.asyncio4j.bench.vt;

import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads through reflection: the module compiles with {@code --release 17}, while the
 * runner starts the virtual-thread peers on a JDK 21+ only.
 */
public final class VirtualThreads {
    private VirtualThreads() {}

    public static ThreadFactory factory() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or newer; this is JDK "
                    + Runtime.version() + " (run the benchmarks with --jdk /path/to/jdk21+)", e);
        }
    }
}
