package org.asyncio4j.processor;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
final class Lowering {
    static final String WITNESS = "org.asyncio4j.Witness";
    static final String FOR_EACH = "org.asyncio4j.ForEach";
    static final String ASYNC_CLOSEABLE = "org.asyncio4j.AsyncCloseable";

    /** What the lowering needs to know about the method and its class. */
    record Context(Source src, Resolver res, AwaitScan scan, Calls calls, String m,
            String userSimpleName, String userQualifiedName, String asyncClassName, Set<String> staticAsyncNames,
            Set<String> fieldNames, String returnTypeText, Typer typer) {}

    private record Target(List<Tree> trees, Block breakTo, Block continueTo, int finDepth, String yieldField) {}

    private record Fin(Block entry, String finField, String exField) {}

    private final Context cx;
    private final Source src;
    private final String m;
    final Cfg cfg = new Cfg();
    private Block cur;
    private Handler handler;
    private int nextId;
    private final Deque<Target> targets = new ArrayDeque<>();
    private final List<Fin> fins = new ArrayList<>();
    private final Set<String> stableTexts = new java.util.HashSet<>();
    private boolean witnessMode;
    /**
     * Locals declared inside a tree being restated for its type (a witness, or the task expression
     * of an awaited value): their declarations travel with the restated text, so they keep the
     * names they are written with there, and the copy does not count as a use. Otherwise a catch
     * parameter in such a tree was forced into a field that its verbatim declaration in the
     * executed code never wrote, and its catch body read null (fuzz seed 5150 program 517).
     */
    private Set<Local> restatedOwn = Set.of();
    private Tree pendingLabel;
    private Block returnBlock;
    private String retField;
    private int temps;
    private int tries;
    private int currentLine;

    private final Source.Rewrites rewrites = new Source.Rewrites() {
        @Override
        public String local(IdentifierTree id) {
            Local l = cx.res().refs.get(id);
            if (l == null) {
                return null;
            }
            if (restatedOwn.contains(l)) {
                return null;
            }
            return witnessMode ? l.witnessRef() : l.ref();
        }

        @Override
        public String qualifier(MemberSelectTree select) {
            if (cx.staticAsyncNames().contains(select.getIdentifier().toString())) {
                String q = select.getExpression().toString();
                if (q.equals(cx.userSimpleName()) || q.equals(cx.userQualifiedName())) {
                    return cx.asyncClassName();
                }
            }
            return null;
        }

        @Override
        public String opaque(Tree lambdaOrClass) {
            // Markers in the text, not a side list: the lambda's text may be emitted in a later
            // block (an operand spilled before an await, a witness), which then needs the copies.
            Set<Local> c = cx.res().captures.get(lambdaOrClass);
            if (c == null || c.isEmpty()) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            c.forEach(l -> sb.append(l.captureMark()));
            return sb.toString();
        }

        @Override
        public String binding(VariableTree binding) {
            Local l = cx.res().declarations.get(binding);
            return l == null || restatedOwn.contains(l) ? null : l.bindingRef();
        }
    };

    Lowering(Context cx) {
        this.cx = cx;
        this.src = cx.src();
        this.m = cx.m();
    }

