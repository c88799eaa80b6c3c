package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.processor.Cfg.Block;
import org.asyncio4j.processor.Cfg.Handler;

/**
 * Lowers an {@code @Async} body into a {@link Cfg}: statements that contain an await or a jump out
 * of themselves become basic blocks; every other statement is copied as it is. Expressions that
 * contain awaits are flattened in Java's evaluation order: operands evaluated before an await are
 * saved in fields (never evaluated twice) and read back through a {@code Witness} that restates
 * the original expression so that javac types it.
 *
 * <p>Pure with respect to javac: it reads trees and source text, and writes only its own CFG.
 */
final class Lowering extends TryLowering {
    Lowering(Context context) {
        super(context);
    }


    Cfg lower(Node body) {
        findTargetTyped(body);
        jumps = Completion.jumpsIn(body);
        start(cfg.newBlock(null));
        block(body, true);
        if (!cur.terminated) {
            exit("throw new java.lang.IllegalStateException(\"end of @Async body reached without return\");", body);
        }
        return finish();
    }

    /** Numbers the blocks in source order and gives each state its line. */
    private Cfg finish() {
        for (Block b : cfg.blocks) {
            if (b.id < 0) {
                b.id = nextId++;
            }
        }
        cfg.blocks.sort(java.util.Comparator.comparingInt(b -> b.id));
        for (Block b : cfg.blocks) {
            b.line = resumeLine(b);
        }
        return cfg;
    }

    // ================================================================== statements

    @Override
    void block(Node b, boolean methodBody) {
        List<Node> stmts = b.statements;
        List<Local> declared = new ArrayList<>();
        for (int i = 0; i < stmts.size(); i++) {
            Node s = stmts.get(i);
            stmt(s, i == stmts.size() - 1);
            if (s.kind == Node.Kind.VARIABLE && s.local != null) {
                declared.add(s.local);
            }
        }
        if (!methodBody && !cur.terminated) {
            for (Local l : declared) {
                add(new Cfg.Clear(l));
            }
        }
    }

    @Override
    void stmt(Node s, boolean lastInBlock) {
        line(s);
        if (!s.needsLowering) {
            verbatim(s, lastInBlock);
            return;
        }
        switch (s.kind) {
            case BLOCK -> block(s, false);
            case VARIABLE -> variable(s);
            case EXPRESSION_STATEMENT -> expressionStatement(s.expression, s);
            case IF -> ifStatement(s);
            case WHILE_LOOP -> whileLoop(s);
            case DO_WHILE_LOOP -> doWhileLoop(s);
            case FOR_LOOP -> forLoop(s);
            case ENHANCED_FOR_LOOP -> forEachLoop(s);
            case LABELED_STATEMENT -> labeled(s);
            case SWITCH -> switchStatement(s);
            case TRY -> tryStatement(s);
            case RETURN -> returnOf(s.expression, s);
            case THROW -> exit("throw " + expr(s.expression) + ";", s);
            case BREAK -> breakOrContinue(s, true);
            case CONTINUE -> breakOrContinue(s, false);
            case YIELD -> yieldStatement(s);
            case ASSERT -> assertStatement(s);
            case SYNCHRONIZED -> code(render(s, returnsInside(s)), s);
            default -> throw new IllegalStateException("cannot lower a " + s.kind + " statement yet: " + s);
        }
    }

    /** A statement with no await and no jump out of it: copied unchanged (locals renamed). */
    void verbatim(Node s, boolean lastInBlock) {
        switch (s.kind) {
            case EMPTY_STATEMENT -> {
                return;
            }
            case VARIABLE -> {
                add(new Cfg.Decl(s.local, s.initializer == null ? null : javaText(initializer(s, render(s.initializer))),
                        line(s)));
                return;
            }
            case THROW -> {
                exit(render(s), s);
                return;
            }
            default -> { }
        }
        String text = render(s);
        Completion.Result completes = Completion.of(s, jumps);
        if (completes == Completion.Result.CANNOT) {
            // A throw in every branch, a loop without exit: nothing may follow it in this state (javac:
            // unreachable statement); the block ends here as after a throw.
            code(text, s);
            cur.terminated = true;
            return;
        }
        if (completes == Completion.Result.UNKNOWN && lastInBlock) {
            // The source's last statement may not complete normally and the rules above could not tell
            // (a switch, a loop whose condition may be a constant); the jump added after it must stay
            // reachable for javac: if (true) {...} can always complete normally (JLS 14.22).
            text = "if (true) {\n" + text + "\n}";
        }
        code(text, s);
    }

