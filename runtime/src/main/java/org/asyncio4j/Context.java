package org.asyncio4j;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A context of {@link ContextVar} values (Python's {@code contextvars.Context}). The map is never
 * changed once published: {@link ContextVar#set} swaps in a changed copy, so copying a context (what
 * every new task does) is one small allocation sharing the map.
 *
 * <p>Which context is current: on a loop thread, the loop's {@link EventLoop#context} (set while a
 * task or callback that has one runs), else the thread's own root context.
 */
final class Context {
    private static final ThreadLocal<Context> THREAD_ROOT = ThreadLocal.withInitial(Context::new);
    /**
     * True once any ContextVar exists: until then tasks and callbacks skip the context bookkeeping
     * altogether (nothing to carry), so programs that never use contextvars pay one plain read a
     * task and a step. Not volatile (it is read on the hottest paths): a loop thread that uses a
     * ContextVar has initialised the class holding it, whose static initialiser wrote this flag, so
     * class initialisation orders the write before that thread's reads.
     */
    static boolean inUse;

    Map<ContextVar<?>, Object> vars;

    Context() {
        this.vars = Map.of();
    }

    private Context(Map<ContextVar<?>, Object> vars) {
        this.vars = vars;
    }

    Context copy() {
        return new Context(vars);
    }

    /** The context code on this thread runs in now. */
    static Context current() {
        EventLoop l = EventLoop.currentOrNull();
        if (l != null) {
            Context c = l.context;
            if (c != null) {
                return c;
            }
            return l.rootContext();
        }
        return THREAD_ROOT.get();
    }

    /** The root context of the calling thread (a loop's context while no task runs). */
    static Context threadRoot() {
        return THREAD_ROOT.get();
    }

    void put(ContextVar<?> var, Object value, boolean remove) {
        Map<ContextVar<?>, Object> m = new IdentityHashMap<>(vars);
        if (remove) {
            m.remove(var);
        } else {
            m.put(var, value);
        }
        vars = m;
    }
}
