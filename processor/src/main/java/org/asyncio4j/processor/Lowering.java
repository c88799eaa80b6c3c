package org.asyncio4j.processor;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
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


    Cfg lower(BlockTree body) {
        findTargetTyped(body);
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
    void block(BlockTree b, boolean methodBody) {
        List<? extends StatementTree> stmts = b.getStatements();
        List<Local> declared = new ArrayList<>();
        for (int i = 0; i < stmts.size(); i++) {
            StatementTree s = stmts.get(i);
            stmt(s, i == stmts.size() - 1);
            if (s instanceof VariableTree v) {
                Local l = context.resolver().declarations.get(v);
                if (l != null) {
                    declared.add(l);
                }
            }
        }
        if (!methodBody && !cur.terminated) {
            for (Local l : declared) {
                add(new Cfg.Clear(l));
            }
        }
    }

    @Override
    void stmt(StatementTree s, boolean lastInBlock) {
        line(s);
        if (!context.scan().needsLowering(s)) {
            verbatim(s, lastInBlock);
            return;
        }
        switch (s.getKind()) {
            case BLOCK -> block((BlockTree) s, false);
            case VARIABLE -> variable((VariableTree) s);
            case EXPRESSION_STATEMENT -> expressionStatement(((ExpressionStatementTree) s).getExpression(), s);
            case IF -> ifStatement((IfTree) s);
            case WHILE_LOOP -> whileLoop((WhileLoopTree) s);
            case DO_WHILE_LOOP -> doWhileLoop((DoWhileLoopTree) s);
            case FOR_LOOP -> forLoop((ForLoopTree) s);
            case ENHANCED_FOR_LOOP -> forEachLoop((EnhancedForLoopTree) s);
            case LABELED_STATEMENT -> labeled((LabeledStatementTree) s);
            case SWITCH -> switchStatement((SwitchTree) s);
            case TRY -> tryStatement((TryTree) s);
            case RETURN -> returnStatement((ReturnTree) s);
            case THROW -> exit("throw " + expr(((ThrowTree) s).getExpression()) + ";", s);
            case BREAK -> breakOrContinue(s, true);
            case CONTINUE -> breakOrContinue(s, false);
            case YIELD -> yieldStatement((YieldTree) s);
            case ASSERT -> assertStatement((AssertTree) s);
            case SYNCHRONIZED -> code(src.render(s, returnsInside(s), rewrites), s);
            default -> throw new IllegalStateException("cannot lower a " + s.getKind() + " statement yet: " + s);
        }
    }

    /** A statement with no await and no jump out of it: copied unchanged (locals renamed). */
    void verbatim(StatementTree s, boolean lastInBlock) {
        switch (s.getKind()) {
            case EMPTY_STATEMENT -> {
                return;
            }
            case VARIABLE -> {
                VariableTree v = (VariableTree) s;
                Local l = context.resolver().declarations.get(v);
                add(new Cfg.Decl(l, v.getInitializer() == null ? null : javaText(initializer(v, render(v.getInitializer()))),
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
        Completion.Result completes = Completion.of(s, context.scan().jumpTargets);
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

    String initializer(VariableTree v, String text) {
        if (v.getInitializer() instanceof NewArrayTree na && na.getType() == null) {
            Local l = context.resolver().declarations.get(v);
            return "new " + l.typeText + " " + text; // {1, 2} is only valid in a declaration
        }
        return text;
    }

    @Override
    void variable(VariableTree v) {
        Local l = context.resolver().declarations.get(v);
        ExpressionTree init = v.getInitializer();
        if (l.isVar() && l.typeText == null && context.calls().isAwait(init)) {
            // var x = Await.on(t) where the source states X (AwaitedTypes): no speculative attribution
            // (the Typer's getScope, a few ms each) to learn it
            l.typeText = awaitedTypeOf(((MethodInvocationTree) init).getArguments().get(0));
        }
        String text;
        if (context.calls().isAwait(init) && l.typeTree != null && !Source.isPrimitiveName(src.slice(l.typeTree))) {
            suspendOn((MethodInvocationTree) init);
            text = awaitedText(); // inferred from the declared reference type
        } else {
            text = initializer(v, expr(init));
        }
        add(new Cfg.Decl(l, javaText(text), line(v)));
    }

    void expressionStatement(ExpressionTree e, Tree at) {
        if (context.generator() && Calls.isYield(e)) {
            String v = expr(((MethodInvocationTree) e).getArguments().get(0));
            Block resume = newBlock();
            add(new Cfg.Yield(javaText(v), resume, line(at)));
            start(resume);
            code(machine + ".resumed();", at); // throws GeneratorExit when the consumer closes the run here
            return;
        }
        if (context.calls().isAwait(e)) {
            suspendOn((MethodInvocationTree) e);
            code(awaitedText() + ";", at);
            return;
        }
        code(expr(e) + ";", at);
    }

    void ifStatement(IfTree s) {
        String c = expr(s.getCondition());
        Block join = newBlock();
        Block elseB = s.getElseStatement() != null ? newBlock() : join;
        branch("!" + paren(c), elseB);
        stmt(s.getThenStatement(), false);
        if (s.getElseStatement() != null) {
            jump(join);
            start(elseB);
            stmt(s.getElseStatement(), false);
        }
        start(join);
    }

    List<Tree> loopTrees(Tree loop) {
        List<Tree> ts = new ArrayList<>();
        ts.add(loop);
        if (pendingLabel != null) {
            ts.add(pendingLabel);
            pendingLabel = null;
        }
        return ts;
    }

    void whileLoop(WhileLoopTree s) {
        List<Tree> ts = loopTrees(s);
        Block head = newBlock();
        start(head);
        String c = expr(s.getCondition());
        Block exit = newBlock();
        branch("!" + paren(c), exit);
        targets.push(new Target(ts, exit, head, fins.size(), null));
        stmt(s.getStatement(), false);
        jump(head);
        targets.pop();
        start(exit);
        clearDeclaredIn(s);
    }

    void doWhileLoop(DoWhileLoopTree s) {
        List<Tree> ts = loopTrees(s);
        Block body = newBlock();
        start(body);
        Block condB = newBlock();
        Block exit = newBlock();
        targets.push(new Target(ts, exit, condB, fins.size(), null));
        stmt(s.getStatement(), false);
        targets.pop();
        start(condB);
        String c = expr(s.getCondition());
        branch(paren(c), body);
        start(exit);
        clearDeclaredIn(s);
    }

    void forLoop(ForLoopTree s) {
        List<Tree> ts = loopTrees(s);
        List<Local> declared = new ArrayList<>();
        for (StatementTree init : s.getInitializer()) {
            if (init instanceof ExpressionStatementTree es) {
                // for (i = 0, j = 10; ...): the init's source text has no ';' (like the update list)
                expressionStatement(es.getExpression(), es);
            } else {
                stmt(init, false);
            }
            if (init instanceof VariableTree v && context.resolver().declarations.get(v) != null) {
                declared.add(context.resolver().declarations.get(v));
            }
        }
        Block head = newBlock();
        start(head);
        Block exit = newBlock();
        if (s.getCondition() != null) {
            branch("!" + paren(expr(s.getCondition())), exit);
        }
        Block update = newBlock();
        targets.push(new Target(ts, exit, update, fins.size(), null));
        stmt(s.getStatement(), false);
        targets.pop();
        start(update);
        for (ExpressionStatementTree u : s.getUpdate()) {
            expressionStatement(u.getExpression(), u);
        }
        jump(head);
        start(exit);
        clearDeclaredIn(s.getStatement());
        for (Local l : declared) {
            add(new Cfg.Clear(l));
        }
    }

    void forEachLoop(EnhancedForLoopTree s) {
        if (context.calls().isEach(s.getExpression())) {
            asyncForEachLoop(s);
            return;
        }
        List<Tree> ts = loopTrees(s);
        String it = field("$it", "java.lang.Object");
        code(machineField(it) + " = " + FOR_EACH + ".of(" + expr(s.getExpression()) + ");", s);
        // Typed by the overload matching the iterable's static type; the dead 'false ?' operand is never evaluated.
        String typed = FOR_EACH + ".cursor(" + machineField(it) + ", false ? " + restated(s.getExpression()) + " : null)";
        Block head = newBlock();
        start(head);
        Block exit = newBlock();
        branch("!" + typed + ".hasNext()", exit);
        loopBody(s, ts, typed, head, exit);
        code(machineField(it) + " = null;", s);
    }

    /** A for-each's step after its test: the variable gets next(), the body runs, back to {@code head}; then {@code exit}. */
    private void loopBody(EnhancedForLoopTree s, List<Tree> ts, String typedCursor, Block head, Block exit) {
        Local v = context.resolver().declarations.get(s.getVariable());
        add(new Cfg.Decl(v, javaText(typedCursor + ".next()"), line(s)));
        targets.push(new Target(ts, exit, head, fins.size(), null));
        stmt(s.getStatement(), false);
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
    void asyncForEachLoop(EnhancedForLoopTree s) {
        List<Tree> ts = loopTrees(s);
        ExpressionTree source = ((MethodInvocationTree) s.getExpression()).getArguments().get(0);
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
    void clearDeclaredIn(Tree t) {
        new BodyScanner() {
            @Override
            public Void visitVariable(VariableTree node, Void p) {
                Local l = context.resolver().declarations.get(node);
                if (l != null) {
                    add(new Cfg.Clear(l));
                }
                return super.visitVariable(node, p);
            }
        }.scan(t, null);
    }

    void labeled(LabeledStatementTree s) {
        StatementTree inner = s.getStatement();
        if (AwaitScan.isLoop(inner)) {
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

    void switchStatement(SwitchTree s) {
        List<Tree> ts = loopTrees(s);
        String sel = expr(s.getExpression());
        Block exit = newBlock();
        List<? extends CaseTree> cases = s.getCases();
        List<Block> bodies = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Block fallback = exit;
        for (CaseTree c : cases) {
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
            CaseTree c = cases.get(i);
            start(bodies.get(i));
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof StatementTree st) {
                    stmt(st, false);
                } else {
                    expressionStatement((ExpressionTree) body, body);
                }
                if (!cur.terminated) {
                    jump(exit);
                }
            } else {
                List<? extends StatementTree> stmts = c.getStatements();
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
    String caseLabel(CaseTree c) {
        List<? extends ExpressionTree> exprs = c.getExpressions();
        if (exprs.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (ExpressionTree e : exprs) {
            parts.add(src.slice(e));
        }
        return String.join(", ", parts);
    }

    void breakOrContinue(StatementTree s, boolean isBreak) {
        Tree target = context.scan().jumpTargets.get(s);
        for (Target t : targets) {
            if (t.trees().contains(target)) {
                Block dest = isBreak ? t.breakTo() : t.continueTo();
                if (dest != null) {
                    jumpTo(dest, t.finDepth());
                    return;
                }
            }
        }
        throw new IllegalStateException("no target for " + s);
    }

    void yieldStatement(YieldTree s) {
        Tree target = context.scan().jumpTargets.get(s);
        for (Target t : targets) {
            if (t.trees().contains(target) && t.yieldField() != null) {
                code(machineField(t.yieldField()) + " = " + expr(s.getValue()) + ";", s);
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

    void returnStatement(ReturnTree s) {
        returnOf(s.getExpression(), s);
    }

    /** {@code return e;} at {@code s}: the task completes with e's outcome (a statement, or an expression lambda's body). */
    private void returnOf(ExpressionTree e, Tree s) {
        if (context.generator()) {
            generatorEnd(s);
            return;
        }
        if (fins.isEmpty()) {
            if (Calls.isTaskCompleted(e)) {
                List<? extends ExpressionTree> args = ((MethodInvocationTree) e).getArguments();
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
    private void generatorEnd(Tree s) {
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
    Cfg lowerExpression(ExpressionTree body) {
        findTargetTyped(body);
        start(cfg.newBlock(null));
        returnOf(body, body);
        return finish();
    }

    String referenceValue(ExpressionTree e) {
        if (context.calls().isAwait(e)) {
            suspendOn((MethodInvocationTree) e);
            return awaitedText();
        }
        return expr(e);
    }

    void assertStatement(AssertTree s) {
        Block after = newBlock();
        branch("!" + context.userQualifiedName() + ".class.desiredAssertionStatus()", after);
        branch(paren(expr(s.getCondition())), after);
        String detail = s.getDetail() == null ? "" : expr(s.getDetail());
        exit("throw new java.lang.AssertionError(" + detail + ");", s);
        start(after);
    }
}