    String initializer(Node v, String text) {
        if (v.initializer != null && v.initializer.kind == Node.Kind.NEW_ARRAY && v.initializer.type == null) {
            return "new " + v.local.typeText + " " + text; // {1, 2} is only valid in a declaration
        }
        return text;
    }

    @Override
    void variable(Node v) {
        Local l = v.local;
        Node init = v.initializer;
        boolean awaits = init != null && init.isAwait;
        if (l.isVar() && l.typeText == null && awaits) {
            // var x = Await.on(t) where the source states X (AwaitedTypes): no speculative attribution
            // (the Typer's getScope, a few ms each) to learn it
            l.typeText = awaitedTypeOf(init.arguments.get(0));
        }
        String text;
        if (awaits && l.written != Local.Written.NONE && l.written != Local.Written.PRIMITIVE) {
            suspendOn(init);
            text = awaitedText(); // inferred from the declared reference type
        } else {
            text = initializer(v, expr(init));
        }
        add(new Cfg.Decl(l, javaText(text), line(v)));
    }

    void expressionStatement(Node e, Node at) {
        if (context.generator() && e.isYield) {
            String v = expr(e.arguments.get(0));
            Block resume = newBlock();
            add(new Cfg.Yield(javaText(v), resume, line(at)));
            start(resume);
            code(machine + ".resumed();", at); // throws GeneratorExit when the consumer closes the run here
            return;
        }
        if (e.isAwait) {
            suspendOn(e);
            code(awaitedText() + ";", at);
            return;
        }
        code(expr(e) + ";", at);
    }

    void ifStatement(Node s) {
        String c = expr(s.condition);
        Block join = newBlock();
        Block elseB = s.elseStatement != null ? newBlock() : join;
        branch("!" + paren(c), elseB);
        stmt(s.thenStatement, false);
        if (s.elseStatement != null) {
            jump(join);
            start(elseB);
            stmt(s.elseStatement, false);
        }
        start(join);
    }

    List<Node> loopStatements(Node loop) {
        List<Node> ts = new ArrayList<>();
        ts.add(loop);
        if (pendingLabel != null) {
            ts.add(pendingLabel);
            pendingLabel = null;
        }
        return ts;
    }

    void whileLoop(Node s) {
        List<Node> ts = loopStatements(s);
        Block head = newBlock();
        start(head);
        String c = expr(s.condition);
        Block exit = newBlock();
        branch("!" + paren(c), exit);
        targets.push(new Target(ts, exit, head, fins.size(), null));
        stmt(s.statement, false);
        jump(head);
        targets.pop();
        start(exit);
        clearDeclaredIn(s);
    }

    void doWhileLoop(Node s) {
        List<Node> ts = loopStatements(s);
        Block body = newBlock();
        start(body);
        Block condB = newBlock();
        Block exit = newBlock();
        targets.push(new Target(ts, exit, condB, fins.size(), null));
        stmt(s.statement, false);
        targets.pop();
        start(condB);
        String c = expr(s.condition);
        branch(paren(c), body);
        start(exit);
        clearDeclaredIn(s);
    }

