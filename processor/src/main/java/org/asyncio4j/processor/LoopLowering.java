package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.asyncio4j.processor.Cfg.Block;

/**
 * Lowering of loops that await or jump out of themselves (while, do, for, for-each, and
 * {@code for (x : Await.each(source))}, Python's {@code async for}) and of labeled statements: each a
 * head block, a body, and the targets its breaks and continues go to.
 */
final class LoopLowering extends LoweringPart {
    LoopLowering(Lowering lowering) {
        super(lowering);
    }

    void whileLoop(Node s) {
        List<Node> ts = state.loopStatements(s);
        Block head = newBlock();
        start(head);
        String c = expr(s.condition);
        Block exit = newBlock();
        branch("!" + paren(c), exit);
        state.targets.push(new LoweringState.Target(ts, exit, head, state.fins.size(), null));
        stmt(s.statement, false);
        jump(head);
        state.targets.pop();
        start(exit);
        clearDeclaredIn(s);
    }

    void doWhileLoop(Node s) {
        List<Node> ts = state.loopStatements(s);
        Block body = newBlock();
        start(body);
        Block condB = newBlock();
        Block exit = newBlock();
        state.targets.push(new LoweringState.Target(ts, exit, condB, state.fins.size(), null));
        stmt(s.statement, false);
        state.targets.pop();
        start(condB);
        String c = expr(s.condition);
        branch(paren(c), body);
        start(exit);
        clearDeclaredIn(s);
    }

    void forLoop(Node s) {
        List<Node> ts = state.loopStatements(s);
        List<Local> declared = new ArrayList<>();
        for (Node init : s.forInit) {
            if (init.kind == Node.Kind.EXPRESSION_STATEMENT) {
                // for (i = 0, j = 10; ...): the init's source text has no ';' (like the update list)
                expressionStatement(init.expression, init);
            } else {
                stmt(init, false);
            }
            if (init.kind == Node.Kind.VARIABLE && init.local != null) {
                declared.add(init.local);
            }
        }
        Block head = newBlock();
        start(head);
        Block exit = newBlock();
        if (s.condition != null) {
            branch("!" + paren(expr(s.condition)), exit);
        }
        Block update = newBlock();
        state.targets.push(new LoweringState.Target(ts, exit, update, state.fins.size(), null));
        stmt(s.statement, false);
        state.targets.pop();
        start(update);
        for (Node u : s.update) {
            expressionStatement(u.expression, u);
        }
        jump(head);
        start(exit);
        clearDeclaredIn(s.statement);
        for (Local l : declared) {
            add(new Cfg.Clear(l));
        }
    }

    void forEachLoop(Node s) {
        if (s.expression.isEach) {
            asyncForEachLoop(s);
            return;
        }
        List<Node> ts = state.loopStatements(s);
        String type = iteratorType(s, s.expression, false);
        String it = field("$it", type != null ? type : "java.lang.Object");
        code(machineField(it) + " = " + FOR_EACH + ".of(" + expr(s.expression) + ");", s);
        // Without a type for the field, read it back typed by the overload matching the iterable's static
        // type, which javac finds in a restated (dead, never evaluated) 'false ?' operand.
        String typed = type != null ? machineField(it)
                : FOR_EACH + ".cursor(" + machineField(it) + ", false ? " + restated(s.expression) + " : null)";
        Block head = newBlock();
        start(head);
        Block exit = newBlock();
        branch("!" + typed + ".hasNext()", exit);
        loopBody(s, ts, typed, head, exit);
        code(machineField(it) + " = null;", s);
    }

    private void loopBody(Node s, List<Node> ts, String typedCursor, Block head, Block exit) {
        Local v = s.variable.local;
        add(new Cfg.Decl(v, javaText(typedCursor + ".next()"), line(s)));
        state.targets.push(new LoweringState.Target(ts, exit, head, state.fins.size(), null));
        stmt(s.statement, false);
        state.targets.pop();
        jump(head);
        start(exit);
        clearDeclaredIn(s);
        add(new Cfg.Clear(v));
    }

