package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * asyncio's {@code ExceptionGroup} (PEP 654): the failures of a {@link TaskGroup}, in completion
 * order. Groups nest; {@link #subgroup} and {@link #split} select from them keeping the nesting, and
 * {@link #handling(Throwable)} reads like {@code except*}:
 * <pre>{@code
 * } catch (ExceptionGroup eg) {
 *     ExceptionGroup.handling(eg)
 *             .except(IOException.class, g -> log.warn("I/O failed: " + g.exceptions()))
 *             .rethrow(); // whatever was not handled
 * }
 * }</pre>
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The message as given, without the count. */
    private final String message;
    /** The grouped exceptions (at least one), unmodifiable, in the order they happened. */
    private final List<Throwable> exceptions;

    /**
     * A group of {@code exceptions} (at least one). {@link #getMessage()} is {@code message} with
     * the count appended, as Python's {@code str(eg)}; the first exception is the cause, the others
     * are suppressed, so a stack trace shows them all.
     * @param message what the group is about, e.g. "unhandled errors in a TaskGroup"; not null
     * @param exceptions the grouped exceptions; at least one, none null
     * @throws IllegalArgumentException if {@code exceptions} is empty
     */
    @SuppressWarnings("this-escape") // JDK 21+ lint: addSuppressed is Throwable's final method, no subclass code runs
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")",
                exceptions.isEmpty() ? null : exceptions.get(0));
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
        }
        this.message = message;
        this.exceptions = List.copyOf(exceptions);
        for (int i = 1; i < this.exceptions.size(); i++) {
            addSuppressed(this.exceptions.get(i));
        }
    }

    /**
     * The grouped exceptions, in the order they happened.
     * @return the exceptions, unmodifiable, nested groups as they are
     */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /**
     * The message as given, without the count (Python's {@code eg.message}).
     * @return the message given to the constructor
     */
    public String message() {
        return message;
    }

    /**
     * A group with this one's message and {@code exceptions} (Python's {@code derive}); {@link #subgroup}
     * and {@link #split} build their parts with it. A subclass overrides it to keep its own type.
     * @param exceptions the members of the new group; at least one
     * @return a new group of the same message (and, when overridden, the same type)
     */
    public ExceptionGroup derive(List<? extends Throwable> exceptions) {
        return new ExceptionGroup(message, exceptions);
    }

    /**
     * The part of this group whose exceptions satisfy {@code condition}, keeping the nesting (PEP 654):
     * the condition is tried on this group first (then all of it matches), then on each member,
     * nested groups recursively. This group itself when everything matches, null when nothing does.
     * @param condition tried on groups and leaf exceptions; not null
     * @return the matching part, this group itself, or null
     */
    public ExceptionGroup subgroup(Predicate<? super Throwable> condition) {
        Objects.requireNonNull(condition, "condition");
        return split(condition).matching();
    }

    /**
     * {@link #split(Predicate)} by type: the exceptions that are instances of {@code type}, and the rest.
     * @param type the exception type to take out (leaf exceptions only)
     * @return the instances of {@code type} and the rest, each null when empty
     */
    public Split split(Class<? extends Throwable> type) {
        Objects.requireNonNull(type, "type");
        return split(type::isInstance);
    }

    /**
     * This group in two, keeping the nesting (PEP 654's {@code split}): the exceptions that satisfy
     * {@code condition} and the others. Either part is null when empty; a part that is all of this
     * group is this group itself.
     * @param condition tried on groups and leaf exceptions; not null
     * @return the two parts; never null itself
     */
    public Split split(Predicate<? super Throwable> condition) {
        Objects.requireNonNull(condition, "condition");
        if (condition.test(this)) {
            return new Split(this, null);
        }
        List<Throwable> match = new ArrayList<>();
        List<Throwable> rest = new ArrayList<>();
        for (Throwable e : exceptions) {
            if (e instanceof ExceptionGroup g) {
                Split s = g.split(condition);
                if (s.matching() != null) {
                    match.add(s.matching());
                }
                if (s.rest() != null) {
                    rest.add(s.rest());
                }
            } else if (condition.test(e)) {
                match.add(e);
            } else {
                rest.add(e);
            }
        }
        return new Split(part(match, rest.isEmpty()), part(rest, match.isEmpty()));
    }

    private ExceptionGroup part(List<Throwable> members, boolean whole) {
        if (members.isEmpty()) {
            return null;
        }
        if (whole && members.equals(exceptions)) {
            return this;
        }
        ExceptionGroup g = derive(members);
        g.setStackTrace(getStackTrace()); // where the original was raised (Python copies __traceback__)
        return g;
    }

    /**
     * The two parts of a {@link #split}: {@code matching} and {@code rest}, each null when empty.
     *
     * @param matching the exceptions that satisfy the condition, nested as in the group, or null
     * @param rest the others, nested as in the group, or null
     */
    public record Split(ExceptionGroup matching, ExceptionGroup rest) {}

    /**
     * Starts {@code except*} handling of {@code error}: each {@link Handling#except} clause takes the
     * part of what is left that matches its type, and {@link Handling#rethrow()} throws what no clause
     * took. An exception that is not a group is handled as a group of one with an empty message, and
     * rethrown unchanged if no clause takes it (as Python does).
     * @param error the caught exception, a group or not; not null
     * @return the handling to add {@code except} clauses to, then {@code rethrow()}
     */
    public static Handling handling(Throwable error) {
        return new Handling(Objects.requireNonNull(error, "error"));
    }

    /** An {@code except*} statement in progress; see {@link ExceptionGroup#handling(Throwable)}. */
    public static final class Handling {
        private final Throwable original;
        /** What is left to handle: a group, or null once everything was handled. */
        private ExceptionGroup left;

        Handling(Throwable error) {
            this.original = error;
            this.left = error instanceof ExceptionGroup g ? g : new ExceptionGroup("", List.of(error));
        }

        /**
         * {@code except* type as g}: if some of what is left is a {@code type}, {@code handler} gets
         * that part (as a group, nesting kept), and it is no longer left. An exception the handler
         * throws propagates at once (Python would group it with the unhandled rest).
         *
         * @param type the leaf exception type to take, e.g. {@code IOException.class}
         * @param handler receives the matching part as a group; not null
         * @return this handling, for the next clause
         * @throws IllegalArgumentException if {@code type} is a group type (Python forbids
         *     {@code except* ExceptionGroup} too)
         */
        public Handling except(Class<? extends Throwable> type, Consumer<? super ExceptionGroup> handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
            if (ExceptionGroup.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("except* cannot match " + type.getName()
                        + ": it matches the exceptions inside groups; use the type of those exceptions");
            }
            if (left == null) {
                return this;
            }
            Split s = left.split(type);
            if (s.matching() != null) {
                left = s.rest();
                handler.accept(s.matching());
            }
            return this;
        }

        /**
         * True once every exception was handled by a clause.
         * @return true if nothing is left for {@link #rethrow()} to throw
         */
        public boolean handled() {
            return left == null;
        }

        /**
         * Throws what no clause handled: the original exception itself if nothing was handled (even a
         * checked one, unchanged), else the group of what is left; returns if everything was handled.
         */
        public void rethrow() {
            if (left == null) {
                return;
            }
            boolean untouched = original instanceof ExceptionGroup
                    ? left == original
                    : left.exceptions().size() == 1 && left.exceptions().get(0) == original;
            throw Sneaky.<RuntimeException>sneak(untouched ? original : left);
        }
    }
}
