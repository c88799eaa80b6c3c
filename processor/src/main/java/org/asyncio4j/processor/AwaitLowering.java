package org.asyncio4j.processor;

import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Lowering of awaits: where a machine suspends ({@code m.suspends(m.task(..))}, the direct forms
 * {@code m.sleep(d)} and {@code m.task(q, q.get())} that allocate nothing), and how the awaited value is
 * read back: as the target's type, as the type the source or the elements make certain
 * ({@code m.<X>awaited($await)}), or through a {@code Witness} that restates the task expression.
 */
final class AwaitLowering extends LoweringPart {
    AwaitLowering(Lowering lowering) {
        super(lowering);
    }

    /**
     * The typed result of an await: {@code Witness.of(m.awaited($await), false ? <task expression> : null)}.
     * javac infers T from the restated task expression, which is never evaluated (a constant-false
     * conditional compiles to its other operand only); no lambda, so nothing is allocated at run time,
     * javac attributes it once, and the locals it names need not be effectively final.
     */
    String awaitedValue(Node await) {
        if (targetTyped.contains(await)) {
            return awaitedText();
        }
        String type = awaitedTypeOf(await.arguments.get(0));
        if (type != null) {
            return machine + ".<" + type + ">awaited(" + MachineWriter.AWAITED + ")";
        }
        return WITNESS + ".of(" + awaitedText() + ", false ? " + restated(await.arguments.get(0)) + " : null)";
    }

    /**
     * The result type of awaiting {@code arg} where the source states it ({@link AwaitedTypes}): a local
     * declared {@code Task<X>} (as written, so it may name the method's type variables); else a call
     * ({@code fetch(..)}, {@code this.fetch(..)}, {@code q.get()}) or field whose type the elements make
     * certain ({@link CallTypes}). Null otherwise.
     */
    String awaitedTypeOf(Node arg) {
        arg = arg.unparenthesized();
        String stated = arg.kind == Node.Kind.IDENTIFIER ? AwaitedTypes.ofLocal(arg.local) : null;
        return stated != null ? stated : arg.awaitedType();
    }

    /**
     * Awaits whose value needs no witness: the whole right side of an assignment to, or of the
     * declaration of, a variable whose written type is a reference type (javac infers
     * {@code awaited}'s type argument from it, as in {@code m.x = m.awaited($await)}), or a statement on
     * its own (the value is dropped). Not for primitive targets: {@code double d = Await.on(intTask)}
     * widens an Integer, but a target-typed read would infer Double and fail its cast.
     */
    private final Set<Node> targetTyped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    void findTargetTyped(Node body) {
        body.forEachInBody(n -> {
            if (n.kind == Node.Kind.VARIABLE) {
                if (n.local != null && referenceTyped(n.local)) {
                    addIfAwait(n.initializer);
                }
            } else if (n.kind == Node.Kind.ASSIGNMENT) {
                Node v = n.variable;
                Local l = v.kind == Node.Kind.IDENTIFIER ? v.local : null;
                if (l != null && referenceTyped(l)) {
                    addIfAwait(n.expression);
                }
            } else if (n.kind == Node.Kind.EXPRESSION_STATEMENT) {
                addIfAwait(n.expression);
            }
        });
    }

    private void addIfAwait(Node e) {
        if (e != null && e.unparenthesized().isAwait) {
            targetTyped.add(e.unparenthesized());
        }
    }

    /** A local declared with a written reference type (not {@code var}, not a primitive, not a multi-catch). */
    private static boolean referenceTyped(Local l) {
        return l.written == Local.Written.REFERENCE;
    }

    void suspendOn(Node await) {
        Node arg = await.arguments.get(0);
        Node delay = directSleep(arg);
        if (delay != null) {
            // The machine itself becomes the timer entry: no sleep object (Coroutine.sleep(Duration)).
            suspend(machine + ".sleep(" + expr(delay) + ")", await);
            return;
        }
        String task = expr(arg);
        String receiver = directReceiver(arg);
        suspend(receiver == null ? task : receiver + ", " + task, await);
    }

    /**
     * For {@code Await.on(q.get())} or {@code Await.on(q.put(x))} where {@code q} is a local, a
     * parameter or a field ({@code q} or {@code this.q}): the text of {@code q}, so the machine
     * awaits {@code m.task(q, q.get())}. The task then went nowhere but into this await, and the
     * runtime's queue may reuse its getter or putter for the next wait (Coroutine.task(Object,
     * Task)): a steady hand-off allocates nothing. Null for anything else (a call through a method
     * of the user's could have kept the task). Reading {@code q} twice is safe: a variable read has
     * no side effect, and {@code q} is read before the arguments in both places.
     */
    private String directReceiver(Node arg) {
        Node mi = arg.unparenthesized();
        if (mi.kind != Node.Kind.METHOD_INVOCATION || !mi.typeArguments.isEmpty()
                || mi.methodSelect.kind != Node.Kind.MEMBER_SELECT
                || !(mi.methodSelect.name.equals("get") ? mi.arguments.isEmpty()
                        : mi.methodSelect.name.equals("put") && mi.arguments.size() == 1)) {
            return null;
        }
        Node q = mi.methodSelect.expression;
        boolean variable;
        if (q.kind == Node.Kind.IDENTIFIER) {
            String n = q.name;
            // A name that is a variable in scope means the variable (JLS 6.5.2), never a type.
            variable = !n.equals("this") && !n.equals("super") && (q.local != null || context.fieldNames().contains(n));
        } else {
            variable = q.kind == Node.Kind.MEMBER_SELECT && q.expression.kind == Node.Kind.IDENTIFIER
                    && q.expression.name.equals("this") && context.fieldNames().contains(q.name);
        }
        return variable ? expr(q) : null;
    }

    /**
     * For {@code Await.on(Asyncio.sleep(d))}: {@code d}, so the machine awaits {@code m.sleep(d)}, which
     * puts the machine itself in the timer heap instead of making a sleep object; the sleep went nowhere
     * but into this await. Null for anything else (a kept sleep, {@code sleep(d, result)}, a static import).
     * {@code Asyncio} is matched by name, as {@code Await} is ({@link Calls#isAwait}), unless it is a variable.
     */
    private Node directSleep(Node arg) {
        Node mi = arg.unparenthesized();
        if (mi.kind != Node.Kind.METHOD_INVOCATION || mi.arguments.size() != 1 || !mi.typeArguments.isEmpty()
                || mi.methodSelect.kind != Node.Kind.MEMBER_SELECT || !mi.methodSelect.name.equals("sleep")) {
            return null;
        }
        Node q = mi.methodSelect.expression;
        boolean asyncio = q.kind == Node.Kind.IDENTIFIER
                ? q.name.equals("Asyncio") && q.local == null && !context.fieldNames().contains("Asyncio")
                : "org.asyncio4j.Asyncio".equals(q.qualifiedName());
        return asyncio ? mi.arguments.get(0) : null;
    }
}