    /**
     * {@code for (T x : Await.each(source)) body}: Python's {@code async for}. Each step awaits
     * {@code hasNext()}; the loop is a protected region whose exit, however it happens (the end,
     * break, return, an exception, a cancellation), awaits the iterator's {@code closeAsync(pending)},
     * as try-with-resources exits an AsyncCloseable: a failure of the close replaces the pending one.
     */
    void asyncForEachLoop(Node s) {
        List<Node> ts = state.loopStatements(s);
        Node source = s.expression.arguments.get(0);
        String type = iteratorType(s, source, true);
        String it = field("$it", type != null ? type : "java.lang.Object");
        code(machineField(it) + " = " + FOR_EACH + ".async(" + expr(source) + ");", s);
        // Without a type for the field, typed by the source's static type; the dead 'false ?' operand is never evaluated.
        String typed = type != null ? machineField(it)
                : FOR_EACH + ".asyncCursor(" + machineField(it) + ", false ? " + restated(source) + " : null)";
        TryLowering.Region r = lowering.tries.openRegion(s);
        Block head = newBlock();
        start(head);
        suspend(typed + ".hasNext()", s);
        Block exit = newBlock();
        branch("!" + machine + ".<java.lang.Boolean>awaited(" + MachineWriter.AWAITED + ")", exit);
        loopBody(s, ts, typed, head, exit);
        lowering.tries.leaveRegionBody(r, s);
        suspend(FOR_EACH + ".closeAsync(" + machineField(it) + ", " + machineField(r.ex()) + ")", s);
        code(awaitedText() + ";", s);
        code(machineField(it) + " = null;", s);
        lowering.tries.endRegion(r);
    }

    /**
     * The type of the field that keeps a for-each's iterator across awaits, so that the loop reads it as it
     * is ({@code m.$it1.next()}): the iterable's own, where the elements make it certain
     * ({@link CallTypes}); else, from the loop variable's written type T when it has no type arguments,
     * {@code Iterator<? extends T>} (or {@code AsyncIterator<? extends T>}), which every iterator of a valid
     * loop is. Not for a T that a boxed primitive can be assigned to ({@code Object}, {@code Integer},
     * {@code Number}...): the iterable could be a primitive array, walked by a cursor that is no
     * {@code Iterator}. Null otherwise: the field is an Object read through a witness.
     */
    private static String iteratorType(Node loop, Node iterable, boolean async) {
        String exact = iterable.unparenthesized().iteratorType(async);
        if (exact != null) {
            return exact;
        }
        Local v = loop.variable.local;
        if (v == null || !v.writtenPlain || v.typeText == null || (!async && BOX_SUPERTYPES.contains(v.typeText.strip()))) {
            return null;
        }
        return (async ? "org.asyncio4j.AsyncIterator<? extends " : "java.util.Iterator<? extends ") + v.typeText.strip() + ">";
    }

    /** The types a boxed primitive is assignable to, by simple and qualified name. */
    private static final Set<String> BOX_SUPERTYPES = boxSupertypes();

    private static Set<String> boxSupertypes() {
        Set<String> names = new java.util.HashSet<>();
        for (String n : List.of("java.lang.Object", "java.lang.Number", "java.lang.Integer", "java.lang.Long",
                "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Float",
                "java.lang.Double", "java.io.Serializable", "java.lang.Comparable", "java.lang.constant.Constable",
                "java.lang.constant.ConstantDesc")) {
            names.add(n);
            names.add(n.substring(n.lastIndexOf('.') + 1));
        }
        return Set.copyOf(names);
    }

    void labeled(Node s) {
        Node inner = s.statement;
        if (inner.kind.isLoop()) {
            state.pendingLabel = s;
            stmt(inner, false);
            return;
        }
        Block exit = newBlock();
        state.targets.push(new LoweringState.Target(List.of(s), exit, null, state.fins.size(), null));
        stmt(inner, false);
        state.targets.pop();
        start(exit);
        clearDeclaredIn(inner);
    }
}