    void forLoop(Node s) {
        List<Node> ts = loopStatements(s);
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
        targets.push(new Target(ts, exit, update, fins.size(), null));
        stmt(s.statement, false);
        targets.pop();
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
        List<Node> ts = loopStatements(s);
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

    /** A for-each's step after its test: the variable gets next(), the body runs, back to {@code head}; then {@code exit}. */
    private void loopBody(Node s, List<Node> ts, String typedCursor, Block head, Block exit) {
        Local v = s.variable.local;
        add(new Cfg.Decl(v, javaText(typedCursor + ".next()"), line(s)));
        targets.push(new Target(ts, exit, head, fins.size(), null));
        stmt(s.statement, false);
        targets.pop();
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
        List<Node> ts = loopStatements(s);
        Node source = s.expression.arguments.get(0);
        String it = field("$it", "java.lang.Object");
        code(machineField(it) + " = " + FOR_EACH + ".async(" + expr(source) + ");", s);
        // Typed by the source's static type; the dead 'false ?' operand is never evaluated.
        String typed = FOR_EACH + ".asyncCursor(" + machineField(it) + ", false ? " + restated(source) + " : null)";
        Region r = openRegion(s);
        Block head = newBlock();
        start(head);
        suspend(typed + ".hasNext()", s);
        Block exit = newBlock();
        branch("!" + machine + ".<java.lang.Boolean>awaited(" + MachineWriter.AWAITED + ")", exit);
        loopBody(s, ts, typed, head, exit);
        leaveRegionBody(r, s);
        suspend(FOR_EACH + ".closeAsync(" + machineField(it) + ", " + machineField(r.ex()) + ")", s);
        code(awaitedText() + ";", s);
        code(machineField(it) + " = null;", s);
        endRegion(r);
    }

    /**
     * Clears the locals declared anywhere inside {@code t} (a loop, switch, labeled statement or try
     * block just left, however it was left: break, or an exception): a suspended machine must not
     * keep what went out of scope. Emits nothing for locals that stay Java locals or are primitive.
     */
    @Override
    void clearDeclaredIn(Node t) {
        t.forEachInBody(n -> {
            if (n.kind == Node.Kind.VARIABLE && n.local != null) {
                add(new Cfg.Clear(n.local));
            }
        });
    }

    void labeled(Node s) {
        Node inner = s.statement;
        if (inner.kind.isLoop()) {
            pendingLabel = s;
            stmt(inner, false);
            return;
        }
        Block exit = newBlock();
        targets.push(new Target(List.of(s), exit, null, fins.size(), null));
        stmt(inner, false);
        targets.pop();
        start(exit);
        clearDeclaredIn(inner);
    }

    void switchStatement(Node s) {
        List<Node> ts = loopStatements(s);
        String sel = expr(s.expression);
        Block exit = newBlock();
        List<Node> cases = s.cases;
        List<Block> bodies = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Block fallback = exit;
        for (Node c : cases) {
            Block b = newBlock();
            bodies.add(b);
            String label = caseLabel(c);
            labels.add(label);
            if (label == null) {
                fallback = null;
            }
        }
        add(new Cfg.Dispatch(javaText(paren(sel)), labels, bodies, fallback, line(s)));
        targets.push(new Target(ts, exit, null, fins.size(), null));
        for (int i = 0; i < cases.size(); i++) {
            Node c = cases.get(i);
            start(bodies.get(i));
            if (c.caseKind == Node.CaseKind.RULE) {
                Node body = c.body;
                if (!body.isExpression) {
                    stmt(body, false);
                } else {
                    expressionStatement(body, body);
                }
                if (!cur.terminated) {
                    jump(exit);
                }
            } else {
                List<Node> stmts = c.statements;
                for (int j = 0; j < stmts.size(); j++) {
                    stmt(stmts.get(j), j == stmts.size() - 1);
                }
            }
        }
        targets.pop();
        start(exit);
        clearDeclaredIn(s);
    }

    /** "A, B" for {@code case A, B}, or null for {@code default}. */
    @Override
    String caseLabel(Node c) {
        List<Node> exprs = c.labels;
        if (exprs.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Node e : exprs) {
            parts.add(e.text());
        }
        return String.join(", ", parts);
    }

    void breakOrContinue(Node s, boolean isBreak) {
        Node target = s.jumpTarget;
        for (Target t : targets) {
            if (t.statements().contains(target)) {
                Block dest = isBreak ? t.breakTo() : t.continueTo();
                if (dest != null) {
                    jumpTo(dest, t.finDepth());
                    return;
                }
            }
        }
        throw new IllegalStateException("no target for " + s);
    }

    void yieldStatement(Node s) {
        Node target = s.jumpTarget;
        for (Target t : targets) {
            if (t.statements().contains(target) && t.yieldField() != null) {
                code(machineField(t.yieldField()) + " = " + expr(s.expression) + ";", s);
                jumpTo(t.breakTo(), t.finDepth());
                return;
            }
        }
        throw new IllegalStateException("no switch expression for " + s);
    }

    /** Jumps to {@code dest}, running the lowered finally blocks between here and there, innermost first. */
    void jumpTo(Block dest, int destFinDepth) {
        int n = fins.size();
        if (n <= destFinDepth) {
            jump(dest);
            return;
        }
        Block next = dest;
        for (int k = destFinDepth; k < n - 1; k++) {
            Fin f = fins.get(k);
            Block tramp = cfg.newBlock(null);
            tramp.line = currentLine;
            tramp.code.add(new Cfg.FinSet(f.finField(), next));
            tramp.code.add(new Cfg.Jump(f.entry()));
            tramp.terminated = true;
            next = tramp;
        }
        Fin inner = fins.get(n - 1);
        add(new Cfg.FinSet(inner.finField(), next));
        jump(inner.entry());
    }

    /** {@code return e;} at {@code s}: the task completes with e's outcome (a statement, or an expression lambda's body). */
    private void returnOf(Node e, Node s) {
        if (context.generator()) {
            generatorEnd(s);
            return;
        }
        if (fins.isEmpty()) {
            if (e.isTaskCompleted) {
                List<Node> args = e.arguments;
                String v = args.isEmpty() ? "null" : referenceValue(args.get(0));
                code(machine + ".returnValue(" + resultValue(v) + ");", s);
            } else {
                code(machine + ".returnTask(" + resultTask(expr(e)) + ");", s);
            }
            exit("return;", s);
            return;
        }
        if (retField == null) {
            retField = field("$ret", "org.asyncio4j.Task<" + context.returnTypeText() + ">");
            Handler saved = handler;
            handler = null;
            returnBlock = cfg.newBlock(null);
            returnBlock.line = line(s);
            returnBlock.code.add(new Cfg.Code(javaText(machine + ".returnTask(" + machineField(retField) + ");"), line(s)));
            returnBlock.code.add(new Cfg.Exit(javaText("return;"), line(s)));
            returnBlock.terminated = true;
            handler = saved;
        }
        code(machineField(retField) + " = " + resultTask(expr(e)) + ";", s);
        jumpTo(returnBlock, 0);
    }

    /** {@code return AsyncIterable.end();} in a generator: the run ends, after the finally blocks around it. */
    private void generatorEnd(Node s) {
        if (fins.isEmpty()) {
            code(machine + ".end();", s);
            exit("return;", s);
            return;
        }
        if (returnBlock == null) {
            Handler saved = handler;
            handler = null;
            returnBlock = cfg.newBlock(null);
            returnBlock.line = line(s);
            returnBlock.code.add(new Cfg.Code(javaText(machine + ".end();"), line(s)));
            returnBlock.code.add(new Cfg.Exit(javaText("return;"), line(s)));
            returnBlock.terminated = true;
            handler = saved;
        }
        jumpTo(returnBlock, 0);
    }

    /**
     * An async lambda's machine completes a {@code Task<R>} where R is the type javac infers for the
     * call of the machine's entry method; the body's own value has the type the lambda was checked
     * against (the blueprint compiled it), so the conversion to R is unchecked on purpose.
     */
    private String resultValue(String v) {
        return context.uncheckedResult() ? "(" + context.returnTypeText() + ") (java.lang.Object) (" + v + ")" : v;
    }

    private String resultTask(String t) {
        return context.uncheckedResult()
                ? "(org.asyncio4j.Task<" + context.returnTypeText() + ">) (org.asyncio4j.Task<?>) (" + t + ")" : t;
    }

    /** The body of an expression lambda ({@code () -> Task.completed(Await.on(t) + 1)}): its value is returned. */
    Cfg lowerExpression(Node body) {
        findTargetTyped(body);
        jumps = Completion.jumpsIn(body);
        start(cfg.newBlock(null));
        returnOf(body, body);
        return finish();
    }

    String referenceValue(Node e) {
        if (e.isAwait) {
            suspendOn(e);
            return awaitedText();
        }
        return expr(e);
    }

    void assertStatement(Node s) {
        Block after = newBlock();
        branch("!" + context.userQualifiedName() + ".class.desiredAssertionStatus()", after);
        branch(paren(expr(s.condition)), after);
        String detail = s.detail == null ? "" : expr(s.detail);
        exit("throw new java.lang.AssertionError(" + detail + ");", s);
        start(after);
    }
}
