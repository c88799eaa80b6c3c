package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.processor.Cfg.Block;
import org.asyncio4j.processor.Cfg.Handler;

/**
 * Lowering of statements: blocks, declarations, expression statements, if, the jumps (break, continue,
 * yield, return: through the finally blocks between here and their target), assert; statements with no
 * await and no jump out of themselves are copied as they are. Loops, switch and try have their own
 * lowerers, which this one hands them to.
 */
final class StatementLowering extends LoweringPart {
    StatementLowering(Lowering lowering) {
        super(lowering);
    }

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
        if (!methodBody && !state.cur.terminated) {
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
            case WHILE_LOOP -> lowering.loops.whileLoop(s);
            case DO_WHILE_LOOP -> lowering.loops.doWhileLoop(s);
            case FOR_LOOP -> lowering.loops.forLoop(s);
            case ENHANCED_FOR_LOOP -> lowering.loops.forEachLoop(s);
            case LABELED_STATEMENT -> lowering.loops.labeled(s);
            case SWITCH -> lowering.switches.switchStatement(s);
            case TRY -> lowering.tries.tryStatement(s);
            case RETURN -> returnOf(s.expression, s);
            case THROW -> exit("throw " + expr(s.expression) + ";", s);
            case BREAK -> breakOrContinue(s, true);
            case CONTINUE -> breakOrContinue(s, false);
            case YIELD -> yieldStatement(s);
            case ASSERT -> assertStatement(s);
            case SYNCHRONIZED -> code(render(s, lowering.tries.returnsInside(s)), s);
            default -> throw new IllegalStateException("cannot lower a " + s.kind + " statement yet: " + s);
        }
    }

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
        Completion.Result completes = Completion.of(s, state.jumps);
        if (completes == Completion.Result.CANNOT) {
            // A throw in every branch, a loop without exit: nothing may follow it in this state (javac:
            // unreachable statement); the block ends here as after a throw.
            code(text, s);
            state.cur.terminated = true;
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
            l.typeText = lowering.awaits.awaitedTypeOf(init.arguments.get(0));
        }
        String text;
        if (awaits && l.written != Local.Written.NONE && l.written != Local.Written.PRIMITIVE) {
            lowering.awaits.suspendOn(init);
            text = awaitedText(); // inferred from the declared reference type
        } else if (init != null && init.hasAwait && init.unparenthesized().kind == Node.Kind.SWITCH_EXPRESSION
                && l.written != Local.Written.NONE && l.typeText != null) {
            text = lowering.switches.switchExpression(init.unparenthesized(), l.typeText);
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
            lowering.awaits.suspendOn(e);
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

    void breakOrContinue(Node s, boolean isBreak) {
        Node target = s.jumpTarget;
        for (LoweringState.Target t : state.targets) {
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
        for (LoweringState.Target t : state.targets) {
            if (t.statements().contains(target) && t.yieldField() != null) {
                code(machineField(t.yieldField()) + " = " + expr(s.expression) + ";", s);
                jumpTo(t.breakTo(), t.finDepth());
                return;
            }
        }
        throw new IllegalStateException("no switch expression for " + s);
    }

    void jumpTo(Block dest, int destFinDepth) {
        int n = state.fins.size();
        if (n <= destFinDepth) {
            jump(dest);
            return;
        }
        Block next = dest;
        for (int k = destFinDepth; k < n - 1; k++) {
            LoweringState.Fin f = state.fins.get(k);
            Block tramp = state.cfg.newBlock(null);
            tramp.line = state.currentLine;
            tramp.code.add(new Cfg.FinSet(f.finField(), next));
            tramp.code.add(new Cfg.Jump(f.entry()));
            tramp.terminated = true;
            next = tramp;
        }
        LoweringState.Fin inner = state.fins.get(n - 1);
        add(new Cfg.FinSet(inner.finField(), next));
        jump(inner.entry());
    }

    void returnOf(Node e, Node s) {
        if (context.generator()) {
            generatorEnd(s);
            return;
        }
        if (state.fins.isEmpty()) {
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
        if (state.retField == null) {
            state.retField = field("$ret", "org.asyncio4j.Task<" + context.returnTypeText() + ">");
            Handler saved = state.handler;
            state.handler = null;
            state.returnBlock = state.cfg.newBlock(null);
            state.returnBlock.line = line(s);
            state.returnBlock.code.add(new Cfg.Code(javaText(machine + ".returnTask(" + machineField(state.retField) + ");"), line(s)));
            state.returnBlock.code.add(new Cfg.Exit(javaText("return;"), line(s)));
            state.returnBlock.terminated = true;
            state.handler = saved;
        }
        code(machineField(state.retField) + " = " + resultTask(expr(e)) + ";", s);
        jumpTo(state.returnBlock, 0);
    }

    private void generatorEnd(Node s) {
        if (state.fins.isEmpty()) {
            code(machine + ".end();", s);
            exit("return;", s);
            return;
        }
        if (state.returnBlock == null) {
            Handler saved = state.handler;
            state.handler = null;
            state.returnBlock = state.cfg.newBlock(null);
            state.returnBlock.line = line(s);
            state.returnBlock.code.add(new Cfg.Code(javaText(machine + ".end();"), line(s)));
            state.returnBlock.code.add(new Cfg.Exit(javaText("return;"), line(s)));
            state.returnBlock.terminated = true;
            state.handler = saved;
        }
        jumpTo(state.returnBlock, 0);
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

    String referenceValue(Node e) {
        if (e.isAwait) {
            lowering.awaits.suspendOn(e);
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
