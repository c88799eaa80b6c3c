package org.asyncio4j.it;

import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: try-with-resources with AutoCloseable and AsyncCloseable resources (S11). */
public class Resources extends Fixture {
    /** closeAsync fails with this for the resource of this name, if set. */
    String failExitOf;
    RuntimeException exitFailure;

    static String name(Throwable t) {
        return t == null ? "None" : t.getClass().getSimpleName();
    }

    /** An async context manager: logs its exit and the pending exception it receives. */
    class Cm implements AsyncCloseable {
        final String name;

        Cm(String name) {
            this.name = name;
        }

        @Override
        public Task<Void> closeAsync(Throwable pending) {
            log("exit " + name + " exc=" + name(pending) + " t=" + Src.ms());
            if (name.equals(failExitOf)) {
                return boom(exitFailure);
            }
            return v(null);
        }
    }

    /** A plain resource. */
    class Plain implements AutoCloseable {
        final String name;
        final RuntimeException failure;

        Plain(String name, RuntimeException failure) {
            this.name = name;
            this.failure = failure;
        }

        @Override
        public void close() {
            log("close " + name);
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Async
    Task<Cm> enter(String name) {
        Cm cm = new Cm(name);
        log("enter " + name + " t=" + Src.ms());
        Await.on(v(0));
        return Task.completed(cm);
    }

    @Async
    Task<String> twoManagers(RuntimeException bodyFailure) {
        try (Cm a = Await.on(enter("A")); var b = Await.on(enter("B"))) {
            log("body " + a.name + b.name + " t=" + Src.ms());
            Await.on(v(0));
            if (bodyFailure != null) {
                throw bodyFailure;
            }
        }
        log("after t=" + Src.ms());
        return Task.completed("ok");
    }

    @Async
    Task<String> mixed(RuntimeException bodyFailure, RuntimeException closeFailure) {
        try (Cm a = Await.on(enter("A"));
                Plain p = new Plain("P", closeFailure);
                Plain none = null;
                Cm b = Await.on(enter("B"))) {
            log("body");
            if (bodyFailure != null) {
                throw bodyFailure;
            }
        } catch (IllegalStateException e) {
            log("caught " + e.getMessage() + " suppressed=" + e.getSuppressed().length);
            return Task.completed("caught");
        } finally {
            log("finally");
        }
        return Task.completed("ok");
    }

    @Async
    Task<String> existingVariableAndReturn() {
        Cm outer = new Cm("X");
        try (outer) {
            for (int i = 0; i < 3; i++) {
                try (Cm inLoop = Await.on(enter("L" + i))) {
                    if (i == 1) {
                        continue;
                    }
                    if (i == 2) {
                        return Task.completed("returned " + Await.on(v(i)));
                    }
                    log("loop body " + i);
                }
            }
        }
        return Task.completed("not reached");
    }

    @Async
    Task<String> plainOnly() {
        try (Plain a = new Plain("a", null); Plain b = new Plain("b", null)) {
            log("body " + Await.on(v(1)));
        }
        return Task.completed("ok");
    }
}