    Cfg lower(BlockTree body) {
        findTargetTyped(body);
        start(cfg.newBlock(null));
        block(body, true);
        if (!cur.terminated) {
            exit("throw new java.lang.IllegalStateException(\"end of @Async body reached without return\");", body);
        }
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

    /**
     * The source line a state resumes at: that of its first instruction that came from a statement.
     * Clears, jumps and finally bookkeeping carry no line of their own, and the line current when
     * the block was opened may be the previous statement's (the state table said 16 for a return on 18).
     */
    private static int resumeLine(Block b) {
        for (Cfg.Ins ins : b.code) {
            int l = ins instanceof Cfg.Code c ? c.line()
                    : ins instanceof Cfg.Decl d ? (d.init() == null ? 0 : d.line()) // 'int x;' runs nothing
                    : ins instanceof Cfg.Suspend s ? s.line()
                    : ins instanceof Cfg.Exit e ? e.line()
                    : ins instanceof Cfg.Branch br ? br.line()
                    : ins instanceof Cfg.Dispatch d ? d.line()
                    : 0;
            if (l > 0) {
                return l;
            }
        }
        return b.line;
    }

    // ================================================================== emission helpers

    private int line(Tree t) {
        int l = src.line(t);
        if (l > 0) {
            currentLine = l;
        }
        return currentLine;
    }

    private Block newBlock() {
        return cfg.newBlock(handler);
    }

    private void start(Block b) {
        if (cur != null && !cur.terminated) {
            add(new Cfg.Jump(b));
        }
        cur = b;
        if (b.id < 0) {
            b.id = nextId++;
        }
    }

    private void add(Cfg.Ins ins) {
        if (cur.terminated) {
            // Unreachable code (after a jump in the source's own dead branch): start a dead block.
            Block dead = newBlock();
            cur = dead;
            dead.id = nextId++;
        }
        if (cur.code.isEmpty() && cur.line == 0) {
            cur.line = currentLine;
        }
        if (ins instanceof Cfg.Clear && !cur.code.isEmpty() && cur.code.get(cur.code.size() - 1).equals(ins)) {
            return; // a loop variable leaves the body's scope and the loop's at once: clear it once
        }
        cur.code.add(ins);
        if (Cfg.terminates(ins)) {
            cur.terminated = true;
        }
    }

    private void code(String text, Tree at) {
        add(new Cfg.Code(t(text), line(at)));
    }

    private void exit(String text, Tree at) {
        add(new Cfg.Exit(t(text), line(at)));
    }

    private void jump(Block b) {
        add(new Cfg.Jump(b));
    }

    /**
     * {@code if (cond) goto target}. A constant condition ({@code while (true)}'s exit test, a
     * {@code for (;;)}) is decided here, so the generated code carries no {@code if (!(true))}.
     */
    private void branch(String cond, Block target) {
        String c = cond.replace(" ", "");
        if (c.equals("!(true)") || c.equals("false") || c.equals("(false)")) {
            return; // never taken
        }
        if (c.equals("true") || c.equals("(true)") || c.equals("!(false)")) {
            jump(target);
            return;
        }
        add(new Cfg.Branch(t(cond), target, currentLine));
    }

    private String field(String prefix, String type) {
        String name = prefix + (++temps);
        cfg.syntheticFields.add(new String[] {name, type});
        return name;
    }

    /** The lowering's text (locals spelled as {@link Local#ref()} and siblings) as the typed text later stages read. */
    private JavaText t(String text) {
        return JavaText.parse(text, cx.res().locals);
    }

    private String mf(String fieldName) {
        return m + "." + fieldName;
    }

    private String r(Tree t) {
        return src.render(t, Map.of(), rewrites);
    }

    private String r(Tree t, Map<Tree, String> overrides) {
        return src.render(t, overrides, rewrites);
    }

    /**
     * The typed result of an await: {@code Witness.of(m.awaited($await), false ? <task expression> : null)}.
     * javac infers T from the restated task expression, which is never evaluated (a constant-false
     * conditional compiles to its other operand only); no lambda, so nothing is allocated at run time,
     * javac attributes it once, and the locals it names need not be effectively final.
     */
    private String awaitedValue(MethodInvocationTree await) {
        if (targetTyped.contains(await)) {
            return awaitedText();
        }
        return WITNESS + ".of(" + awaitedText() + ", false ? " + restated(await.getArguments().get(0)) + " : null)";
    }

    /**
     * Awaits whose value needs no witness: the whole right side of an assignment or of a declaration
     * with a written type (javac infers {@code awaited}'s type argument from the target, as in
     * {@code m.x = m.awaited($await)}), or a statement on its own (the value is dropped).
     */
    private final Set<Tree> targetTyped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private void findTargetTyped(BlockTree body) {
        new BodyScanner() {
            @Override
            public Void visitVariable(VariableTree node, Void p) {
                Local l = cx.res().declarations.get(node);
                if (l != null && l.typeTree != null && l.typeTree.getKind() != Tree.Kind.UNION_TYPE) {
                    addIfAwait(node.getInitializer());
                }
                return super.visitVariable(node, p);
            }

            @Override
            public Void visitAssignment(AssignmentTree node, Void p) {
                addIfAwait(node.getExpression());
                return super.visitAssignment(node, p);
            }

            @Override
            public Void visitExpressionStatement(ExpressionStatementTree node, Void p) {
                addIfAwait(node.getExpression());
                return super.visitExpressionStatement(node, p);
            }

            private void addIfAwait(ExpressionTree e) {
                while (e instanceof ParenthesizedTree pt) {
                    e = pt.getExpression();
                }
                if (e != null && cx.calls().isAwait(e)) {
                    targetTyped.add(e);
                }
            }
        }.scan(body, null);
    }

    /** The text of {@code t} once more, for its type only (see {@link #restatedOwn}). */
    private String restated(Tree t) {
        Set<Local> was = restatedOwn;
        restatedOwn = declaredIn(t);
        try {
            return r(t);
        } finally {
            restatedOwn = was;
        }
    }

    private String witness(String value, Tree original) {
        boolean was = witnessMode;
        witnessMode = true;
        String text = restated(original);
        witnessMode = was;
        return WITNESS + ".as(" + value + ", () -> " + text + ")";
    }

    private Set<Local> declaredIn(Tree t) {
        Set<Local> out = new HashSet<>();
        new BodyScanner() {
            @Override
            public Void visitVariable(VariableTree node, Void p) {
                Local l = cx.res().declarations.get(node);
                if (l != null) {
                    out.add(l);
                }
                return super.visitVariable(node, p);
            }
        }.scan(t, null);
        return out;
    }

    private boolean hasAwait(Tree t) {
        return t != null && cx.scan().hasAwait.contains(t);
    }

    // ================================================================== statements

    private void block(BlockTree b, boolean methodBody) {
        List<? extends StatementTree> stmts = b.getStatements();
        List<Local> declared = new ArrayList<>();
        for (int i = 0; i < stmts.size(); i++) {
            StatementTree s = stmts.get(i);
            stmt(s, i == stmts.size() - 1);
            if (s instanceof VariableTree v) {
                Local l = cx.res().declarations.get(v);
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

    private void stmt(StatementTree s, boolean lastInBlock) {
        line(s);
        if (!cx.scan().needsLowering(s)) {
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
    private void verbatim(StatementTree s, boolean lastInBlock) {
        switch (s.getKind()) {
            case EMPTY_STATEMENT -> {
                return;
            }
            case VARIABLE -> {
                VariableTree v = (VariableTree) s;
                Local l = cx.res().declarations.get(v);
                add(new Cfg.Decl(l, v.getInitializer() == null ? null : t(initializer(v, r(v.getInitializer()))),
                        line(s)));
                return;
            }
            case THROW -> {
                exit(r(s), s);
                return;
            }
            default -> { }
        }
        String text = r(s);
        boolean compound = switch (s.getKind()) {
            case EXPRESSION_STATEMENT, CLASS -> false;
            default -> true;
        };
        if (compound && lastInBlock) {
            // The source's last statement may not complete normally (a loop without exit, a throw in
            // every branch); the jump we add after it must stay reachable for javac: if (true) {...}
            // can always complete normally (JLS 14.22).
            text = "if (true) {\n" + text + "\n}";
        }
        code(text, s);
    }

    private String initializer(VariableTree v, String text) {
        if (v.getInitializer() instanceof NewArrayTree na && na.getType() == null) {
            Local l = cx.res().declarations.get(v);
            return "new " + l.typeText + " " + text; // {1, 2} is only valid in a declaration
        }
        return text;
    }

    private void variable(VariableTree v) {
        Local l = cx.res().declarations.get(v);
        ExpressionTree init = v.getInitializer();
        String text;
        if (cx.calls().isAwait(init) && l.typeTree != null && !Source.isPrimitiveName(src.slice(l.typeTree))) {
            suspendOn((MethodInvocationTree) init);
            text = awaitedText(); // inferred from the declared reference type
        } else {
            text = initializer(v, expr(init));
        }
        add(new Cfg.Decl(l, t(text), line(v)));
    }

    private void expressionStatement(ExpressionTree e, Tree at) {
        if (cx.calls().isAwait(e)) {
            suspendOn((MethodInvocationTree) e);
            code(awaitedText() + ";", at);
            return;
        }
        code(expr(e) + ";", at);
    }

    private void ifStatement(IfTree s) {
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

    private static String paren(String c) {
        String t = c.strip();
        return t.startsWith("(") && t.endsWith(")") && balanced(t.substring(1, t.length() - 1)) ? t : "(" + t + ")";
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private List<Tree> loopTrees(Tree loop) {
        List<Tree> ts = new ArrayList<>();
        ts.add(loop);
        if (pendingLabel != null) {
            ts.add(pendingLabel);
            pendingLabel = null;
        }
        return ts;
    }

    private void whileLoop(WhileLoopTree s) {
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

    private void doWhileLoop(DoWhileLoopTree s) {
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

    private void forLoop(ForLoopTree s) {
        List<Tree> ts = loopTrees(s);
        List<Local> declared = new ArrayList<>();
        for (StatementTree init : s.getInitializer()) {
            if (init instanceof ExpressionStatementTree es) {
                // for (i = 0, j = 10; ...): the init's source text has no ';' (like the update list)
                expressionStatement(es.getExpression(), es);
            } else {
                stmt(init, false);
            }
            if (init instanceof VariableTree v && cx.res().declarations.get(v) != null) {
                declared.add(cx.res().declarations.get(v));
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

    private void forEachLoop(EnhancedForLoopTree s) {
        List<Tree> ts = loopTrees(s);
        String it = field("$it", "java.lang.Object");
        code(mf(it) + " = " + FOR_EACH + ".of(" + expr(s.getExpression()) + ");", s);
        // Typed by the overload matching the iterable's static type; the dead 'false ?' operand is never evaluated.
        String typed = FOR_EACH + ".cursor(" + mf(it) + ", false ? " + r(s.getExpression()) + " : null)";
        Block head = newBlock();
        start(head);
        Block exit = newBlock();
        branch("!" + typed + ".hasNext()", exit);
        Local v = cx.res().declarations.get(s.getVariable());
        add(new Cfg.Decl(v, t(typed + ".next()"), line(s)));
        targets.push(new Target(ts, exit, head, fins.size(), null));
        stmt(s.getStatement(), false);
        targets.pop();
        jump(head);
        start(exit);
        clearDeclaredIn(s);
        add(new Cfg.Clear(v));
        code(mf(it) + " = null;", s);
    }

    /**
     * Clears the locals declared anywhere inside {@code t} (a loop, switch, labeled statement or try
     * block just left, however it was left: break, or an exception): a suspended machine must not
     * keep what went out of scope. Emits nothing for locals that stay Java locals or are primitive.
     */
    private void clearDeclaredIn(Tree t) {
        new BodyScanner() {
            @Override
            public Void visitVariable(VariableTree node, Void p) {
                Local l = cx.res().declarations.get(node);
                if (l != null) {
                    add(new Cfg.Clear(l));
                }
                return super.visitVariable(node, p);
            }
        }.scan(t, null);
    }

    private void labeled(LabeledStatementTree s) {
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

    private void switchStatement(SwitchTree s) {
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
        add(new Cfg.Dispatch(t(paren(sel)), labels, bodies, fallback, line(s)));
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
    private String caseLabel(CaseTree c) {
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

    private void breakOrContinue(StatementTree s, boolean isBreak) {
        Tree target = cx.scan().jumpTargets.get(s);
        for (Target t : targets) {
            if (t.trees.contains(target)) {
                Block dest = isBreak ? t.breakTo : t.continueTo;
                if (dest != null) {
                    jumpTo(dest, t.finDepth);
                    return;
                }
            }
        }
        throw new IllegalStateException("no target for " + s);
    }

    private void yieldStatement(YieldTree s) {
        Tree target = cx.scan().jumpTargets.get(s);
        for (Target t : targets) {
            if (t.trees.contains(target) && t.yieldField != null) {
                code(mf(t.yieldField) + " = " + expr(s.getValue()) + ";", s);
                jumpTo(t.breakTo, t.finDepth);
                return;
            }
        }
        throw new IllegalStateException("no switch expression for " + s);
    }

    /** Jumps to {@code dest}, running the lowered finally blocks between here and there, innermost first. */
    private void jumpTo(Block dest, int destFinDepth) {
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
            tramp.code.add(new Cfg.FinSet(f.finField, next));
            tramp.code.add(new Cfg.Jump(f.entry));
            tramp.terminated = true;
            next = tramp;
        }
        Fin inner = fins.get(n - 1);
        add(new Cfg.FinSet(inner.finField, next));
        jump(inner.entry);
    }

    private void returnStatement(ReturnTree s) {
        ExpressionTree e = s.getExpression();
        if (fins.isEmpty()) {
            if (Calls.isTaskCompleted(e)) {
                List<? extends ExpressionTree> args = ((MethodInvocationTree) e).getArguments();
                String v = args.isEmpty() ? "null" : referenceValue(args.get(0));
                code(m + ".returnValue(" + v + ");", s);
            } else {
                code(m + ".returnTask(" + expr(e) + ");", s);
            }
            exit("return;", s);
            return;
        }
        if (retField == null) {
            retField = field("$ret", "org.asyncio4j.Task<" + cx.returnTypeText() + ">");
            Handler saved = handler;
            handler = null;
            returnBlock = cfg.newBlock(null);
            returnBlock.line = line(s);
            returnBlock.code.add(new Cfg.Code(t(m + ".returnTask(" + mf(retField) + ");"), line(s)));
            returnBlock.code.add(new Cfg.Exit(t("return;"), line(s)));
            returnBlock.terminated = true;
            handler = saved;
        }
        code(mf(retField) + " = " + expr(e) + ";", s);
        jumpTo(returnBlock, 0);
    }

    /** The value of {@code e} where the target type is a reference type: an await needs no witness. */
    private String referenceValue(ExpressionTree e) {
        if (cx.calls().isAwait(e)) {
            suspendOn((MethodInvocationTree) e);
            return awaitedText();
        }
        return expr(e);
    }

    private void assertStatement(AssertTree s) {
        Block after = newBlock();
        branch("!" + cx.userQualifiedName() + ".class.desiredAssertionStatus()", after);
        branch(paren(expr(s.getCondition())), after);
        String detail = s.getDetail() == null ? "" : expr(s.getDetail());
        exit("throw new java.lang.AssertionError(" + detail + ");", s);
        start(after);
    }

    /** For synchronized blocks kept as they are: their returns still complete the task. */
    private Map<Tree, String> returnsInside(Tree t) {
        Map<Tree, String> out = new IdentityHashMap<>();
        new BodyScanner() {
            @Override
            public Void visitReturn(ReturnTree node, Void p) {
                out.put(node, "{ " + m + ".returnTask(" + r(node.getExpression()) + "); return; }");
                return null;
            }
        }.scan(t, null);
        return out;
    }

    // ------------------------------------------------------------------ try

    private void tryStatement(TryTree s) {
        List<? extends Tree> resources = s.getResources();
        boolean plain = s.getCatches().isEmpty() && s.getFinallyBlock() == null;
        if (!resources.isEmpty() && plain) {
            withResources(resources, 0, s.getBlock());
            return;
        }
        Runnable body = resources.isEmpty() ? () -> block(s.getBlock(), false) : () -> withResources(resources, 0, s.getBlock());
        tryCore(body, s.getCatches(), s.getFinallyBlock(), s);
    }

    private void tryCore(Runnable body, List<? extends CatchTree> catches, BlockTree finallyBlock, Tree at) {
        int k = ++tries;
        String ex = field("$ex", "java.lang.Throwable");
        String fin = finallyBlock != null ? field("$fin", "int") : null;
        Handler outer = handler;
        Block after = newBlock();
        Block fe = finallyBlock != null ? cfg.newBlock(outer) : null;
        Block fx = finallyBlock != null ? cfg.newBlock(outer) : null;
        Handler catchH = finallyBlock != null ? new Handler(fx, ex) : outer;
        Block dispatch = catches.isEmpty() ? null : cfg.newBlock(catchH);
        Handler bodyH = new Handler(dispatch != null ? dispatch : fx, ex);
        if (finallyBlock != null) {
            fins.add(new Fin(fe, fin, ex));
        }
        handler = bodyH;
        start(cfg.newBlock(bodyH));
        body.run();
        handler = outer;
        leaveProtected(fin, after, fe);
        if (dispatch != null) {
            handler = catchH;
            start(dispatch);
            clearDeclaredIn(at); // an exception left the try block: its locals are dead
            List<Block> catchBlocks = new ArrayList<>();
            for (CatchTree c : catches) {
                Block cb = cfg.newBlock(catchH);
                catchBlocks.add(cb);
                List<String> tests = new ArrayList<>();
                for (String type : catchTypes(c)) {
                    tests.add(mf(ex) + " instanceof " + type);
                }
                branch(String.join(" || ", tests), cb);
            }
            if (fin != null) {
                add(new Cfg.FinSet(fin, null));
                jump(fe);
            } else {
                exit("throw " + mf(ex) + ";", at);
            }
            for (int i = 0; i < catches.size(); i++) {
                CatchTree c = catches.get(i);
                start(catchBlocks.get(i));
                Local p = cx.res().declarations.get(c.getParameter());
                // a multi-catch parameter's type (the alternatives' lub) is filled in by the writer
                String castTo = p.typeText != null ? p.typeText : p.typeRef();
                add(new Cfg.Decl(p, t("(" + castTo + ") " + mf(ex)), line(c)));
                block(c.getBlock(), false);
                if (!cur.terminated) {
                    add(new Cfg.Clear(p));
                }
                leaveProtected(fin, after, fe);
            }
            handler = outer;
        }
        if (finallyBlock != null) {
            fins.remove(fins.size() - 1);
            start(fx);
            clearDeclaredIn(at); // an exception left the try statement's blocks: their locals are dead
            add(new Cfg.FinSet(fin, null));
            jump(fe);
            start(fe);
            block(finallyBlock, false);
            if (!cur.terminated) {
                add(new Cfg.FinEnd(fin, ex));
            }
        }
        start(after);
        if (finallyBlock == null) {
                add(new Cfg.Code(t(mf(ex) + " = null;"), currentLine)); // the handled exception is garbage now
            }
        assert k > 0;
    }

    private void leaveProtected(String fin, Block after, Block fe) {
        if (cur.terminated) {
            return;
        }
        if (fin != null) {
            add(new Cfg.FinSet(fin, after));
            jump(fe);
        } else {
            jump(after);
        }
    }

    private List<String> catchTypes(CatchTree c) {
        Tree type = c.getParameter().getType();
        List<String> out = new ArrayList<>();
        if (type instanceof UnionTypeTree u) {
            for (Tree alt : u.getTypeAlternatives()) {
                out.add(src.slice(alt));
            }
        } else {
            out.add(src.slice(type));
        }
        return out;
    }

    /**
     * try-with-resources, one resource at a time (JLS 14.20.3): the resource is closed on every way
     * out; an {@code AsyncCloseable} is exited by awaiting {@code closeAsync(pending)}, whose failure
     * replaces the pending exception; an {@code AutoCloseable}'s close failure is added as suppressed.
     */
    private void withResources(List<? extends Tree> resources, int i, BlockTree body) {
        if (i == resources.size()) {
            block(body, false);
            return;
        }
        Tree res = resources.get(i);
        String rText;
        Local declared = null;
        if (res instanceof VariableTree v) {
            variable(v);
            declared = cx.res().declarations.get(v);
            rText = declared.ref();
        } else {
            rText = expr((ExpressionTree) res);
        }
        ++tries;
        String ex = field("$ex", "java.lang.Throwable");
        String fin = field("$fin", "int");
        code(mf(ex) + " = null;", res);
        Handler outer = handler;
        Block after = newBlock();
        Block fe = cfg.newBlock(outer);
        Block fx = cfg.newBlock(outer);
        Handler bodyH = new Handler(fx, ex);
        fins.add(new Fin(fe, fin, ex));
        handler = bodyH;
        start(cfg.newBlock(bodyH));
        withResources(resources, i + 1, body);
        handler = outer;
        leaveProtected(fin, after, fe);
        fins.remove(fins.size() - 1);
        start(fx);
        clearDeclaredIn(body); // the exception left the block: its locals are dead (not this resource: it is closed next)
        add(new Cfg.FinSet(fin, null));
        jump(fe);
        start(fe);
        Block fend = newBlock();
        Block sync = newBlock();
        branch(rText + " == null", fend);
        // through Object: a resource of a final class that is not AsyncCloseable makes both the
        // instanceof and the cast compile errors otherwise (found by fuzz seed 20261122)
        branch("!((java.lang.Object) " + rText + " instanceof " + ASYNC_CLOSEABLE + ")", sync);
        suspend("((" + ASYNC_CLOSEABLE + ") (java.lang.Object) " + rText + ").closeAsync(" + mf(ex) + ")", res);
        code(awaitedText() + ";", res);
        jump(fend);
        start(sync);
        code("if (" + mf(ex) + " != null) { try { " + rText + ".close(); } catch (java.lang.Throwable $closeFailure) { "
                + mf(ex) + ".addSuppressed($closeFailure); } } else { " + rText + ".close(); }", res);
        start(fend);
        add(new Cfg.FinEnd(fin, ex));
        start(after);
        if (declared != null) {
            add(new Cfg.Clear(declared));
        }
    }

    // ================================================================== expressions

    private void suspendOn(MethodInvocationTree await) {
        String task = expr(await.getArguments().get(0));
        suspend(task, await);
    }

    private void suspend(String task, Tree at) {
        Block resume = newBlock();
        add(new Cfg.Suspend(t(task), resume, line(at)));
        start(resume);
    }

    /** The outcome of the await just suspended on (see MachineWriter's Suspend: the task is in a local). */
    private String awaitedText() {
        return m + ".awaited(" + MachineWriter.AWAITED + ")";
    }

    /** The text of {@code e}, valid at the current point: awaits inside it have been emitted before. */
    String expr(ExpressionTree e) {
        if (e == null) {
            return null;
        }
        if (!hasAwait(e)) {
            return r(e);
        }
        if (cx.calls().isAwait(e)) {
            suspendOn((MethodInvocationTree) e);
            return awaitedValue((MethodInvocationTree) e);
        }
        if (e instanceof CompoundAssignmentTree ca && hasAwait(ca.getExpression())) {
            return compoundAssignment(ca);
        }
        return switch (e.getKind()) {
            case PARENTHESIZED -> "(" + expr(((ParenthesizedTree) e).getExpression()) + ")";
            case CONDITIONAL_AND, CONDITIONAL_OR -> shortCircuit((BinaryTree) e);
            case CONDITIONAL_EXPRESSION -> conditional((ConditionalExpressionTree) e);
            case SWITCH_EXPRESSION -> switchExpression((SwitchExpressionTree) e);
            case MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT, PLUS_ASSIGNMENT, MINUS_ASSIGNMENT,
                    LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT, AND_ASSIGNMENT,
                    XOR_ASSIGNMENT, OR_ASSIGNMENT -> compoundAssignment((CompoundAssignmentTree) e);
            default -> compose(e, evaluationOrder(e));
        };
    }

    private int compoundTemps;

    /**
     * {@code v op= rhs} with an await in rhs. Java saves the old value of v BEFORE evaluating rhs
     * (JLS 15.26.2), so {@code a |= Await.on(f(a += 3))} or {@code fld += Await.on(t)} (another
     * task may change fld while this one is suspended) must not re-read v after the await. The old
     * value is saved in an Object temp, read back into a local of v's own type (so the implicit
     * narrowing cast of op= still happens), and v is assigned from it. Unneeded when re-reading v
     * gives the same value (a local not assigned in rhs). (found by fuzz seed 20261122)
     */
    private String compoundAssignment(CompoundAssignmentTree a) {
        // A local is only changed by this body: unless the right side itself assigns it, re-reading
        // it after the await gives the value Java read before (the op= itself is not such an assignment).
        if (!hasAwait(a.getExpression()) || isStable(a.getVariable(), a.getExpression())) {
            return compose(a, evaluationOrder(a));
        }
        Map<Tree, String> ov = new IdentityHashMap<>();
        for (Tree op : lvalueParts(a.getVariable())) {
            ov.put(op, spill(expr((ExpressionTree) op), op, a));
        }
        String lhs = r(a.getVariable(), ov);
        String old = field("$t", "java.lang.Object");
        code(mf(old) + " = " + lhs + ";", a);
        String rhs = expr(a.getExpression());
        String c = "$c" + (++compoundTemps);
        code("var " + c + " = " + witness(mf(old), a.getVariable()) + ";", a);
        String op = switch (a.getKind()) {
            case MULTIPLY_ASSIGNMENT -> "*=";
            case DIVIDE_ASSIGNMENT -> "/=";
            case REMAINDER_ASSIGNMENT -> "%=";
            case PLUS_ASSIGNMENT -> "+=";
            case MINUS_ASSIGNMENT -> "-=";
            case LEFT_SHIFT_ASSIGNMENT -> "<<=";
            case RIGHT_SHIFT_ASSIGNMENT -> ">>=";
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>=";
            case AND_ASSIGNMENT -> "&=";
            case XOR_ASSIGNMENT -> "^=";
            default -> "|=";
        };
        return lhs + " = (" + c + " " + op + " " + rhs + ")"; // parenthesised by the source if nested
    }

    /** The operands of {@code e} in the order Java evaluates them. */
    private List<Tree> evaluationOrder(ExpressionTree e) {
        List<Tree> out = new ArrayList<>();
        if (e instanceof MethodInvocationTree mi) {
            if (mi.getMethodSelect() instanceof MemberSelectTree ms) {
                out.add(ms.getExpression());
            }
            out.addAll(mi.getArguments());
        } else if (e instanceof NewClassTree nc) {
            if (nc.getEnclosingExpression() != null) {
                out.add(nc.getEnclosingExpression());
            }
            out.addAll(nc.getArguments());
        } else if (e instanceof NewArrayTree na) {
            out.addAll(na.getDimensions());
            if (na.getInitializers() != null) {
                out.addAll(na.getInitializers());
            }
        } else if (e instanceof ArrayAccessTree aa) {
            out.add(aa.getExpression());
            out.add(aa.getIndex());
        } else if (e instanceof MemberSelectTree ms) {
            out.add(ms.getExpression());
        } else if (e instanceof BinaryTree b) {
            out.add(b.getLeftOperand());
            out.add(b.getRightOperand());
        } else if (e instanceof UnaryTree u) {
            if (isIncDec(u)) {
                out.addAll(lvalueParts(u.getExpression()));
            } else {
                out.add(u.getExpression());
            }
        } else if (e instanceof TypeCastTree tc) {
            out.add(tc.getExpression());
        } else if (e instanceof InstanceOfTree io) {
            out.add(io.getExpression());
        } else if (e instanceof AssignmentTree a) {
            out.addAll(lvalueParts(a.getVariable()));
            out.add(a.getExpression());
        } else if (e instanceof CompoundAssignmentTree a) {
            out.addAll(lvalueParts(a.getVariable()));
            out.add(a.getExpression());
        } else {
            throw new IllegalStateException("Await.on inside a " + e.getKind() + " expression is not supported yet");
        }
        return out;
    }

    private static boolean isIncDec(UnaryTree u) {
        return switch (u.getKind()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
            default -> false;
        };
    }

    /** The sub-expressions evaluated to find the variable of an assignment (not its old value). */
    private static List<Tree> lvalueParts(ExpressionTree lhs) {
        if (lhs instanceof ParenthesizedTree p) {
            return lvalueParts(p.getExpression());
        }
        if (lhs instanceof ArrayAccessTree aa) {
            return List.of(aa.getExpression(), aa.getIndex());
        }
        if (lhs instanceof MemberSelectTree ms) {
            return List.of(ms.getExpression());
        }
        return List.of();
    }

    private String compose(ExpressionTree e, List<Tree> operands) {
        int last = -1;
        for (int i = 0; i < operands.size(); i++) {
            if (hasAwait(operands.get(i))) {
                last = i;
            }
        }
        Map<Tree, String> ov = new IdentityHashMap<>();
        for (int i = 0; i < last; i++) {
            Tree op = operands.get(i);
            String t = expr((ExpressionTree) op);
            ov.put(op, spill(t, op, e));
        }
        Tree lastOp = operands.get(last);
        ov.put(lastOp, expr((ExpressionTree) lastOp));
        return r(e, ov);
    }

    /** Saves an operand evaluated before a later await, unless re-reading it later gives the same value. */
    private String spill(String text, Tree operand, Tree whole) {
        if (stableTexts.contains(text) || isStable(operand, whole)) {
            return text;
        }
        String t = field("$t", "java.lang.Object");
        code(mf(t) + " = " + text + ";", operand);
        return witness(mf(t), operand);
    }

    private boolean isStable(Tree t, Tree whole) {
        switch (t.getKind()) {
            case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, CHAR_LITERAL,
                    STRING_LITERAL, NULL_LITERAL, LAMBDA_EXPRESSION, MEMBER_REFERENCE -> {
                return true;
            }
            case PARENTHESIZED -> {
                return isStable(((ParenthesizedTree) t).getExpression(), whole);
            }
            case IDENTIFIER -> {
                IdentifierTree id = (IdentifierTree) t;
                String n = id.getName().toString();
                if (n.equals("this") || n.equals("super")) {
                    return true;
                }
                Local l = cx.res().refs.get(id);
                if (l != null) {
                    return !assignedWithin(l, whole);
                }
                return !cx.fieldNames().contains(n); // a type or package name; a field may change meanwhile
            }
            case MEMBER_SELECT -> {
                MemberSelectTree ms = (MemberSelectTree) t;
                return ms.getIdentifier().contentEquals("class") || isQualifiedTypeName(ms);
            }
            default -> {
                return isConstant(t);
            }
        }
    }

    /**
     * A constant expression built from literals by operators that cannot throw ({@code (2) & 3}).
     * It must not be spilled: its Witness lambda {@code () -> (2) & 3} fits byte, short, char and
     * int alike, and javac rejects {@code Witness.as} as ambiguous (byte vs char). Re-evaluating
     * it later is free and gives the same value. (found by fuzz seed 20261122)
     */
    private static boolean isConstant(Tree t) {
        switch (t.getKind()) {
            case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, CHAR_LITERAL, STRING_LITERAL -> {
                return true;
            }
            case PARENTHESIZED -> {
                return isConstant(((ParenthesizedTree) t).getExpression());
            }
            case UNARY_MINUS, UNARY_PLUS, BITWISE_COMPLEMENT, LOGICAL_COMPLEMENT -> {
                return isConstant(((com.sun.source.tree.UnaryTree) t).getExpression());
            }
            case DIVIDE, REMAINDER -> {
                // may throw (division by zero), which must happen before the await: only a
                // literal non-zero divisor is safe
                BinaryTree b = (BinaryTree) t;
                Tree d = b.getRightOperand();
                while (d instanceof ParenthesizedTree pt) {
                    d = pt.getExpression();
                }
                return isConstant(b.getLeftOperand()) && d instanceof com.sun.source.tree.LiteralTree lit
                        && lit.getValue() instanceof Number n && n.doubleValue() != 0;
            }
            case TYPE_CAST -> {
                com.sun.source.tree.TypeCastTree c = (com.sun.source.tree.TypeCastTree) t;
                return (c.getType().getKind() == Tree.Kind.PRIMITIVE_TYPE || c.getType().toString().equals("String"))
                        && isConstant(c.getExpression());
            }
            case CONDITIONAL_EXPRESSION -> {
                ConditionalExpressionTree c = (ConditionalExpressionTree) t;
                return isConstant(c.getCondition()) && isConstant(c.getTrueExpression())
                        && isConstant(c.getFalseExpression());
            }
            default -> {
                return t instanceof BinaryTree b && isConstant(b.getLeftOperand()) && isConstant(b.getRightOperand());
            }
        }
    }

    /**
     * {@code java.util.Arrays} in {@code java.util.Arrays.asList(.., Await.on(t))}: a type is not a
     * value and cannot be saved. Without attribution, a name chain rooted at a package or type
     * (not a local or field) whose last name starts upper-case is taken for a type, by Java's naming
     * convention; {@code Foo.counter} (a static field, which may change meanwhile) is still saved.
     */
    private boolean isQualifiedTypeName(MemberSelectTree ms) {
        if (ms.getIdentifier().length() == 0 || !Character.isUpperCase(ms.getIdentifier().charAt(0))) {
            return false;
        }
        ExpressionTree e = ms.getExpression();
        while (e instanceof MemberSelectTree inner) {
            e = inner.getExpression();
        }
        return e instanceof IdentifierTree root && cx.res().refs.get(root) == null
                && !cx.fieldNames().contains(root.getName().toString());
    }

    private boolean assignedWithin(Local l, Tree whole) {
        if (!cx.res().reassigned.contains(l)) {
            return false;
        }
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(AssignmentTree node, Void p) {
                check(node.getVariable());
                return super.visitAssignment(node, p);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
                check(node.getVariable());
                return super.visitCompoundAssignment(node, p);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void p) {
                if (isIncDec(node)) {
                    check(node.getExpression());
                }
                return super.visitUnary(node, p);
            }

            private void check(ExpressionTree target) {
                if (target instanceof IdentifierTree id && cx.res().refs.get(id) == l) {
                    found[0] = true;
                }
            }
        }.scan(whole, null);
        return found[0];
    }

    private String shortCircuit(BinaryTree b) {
        String f = field("$b", "boolean");
        code(mf(f) + " = " + expr(b.getLeftOperand()) + ";", b);
        Block join = newBlock();
        branch(b.getKind() == Tree.Kind.CONDITIONAL_AND ? "!" + mf(f) : mf(f), join);
        code(mf(f) + " = " + expr(b.getRightOperand()) + ";", b);
        start(join);
        stableTexts.add(mf(f));
        return mf(f);
    }

    private String conditional(ConditionalExpressionTree c) {
        String f = field("$t", "java.lang.Object");
        String cond = expr(c.getCondition());
        Block elseB = newBlock();
        Block join = newBlock();
        branch("!" + paren(cond), elseB);
        code(mf(f) + " = " + expr(c.getTrueExpression()) + ";", c);
        jump(join);
        start(elseB);
        code(mf(f) + " = " + expr(c.getFalseExpression()) + ";", c);
        start(join);
        String w = witness(mf(f), c);
        stableTexts.add(w);
        return w;
    }

    private String switchExpression(SwitchExpressionTree s) {
        String f = field("$t", "java.lang.Object");
        String sel = expr(s.getExpression());
        Block exit = newBlock();
        List<? extends CaseTree> cases = s.getCases();
        List<Block> bodies = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Block fallback = exit;
        for (CaseTree c : cases) {
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
            fallback = cfg.newBlock(handler);
            fallback.line = line(s);
            fallback.code.add(new Cfg.Exit(t("throw new java.lang.IncompatibleClassChangeError();"), line(s)));
            fallback.terminated = true;
        }
        add(new Cfg.Dispatch(t(paren(sel)), labels, bodies, fallback, line(s)));
        targets.push(new Target(List.of(s), exit, null, fins.size(), f));
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            start(bodies.get(i));
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree value) {
                    code(mf(f) + " = " + expr(value) + ";", value);
                    jump(exit);
                } else {
                    stmt((StatementTree) body, false);
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
        String w = witness(mf(f), s);
        stableTexts.add(w);
        return w;
    }

}
