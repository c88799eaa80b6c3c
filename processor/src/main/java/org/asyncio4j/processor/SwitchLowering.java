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
                List<Node> stmts = c.statements;
                for (int j = 0; j < stmts.size(); j++) {
                    stmt(stmts.get(j), j == stmts.size() - 1);
                }
            }
        }
        state.targets.pop();
        start(exit);
        clearDeclaredIn(s);
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
        List<Block> bodies = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Block fallback = exit;
        for (Node c : cases) {
            bodies.add(newBlock());
            String label = caseLabel(c);
            labels.add(label);
            if (label == null) {
                fallback = null;
            }
        }
        if (fallback != null) {
            // An enum switch expression without default is exhaustive in Java; a missing constant
            // (new enum value, separate compilation) must fail as Java's does.
            fallback = state.cfg.newBlock(state.handler);
            fallback.line = line(s);
            fallback.code.add(new Cfg.Exit(javaText("throw new java.lang.IncompatibleClassChangeError();"), line(s)));
            fallback.terminated = true;
        }
        add(new Cfg.Dispatch(javaText(paren(sel)), labels, bodies, fallback, line(s)));
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
                List<Node> stmts = c.statements;
                for (int j = 0; j < stmts.size(); j++) {
                    stmt(stmts.get(j), j == stmts.size() - 1);
                }
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
