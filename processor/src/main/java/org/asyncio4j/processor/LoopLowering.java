package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;
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
        String it = field("$it", "java.lang.Object");
        code(machineField(it) + " = " + FOR_EACH + ".of(" + expr(s.expression) + ");", s);
        // Typed by the overload matching the iterable's static type; the dead 'false ?' operand is never evaluated.
        String typed = FOR_EACH + ".cursor(" + machineField(it) + ", false ? " + restated(s.expression) + " : null)";
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
        String it = field("$it", "java.lang.Object");
        code(machineField(it) + " = " + FOR_EACH + ".async(" + expr(source) + ");", s);
        // Typed by the source's static type; the dead 'false ?' operand is never evaluated.
        String typed = FOR_EACH + ".asyncCursor(" + machineField(it) + ", false ? " + restated(source) + " : null)";
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
