package org.asyncio4j.processor.fuzz;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;
import org.asyncio4j.testing.VirtualClock;

/** Runs one compiled program, async or reference, and returns its trace. */
final class Runner {
    private Runner() {}

    /** What a run did: its effects in order, then its outcome. */
    record Trace(List<String> effects, String outcome, boolean overBudget, int suspensions) {
        String text() {
            return String.join("\n", effects) + "\n=> " + outcome;
        }
    }

    static Trace run(ClassLoader loader, String cls, boolean rootStatic, boolean async, long seed, int cancelAt, int arg) {
        Fx.reset(async, seed, cancelAt);
        String outcome;
        try {
            Class<?> k = loader.loadClass("fz." + (async ? "Async" : "") + cls);
            Method m = k.getDeclaredMethod("m0", int.class, int.class);
            m.setAccessible(true);
            Object target = null;
            if (!rootStatic) {
                Constructor<?> c = k.getDeclaredConstructor();
                c.setAccessible(true);
                target = c.newInstance();
            }
            Object self = target;
            Object v;
            if (async) {
                v = Asyncio.run(() -> {
                    Task<?> t = (Task<?>) invoke(m, self, arg);
                    Fx.root = t;
                    return t;
                }, new VirtualClock());
            } else {
                v = ((Task<?>) invoke(m, self, arg)).result();
            }
            outcome = "value " + v;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot run generated program " + cls, e);
        } catch (Throwable t) {
            outcome = "threw " + Fx.describe(t);
        }
        return new Trace(new ArrayList<>(Fx.trace), outcome, Fx.overBudget, Fx.suspensions);
    }

    private static Object invoke(Method m, Object self, int arg) {
        try {
            return m.invoke(self, 0, arg);
        } catch (InvocationTargetException e) {
            throw Fx.sneaky(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
