package org.asyncio4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A thread dump for tasks: every pending task, what it waits on, the source line it is suspended at,
 * and who awaits it, up to the outermost task ({@code Crawler.title(Crawler.java:17)} awaited by
 * {@code Crawler.main(Crawler.java:30)}).
 */
final class TaskDump {
    private TaskDump() {}

    static String dump(EventLoop loop, Debug debug) {
        List<Coroutine<?>> tasks = new ArrayList<>();
        loop.live().forEach(tasks::add);
        Map<Task<?>, Coroutine<?>> awaitedBy = new IdentityHashMap<>();
        for (Coroutine<?> c : tasks) {
            Task<?> w = c.awaiting;
            if (w != null) {
                awaitedBy.put(w, c);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d pending task%s at %.3f s of loop time:%n", tasks.size(),
                tasks.size() == 1 ? "" : "s", loop.time() / 1e9));
        for (Coroutine<?> c : tasks) {
            Task<?> w = c.awaiting;
            sb.append("\"").append(c.name()).append("\" ");
            sb.append(w == null ? (c == loop.currentTask ? "running" : "ready to run, or not started")
                    : "waiting on " + describe(w));
            long since = w == null || debug == null ? -1 : debug.suspendedAt(c);
            if (since >= 0) {
                // debug mode: how long since it last suspended (a task stuck on a lost wake-up stands out)
                sb.append(String.format(Locale.ROOT, " for %.3f s", (loop.time() - since) / 1e9));
            }
            String site = debug == null ? null : debug.createdAt(c);
            if (site != null) {
                sb.append(" (created at ").append(site).append(')');
            }
            sb.append('\n');
            StackTraceElement f = frame(c);
            if (f != null) {
                sb.append("    at ").append(f).append('\n');
            }
            int depth = 0;
            for (Coroutine<?> a = awaitedBy.get(c); a != null && depth < 1000; a = awaitedBy.get(a), depth++) {
                StackTraceElement af = frame(a);
                sb.append("    awaited by \"").append(a.name()).append('"');
                if (af != null) {
                    sb.append(" at ").append(af);
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String describe(Task<?> w) {
        if (w instanceof Coroutine<?> c) {
            return "task \"" + c.name() + "\"";
        }
        return String.valueOf(w);
    }

    private static StackTraceElement frame(Coroutine<?> c) {
        try {
            return c.frame();
        } catch (RuntimeException broken) {
            return null;
        }
    }
}
