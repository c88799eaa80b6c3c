package org.asyncio4j.processor;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.asyncio4j.processor.Cfg.Block;

/**
 * Lowering of expressions that contain awaits: flattened in Java's evaluation order, operands
 * evaluated before an await saved in fields (never evaluated twice), short-circuit and conditional
 * operators and switch expressions turned into branches.
 */
abstract class ExprLowering extends LoweringBase {
    ExprLowering(Context context) {
        super(context);
    }


    /** The text of {@code e}, valid at the current point: awaits inside it have been emitted before. */
    @Override
    String expr(ExpressionTree e) {
        if (e == null) {
            return null;
        }
        if (!hasAwait(e)) {
            return render(e);
        }
        if (context.calls().isAwait(e)) {
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

    int compoundTemps;

    /**
     * {@code v op= rhs} with an await in rhs. Java saves the old value of v BEFORE evaluating rhs
     * (JLS 15.26.2), so {@code a |= Await.on(f(a += 3))} or {@code fld += Await.on(t)} (another
     * task may change fld while this one is suspended) must not re-read v after the await. The old
     * value is saved in an Object temp, read back into a local of v's own type (so the implicit
     * narrowing cast of op= still happens), and v is assigned from it. Unneeded when re-reading v
     * gives the same value (a local not assigned in rhs). (found by fuzz seed 20261122)
     */
    String compoundAssignment(CompoundAssignmentTree a) {
        // A local is only changed by this body: unless the right side itself assigns it, re-reading
        // it after the await gives the value Java read before (the op= itself is not such an assignment).
        if (!hasAwait(a.getExpression()) || isStable(a.getVariable(), a.getExpression())) {
            return compose(a, evaluationOrder(a));
        }
        Map<Tree, String> overrides = new IdentityHashMap<>();
        for (Tree op : lvalueParts(a.getVariable())) {
            overrides.put(op, spill(expr((ExpressionTree) op), op, a));
        }
        String lhs = render(a.getVariable(), overrides);
        String old = field("$t", "java.lang.Object");
        code(machineField(old) + " = " + lhs + ";", a);
        String rhs = expr(a.getExpression());
        String c = "$c" + (++compoundTemps);
        code("var " + c + " = " + witness(machineField(old), a.getVariable()) + ";", a);
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
    List<Tree> evaluationOrder(ExpressionTree e) {
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

    static boolean isIncDec(UnaryTree u) {
        return switch (u.getKind()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
            default -> false;
        };
    }

    /** The sub-expressions evaluated to find the variable of an assignment (not its old value). */
    static List<Tree> lvalueParts(ExpressionTree lhs) {
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

    String compose(ExpressionTree e, List<Tree> operands) {
        int last = -1;
        for (int i = 0; i < operands.size(); i++) {
            if (hasAwait(operands.get(i))) {
                last = i;
            }
        }
        Map<Tree, String> overrides = new IdentityHashMap<>();
        for (int i = 0; i < last; i++) {
            Tree op = operands.get(i);
            String t = expr((ExpressionTree) op);
            overrides.put(op, spill(t, op, e));
        }
        Tree lastOp = operands.get(last);
        overrides.put(lastOp, expr((ExpressionTree) lastOp));
        return render(e, overrides);
    }

    /** Saves an operand evaluated before a later await, unless re-reading it later gives the same value. */
    String spill(String text, Tree operand, Tree whole) {
        if (stableTexts.contains(text) || isStable(operand, whole)) {
            return text;
        }
        String known = knownType(operand);
        if (known != null) {
            String t = field("$t", known);
            code(machineField(t) + " = " + text + ";", operand);
            return machineField(t);
        }
        String t = field("$t", "java.lang.Object");
        code(machineField(t) + " = " + text + ";", operand);
        return witness(machineField(t), operand);
    }

    private static final Set<String> PLAIN_TYPES = Set.of("int", "long", "short", "byte", "char", "boolean", "float",
            "double", "String", "Integer", "Long", "Short", "Byte", "Character", "Boolean", "Float", "Double",
            "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
            "java.lang.Character", "java.lang.Boolean", "java.lang.Float", "java.lang.Double");

    /**
     * The type of an operand when the source says it plainly: a literal, a string concatenation, a local
     * declared with a primitive, boxed or String type, an await of a local declared {@code Task<Integer>}
     * and the like, or a call or field whose type the elements make certain ({@link CallTypes}). A spilled operand of such a type gets a field of that type, read back as it is; any
     * other operand keeps an Object field read through a witness. Null when not plain.
     */
    private String knownType(Tree t) {
        switch (t.getKind()) {
            case PARENTHESIZED -> {
                return knownType(((ParenthesizedTree) t).getExpression());
            }
            case STRING_LITERAL -> {
                return "java.lang.String";
            }
            case INT_LITERAL -> {
                return "int";
            }
            case LONG_LITERAL -> {
                return "long";
            }
            case BOOLEAN_LITERAL -> {
                return "boolean";
            }
            case CHAR_LITERAL -> {
                return "char";
            }
            case DOUBLE_LITERAL -> {
                return "double";
            }
            case FLOAT_LITERAL -> {
                return "float";
            }
            case PLUS -> {
                BinaryTree b = (BinaryTree) t;
                return isString(knownType(b.getLeftOperand())) || isString(knownType(b.getRightOperand()))
                        ? "java.lang.String" : null;
            }
            case IDENTIFIER -> {
                Local l = context.resolver().refs.get((IdentifierTree) t);
                if (l == null) {
                    return context.callTypes().spillType((IdentifierTree) t); // a field
                }
                return l.typeTree != null && l.typeText != null && PLAIN_TYPES.contains(l.typeText.strip())
                        ? l.typeText.strip() : null;
            }
            case MEMBER_SELECT -> {
                return context.callTypes().spillType((MemberSelectTree) t); // a field: this.log, System.out
            }
            case METHOD_INVOCATION -> {
                if (!context.calls().isAwait(t)) {
                    return context.callTypes().spillType((MethodInvocationTree) t);
                }
                if (((MethodInvocationTree) t).getArguments().size() != 1) {
                    return null;
                }
                String x = awaitedTypeOf(((MethodInvocationTree) t).getArguments().get(0));
                return x != null && PLAIN_TYPES.contains(x) ? x : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean isString(String type) {
        return "java.lang.String".equals(type) || "String".equals(type);
    }

    boolean isStable(Tree t, Tree whole) {
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
                Local l = context.resolver().refs.get(id);
                if (l != null) {
                    return !assignedWithin(l, whole);
                }
                return !context.fieldNames().contains(n); // a type or package name; a field may change meanwhile
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
    static boolean isConstant(Tree t) {
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
    boolean isQualifiedTypeName(MemberSelectTree ms) {
        if (ms.getIdentifier().length() == 0 || !Character.isUpperCase(ms.getIdentifier().charAt(0))) {
            return false;
        }
        ExpressionTree e = ms.getExpression();
        while (e instanceof MemberSelectTree inner) {
            e = inner.getExpression();
        }
        return e instanceof IdentifierTree root && context.resolver().refs.get(root) == null
                && !context.fieldNames().contains(root.getName().toString());
    }

    boolean assignedWithin(Local l, Tree whole) {
        if (!context.resolver().reassigned.contains(l)) {
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
                if (target instanceof IdentifierTree id && context.resolver().refs.get(id) == l) {
                    found[0] = true;
                }
            }
        }.scan(whole, null);
        return found[0];
    }

    String shortCircuit(BinaryTree b) {
        String f = field("$b", "boolean");
        code(machineField(f) + " = " + expr(b.getLeftOperand()) + ";", b);
        Block join = newBlock();
        branch(b.getKind() == Tree.Kind.CONDITIONAL_AND ? "!" + machineField(f) : machineField(f), join);
        code(machineField(f) + " = " + expr(b.getRightOperand()) + ";", b);
        start(join);
        stableTexts.add(machineField(f));
        return machineField(f);
    }

    String conditional(ConditionalExpressionTree c) {
        String f = field("$t", "java.lang.Object");
        String cond = expr(c.getCondition());
        Block elseB = newBlock();
        Block join = newBlock();
        branch("!" + paren(cond), elseB);
        code(machineField(f) + " = " + expr(c.getTrueExpression()) + ";", c);
        jump(join);
        start(elseB);
        code(machineField(f) + " = " + expr(c.getFalseExpression()) + ";", c);
        start(join);
        String w = witness(machineField(f), c);
        stableTexts.add(w);
        return w;
    }

    String switchExpression(SwitchExpressionTree s) {
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
            fallback.code.add(new Cfg.Exit(javaText("throw new java.lang.IncompatibleClassChangeError();"), line(s)));
            fallback.terminated = true;
        }
        add(new Cfg.Dispatch(javaText(paren(sel)), labels, bodies, fallback, line(s)));
        targets.push(new Target(List.of(s), exit, null, fins.size(), f));
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            start(bodies.get(i));
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree value) {
                    code(machineField(f) + " = " + expr(value) + ";", value);
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
        String w = witness(machineField(f), s);
        stableTexts.add(w);
        return w;
    }
}
