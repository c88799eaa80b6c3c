package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
     * a switch statement on constants goes on at {@code exit}; a switch expression ({@code exhaustive}) on
     * constants is an enum switch that Java made exhaustive, and a constant missing from it (a new enum
     * value, separate compilation) must fail as Java's does. A switch with patterns or {@code case null}
     * is exhaustive whatever its form, and so is the dispatch that restates its labels: javac checks it,
     * and the dispatch fails with Java's own {@code MatchException} where the user's switch would.
     */
    private List<Block> dispatch(Node s, String sel, Block exit, boolean exhaustive) {
        List<Block> bodies = new ArrayList<>();
        List<JavaText> labels = new ArrayList<>();
        boolean hasDefault = false;
        boolean enhanced = false;
        for (Node c : s.cases) {
            bodies.add(newBlock());
            JavaText label = caseLabel(c);
            labels.add(label);
            hasDefault |= label == null || c.labels.stream().anyMatch(l -> l.kind == Node.Kind.DEFAULT_CASE_LABEL);
            enhanced |= isEnhanced(c);
        }
        Block fallback = hasDefault || enhanced ? null : exit;
        if (!hasDefault && !enhanced && exhaustive) {
            fallback = state.cfg.newBlock(state.handler);
            fallback.line = line(s);
            fallback.code.add(new Cfg.Exit(javaText("throw new java.lang.IncompatibleClassChangeError();"), line(s)));
            fallback.terminated = true;
        }
        if (enhanced && !state.cur.code.isEmpty()) {
            // javac 25.0.3 writes unverifiable code (VerifyError) for a pattern switch that follows, in
            // the same flow, an if testing a record pattern that leaves (fuzz seed 20261210 program 5817:
            // the user's 'if (!(o instanceof Bx(..))) throw ..;' copied before the dispatch of a switch that
            // was an operand of '?:' in the source). In a state of its own, entered from the loop, it verifies.
            Block own = newBlock();
            jump(own);
            start(own);
        }
        List<Block> targets = bodies;
        if (fallback != null && s.cases.stream().anyMatch(c -> c.expressions.stream()
                .anyMatch(e -> e.kind == Node.Kind.MEMBER_SELECT))) {
            // Java 21's qualified enum constants (case X.ONE) may switch on a sealed interface that
            // javac holds exhaustive: code after the dispatch would be unreachable, a default is not
            targets = new ArrayList<>(bodies);
            targets.add(fallback);
            labels.add(null);
            fallback = null;
        }
        add(new Cfg.Dispatch(javaText(paren(sel)), labels, targets, fallback, line(s)));
        return bodies;
    }

    /** A case of Java 21's: a pattern, a guard or {@code case null} (which make a switch exhaustive). */
    private static boolean isEnhanced(Node c) {
        return c.guard != null || c.labels.stream().anyMatch(l -> l.kind == Node.Kind.PATTERN_CASE_LABEL
                || l.kind == Node.Kind.CONSTANT_CASE_LABEL && !l.children.isEmpty()
                        && l.children.get(0).kind == Node.Kind.NULL_LITERAL);
    }

    /** The statements of a {@code case L:} group, the last of which may not complete normally. */
    private void caseStatements(Node c) {
        List<Node> stmts = c.statements;
        for (int j = 0; j < stmts.size(); j++) {
            stmt(stmts.get(j), j == stmts.size() - 1);
        }
    }

    /**
     * The labels of a case as the dispatch restates them; null for a lone {@code default}. Constants are
     * copied as written (a constant is never a local of the machine). Patterns are rendered with their
     * bindings marked, and so is the guard, which reads them as the Java locals the pattern declares
     * (the dispatch stores those that live in fields only once the case is chosen).
     */
    JavaText caseLabel(Node c) {
        if (!isEnhanced(c)) {
            List<Node> exprs = c.expressions;
            if (exprs.isEmpty()) {
                return null;
            }
            List<String> parts = new ArrayList<>();
            for (Node e : exprs) {
                parts.add(e.text());
            }
            return javaText(String.join(", ", parts));
        }
        List<String> parts = new ArrayList<>();
        for (Node l : c.labels) {
            parts.add(switch (l.kind) {
                case DEFAULT_CASE_LABEL -> "default";
                case CONSTANT_CASE_LABEL -> l.children.get(0).text();
                default -> state.render(l);
            });
        }
        String text = String.join(", ", parts);
        if (c.guard != null) {
            text += " when " + state.guard(c.guard, bindingsOf(c));
        }
        return javaText(text);
    }

    private static Set<Local> bindingsOf(Node c) {
        Set<Local> out = new HashSet<>();
        for (Node l : c.labels) {
            l.forEach(n -> {
                if (n.kind == Node.Kind.BINDING_PATTERN && n.binding != null && n.binding.local != null) {
                    out.add(n.binding.local);
                }
            });
        }
        return out;
    }

    /** A switch expression's value, read through a witness of it (its type is javac's to infer). */
    String switchExpression(Node s) {
        String f = switchValue(s, "java.lang.Object");
        String w = witness(machineField(f), s);
        state.stableTexts.add(w);
        return w;
    }

    /**
     * The value of a switch expression that initializes a declaration of type {@code type} (written in the
     * source): in that assignment context each arm's value is converted to the declared type (JLS 15.28.1),
     * so the arms can store it in a field of that type, read back as it is, with no witness.
     */
    String switchExpression(Node s, String type) {
        String read = machineField(switchValue(s, type));
        state.stableTexts.add(read);
        return read;
    }

    /** Lowers {@code s}, its arms storing the value in a new field of {@code type}; returns that field. */
    private String switchValue(Node s, String type) {
        String f = field("$t", type);
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
        return f;
    }
}
