package org.asyncio4j;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Python's {@code contextvars.ContextVar}: a value per context rather than per thread, the asyncio
 * way of carrying a request id, a user or a logging MDC through a program's tasks.
 *
 * <ul>
 * <li>Every task starts with a <em>copy</em> of the context of the code that created it
 *   ({@link Asyncio#createTask}, {@link TaskGroup#spawn}, {@link EventLoop#submit}, the main task of
 *   {@link Asyncio#run} and {@link Runner#run}): what it sets is not seen by its creator or its
 *   siblings, and what the creator sets later is not seen by it.
 * <li>A plain {@code @Async} call is not a new task in asyncio's sense ({@code await foo()} runs
 *   {@code foo} in the caller's context): it shares the caller's context, so a value it sets is
 *   seen by the caller afterwards, as in Python.
 * <li>Callbacks ({@link EventLoop#callSoon}, {@code callLater}, {@code callAt}) run in the context
 *   current when they were scheduled.
 * </ul>
 * Like every loop-bound API, use it on the loop thread (or on any thread outside a loop, where each
 * thread has its own root context).
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {
    private static final Object NO_DEFAULT = new Object();
    private final String name;
    private final Object dflt;

    /**
     * A variable with no default: {@link #get()} throws until a value is set.
     * @param name the name, for messages and {@code toString()}; not null
     */
    public ContextVar(String name) {
        this.name = Objects.requireNonNull(name, "ContextVar name");
        this.dflt = NO_DEFAULT;
        Context.inUse = true;
    }

    /**
     * A variable whose {@link #get()} returns {@code dflt} in a context where it was never set.
     * @param name the name, for messages and {@code toString()}; not null
     * @param dflt the value {@link #get()} returns where the variable was never set; may be null
     */
    public ContextVar(String name, T dflt) {
        this.name = Objects.requireNonNull(name, "ContextVar name");
        this.dflt = dflt;
        Context.inUse = true;
    }

    /**
     * The variable's name.
     * @return the name given to the constructor
     */
    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the variable's default; throws
     * {@link NoSuchElementException} (asyncio: {@code LookupError}) when there is neither.
     * @return the value; may be null if null was set
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Context c = Context.current();
        if (c.vars.containsKey(this)) {
            return (T) c.vars.get(this);
        }
        if (dflt == NO_DEFAULT) {
            throw new NoSuchElementException("ContextVar '" + name + "' has no value in this context and no default:"
                    + " set it first, use get(default), or create it with new ContextVar<>(name, default)");
        }
        return (T) dflt;
    }

    /**
     * The value in the current context, else {@code fallback} (which wins over the variable's default).
     * @param fallback the value to return when the variable is not set in the current context
     * @return the value in the current context, or {@code fallback}
     */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Context c = Context.current();
        return c.vars.containsKey(this) ? (T) c.vars.get(this) : fallback;
    }

    /**
     * Sets the value in the current context; the token undoes it with {@link #reset}.
     * @param value the new value; may be null
     * @return a token for {@link #reset} that restores the previous value
     */
    public Token<T> set(T value) {
        Context c = Context.current();
        boolean had = c.vars.containsKey(this);
        Token<T> t = new Token<>(this, c, had ? c.vars.get(this) : Token.MISSING);
        c.put(this, value, false);
        return t;
    }

    /**
     * Restores the value the variable had before the {@link #set} that returned {@code token}
     * (or "not set"). Throws {@link IllegalStateException} if the token was used already, and
     * {@link IllegalArgumentException} if it belongs to another variable or was made in another
     * context (another task), as asyncio's {@code ValueError}.
     * @param token the token {@link #set} returned in this context; not null
     */
    public void reset(org.asyncio4j.Token<T> token) {
        Objects.requireNonNull(token, "reset(null): pass the Token returned by set()");
        if (token.var != this) {
            throw new IllegalArgumentException("reset: the token was created by ContextVar '" + token.var.name
                    + "', not by '" + name + "'");
        }
        if (token.used) {
            throw new IllegalStateException("reset: the token of ContextVar '" + name + "' has already been used once");
        }
        Context c = Context.current();
        if (token.context != c) {
            throw new IllegalArgumentException("reset: the token of ContextVar '" + name + "' was created in a different"
                    + " context (another task, or another callback); reset it where set() was called");
        }
        token.used = true;
        c.put(this, token.oldValue, token.oldValue == Token.MISSING);
    }

    @Override
    public String toString() {
        return "ContextVar[" + name + (dflt == NO_DEFAULT ? "" : ", default=" + dflt) + "]";
    }

    /**
     * What {@link ContextVar#set} returns: an {@link org.asyncio4j.Token}. The contract names it
     * {@code Token<T>} (Python's {@code contextvars.Token}), and code may also spell it
     * {@code ContextVar.Token<T>}: this subclass lets both compile.
     *
     * @param <T> the type of the variable's value
     */
    public static final class Token<T> extends org.asyncio4j.Token<T> {
        Token(ContextVar<T> var, Context context, Object oldValue) {
            super(var, context, oldValue);
        }
    }
}
