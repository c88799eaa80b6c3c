package org.asyncio4j;

/**
 * What {@link ContextVar#set} returns (Python's {@code contextvars.Token}): undoes that set with
 * {@link ContextVar#reset}, once, in the same context.
 *
 * @param <T> the type of the variable's value
 */
public class Token<T> {
    /** {@link #oldValue()} of a variable that had no value before the set. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "Token.MISSING";
        }
    };
    final ContextVar<T> var;
    final Context context;
    final Object oldValue;
    boolean used;

    /** Made by {@link ContextVar#set} only (the constructor is not public, so there are no others). */
    Token(ContextVar<T> var, Context context, Object oldValue) {
        this.var = var;
        this.context = context;
        this.oldValue = oldValue;
    }

    /**
     * The variable this token belongs to.
     *
     * @return the variable whose set made this token
     */
    public ContextVar<T> var() {
        return var;
    }

    /**
     * The value before the set.
     *
     * @return that value, or {@link #MISSING} if the variable had none
     */
    public Object oldValue() {
        return oldValue;
    }
}
