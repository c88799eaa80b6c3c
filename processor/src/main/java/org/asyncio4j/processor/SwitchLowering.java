package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.processor.Cfg.Block;

/**
 * Lowering of switch statements and switch expressions that await or jump: the selector evaluated once,
 * a {@link Cfg.Dispatch} to one block per case, fall-through kept, a switch expression's value in a field
 * its yields write.
 */
final class SwitchLowering extends LoweringPart {
    SwitchLowering(Lowering lowering) {
        super(lowering);
    }

    void switchStatement(Node s) {
        List<Node> ts = state.loopStatements(s);
        String sel = expr(s.expression);
        Block exit = newBlock();
        List<Node> cases = s.cases;
        List<Block> bodies = dispatch(s, sel, exit, false);
        state.targets.push(new LoweringState.Target(ts, exit, null, state.fins.size(), null));
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
                if (!state.cur.terminated) {
                    jump(exit);
                }
            } else {
                caseStatements(c);
            }
        }
        state.targets.pop();
        start(exit);
        clearDeclaredIn(s);
    }

    /**
     * One new block per case of {@code s} and the dispatch to them on {@code sel}. Without a default,
     * a switch statement goes on at {@code exit}; a switch expression ({@code exhaustive}) is an enum
     * switch that Java made exhaustive, and a constant missing from it (a new enum value, separate
     * compilation) must fail as Java's does.
     */
    private List<Block> dispatch(Node s, String sel, Block exit, boolean exhaustive) {
        List<Block> bodies = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        boolean hasDefault = false;
        for (Node c : s.cases) {
            bodies.add(newBlock());
            String label = caseLabel(c);
            labels.add(label);
            hasDefault |= label == null;
        }
        Block fallback = hasDefault ? null : exit;
        if (!hasDefault && exhaustive) {
            fallback = state.cfg.newBlock(state.handler);
            fallback.line = line(s);
            fallback.code.add(new Cfg.Exit(javaText("throw new java.lang.IncompatibleClassChangeError();"), line(s)));
            fallback.terminated = true;
        }
        add(new Cfg.Dispatch(javaText(paren(sel)), labels, bodies, fallback, line(s)));
        return bodies;
    }

    /** The statements of a {@code case L:} group, the last of which may not complete normally. */
    private void caseStatements(Node c) {
        List<Node> stmts = c.statements;
        for (int j = 0; j < stmts.size(); j++) {
            stmt(stmts.get(j), j == stmts.size() - 1);
        }
    }

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

    String switchExpression(Node s) {
        String f = field("$t", "java.lang.Object");
        String sel = expr(s.expression);
        Block exit = newBlock();
        List<Node> cases = s.cases;
        List<Block> bodies = dispatch(s, sel, exit, true);
        state.targets.push(new LoweringState.Target(List.of(s), exit, null, state.fins.size(), f));
        for (int i = 0; i < cases.size(); i++) {
            Node c = cases.get(i);
            start(bodies.get(i));
            if (c.caseKind == Node.CaseKind.RULE) {
                Node body = c.body;
                if (body.isExpression) {
                    code(machineField(f) + " = " + expr(body) + ";", body);
                    jump(exit);
                } else {
                    stmt(body, false);
                }
            } else {
                caseStatements(c);
            }
        }
        state.targets.pop();
        start(exit);
        clearDeclaredIn(s);
        String w = witness(machineField(f), s);
        state.stableTexts.add(w);
        return w;
    }
}
