package org.asyncio4j.processor;

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
final class ExprLowering extends LoweringPart {
    ExprLowering(Lowering lowering) {
        super(lowering);
    }


    /** The text of {@code e}, valid at the current point: awaits inside it have been emitted before. */
    @Override
    String expr(Node e) {
        if (e == null) {
            return null;
        }
        if (!hasAwait(e)) {
            return render(e);
        }
        if (e.isAwait) {
            lowering.awaits.suspendOn(e);
            return lowering.awaits.awaitedValue(e);
        }
        if (e.kind.isCompoundAssignment()) {
            return compoundAssignment(e);
        }
        return switch (e.kind) {
            case PARENTHESIZED -> "(" + expr(e.expression) + ")";
            case CONDITIONAL_AND, CONDITIONAL_OR -> shortCircuit(e);
            case CONDITIONAL_EXPRESSION -> conditional(e);
            case SWITCH_EXPRESSION -> lowering.switches.switchExpression(e);
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
    String compoundAssignment(Node a) {
        // A local is only changed by this body: unless the right side itself assigns it, re-reading
        // it after the await gives the value Java read before (the op= itself is not such an assignment).
        if (!hasAwait(a.expression) || isStable(a.variable, a.expression)) {
            return compose(a, evaluationOrder(a));
        }
        Map<Node, String> overrides = new IdentityHashMap<>();
        for (Node op : lvalueParts(a.variable)) {
            overrides.put(op, spill(expr(op), op, a));
        }
        String lhs = render(a.variable, overrides);
        String old = field("$t", "java.lang.Object");
        code(machineField(old) + " = " + lhs + ";", a);
        String rhs = expr(a.expression);
        String c = "$c" + (++compoundTemps);
        code("var " + c + " = " + witness(machineField(old), a.variable) + ";", a);
        String op = switch (a.kind) {
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
    List<Node> evaluationOrder(Node e) {
        List<Node> out = new ArrayList<>();
        switch (e.kind) {
            case METHOD_INVOCATION -> {
                if (e.methodSelect.kind == Node.Kind.MEMBER_SELECT) {
                    out.add(e.methodSelect.expression);
                }
                out.addAll(e.arguments);
            }
            case NEW_CLASS -> {
                if (e.enclosingExpression != null) {
                    out.add(e.enclosingExpression);
                }
                out.addAll(e.arguments);
            }
            case NEW_ARRAY -> {
                out.addAll(e.dimensions);
                if (e.initializers != null) {
                    out.addAll(e.initializers);
                }
            }
            case ARRAY_ACCESS -> {
                out.add(e.expression);
                out.add(e.index);
            }
            case MEMBER_SELECT, TYPE_CAST, INSTANCE_OF -> out.add(e.expression);
            case ASSIGNMENT -> {
                out.addAll(lvalueParts(e.variable));
                out.add(e.expression);
            }
            default -> {
                if (e.kind.isBinary()) {
                    out.add(e.leftOperand);
                    out.add(e.rightOperand);
                } else if (e.kind.isIncDec()) {
                    out.addAll(lvalueParts(e.expression));
                } else if (e.kind.isUnary()) {
                    out.add(e.expression);
                } else if (e.kind.isCompoundAssignment()) {
                    out.addAll(lvalueParts(e.variable));
                    out.add(e.expression);
                } else {
                    throw new IllegalStateException("Await.on inside a " + e.kind + " expression is not supported yet");
                }
            }
        }
        return out;
    }

    /** The sub-expressions evaluated to find the variable of an assignment (not its old value). */
    static List<Node> lvalueParts(Node lhs) {
        lhs = lhs.unparenthesized();
        if (lhs.kind == Node.Kind.ARRAY_ACCESS) {
            return List.of(lhs.expression, lhs.index);
        }
        if (lhs.kind == Node.Kind.MEMBER_SELECT) {
            return List.of(lhs.expression);
        }
        return List.of();
    }

    String compose(Node e, List<Node> operands) {
        int last = -1;
        for (int i = 0; i < operands.size(); i++) {
            if (hasAwait(operands.get(i))) {
                last = i;
            }
        }
        Map<Node, String> overrides = new IdentityHashMap<>();
        for (int i = 0; i < last; i++) {
            Node op = operands.get(i);
            String t = expr(op);
            overrides.put(op, spill(t, op, e));
        }
        Node lastOp = operands.get(last);
        overrides.put(lastOp, expr(lastOp));
        return render(e, overrides);
    }

    /** Saves an operand evaluated before a later await, unless re-reading it later gives the same value. */
    String spill(String text, Node operand, Node whole) {
        if (state.stableTexts.contains(text) || isStable(operand, whole)) {
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
    private String knownType(Node t) {
        switch (t.kind) {
            case PARENTHESIZED -> {
                return knownType(t.expression);
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
                String a = knownType(t.leftOperand);
                String b = knownType(t.rightOperand);
                return isString(a) || isString(b) ? "java.lang.String" : promoted(a, b);
            }
            case MULTIPLY, DIVIDE, REMAINDER, MINUS -> {
                return promoted(knownType(t.leftOperand), knownType(t.rightOperand));
            }
            case AND, OR, XOR -> {
                String a = knownType(t.leftOperand);
                String b = knownType(t.rightOperand);
                return "boolean".equals(unboxed(a)) && "boolean".equals(unboxed(b)) ? "boolean" : integral(promoted(a, b));
            }
            case LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> {
                return integral(promoted(knownType(t.leftOperand), "int")); // the left operand's type, promoted alone
            }
            case UNARY_MINUS, UNARY_PLUS -> {
                return promoted(knownType(t.expression), "int");
            }
            case BITWISE_COMPLEMENT -> {
                return integral(promoted(knownType(t.expression), "int"));
            }
            case LESS_THAN, GREATER_THAN, LESS_THAN_EQUAL, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO, CONDITIONAL_AND,
                    CONDITIONAL_OR, LOGICAL_COMPLEMENT, INSTANCE_OF -> {
                return "boolean";
            }
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> {
                return knownType(t.expression); // the variable's own type (i++ of an Integer is an Integer)
            }
            case TYPE_CAST -> {
                String cast = t.type.hasPosition() ? t.type.text().strip() : null;
                return cast != null && PLAIN_TYPES.contains(cast) ? cast : null;
            }
            case IDENTIFIER -> {
                Local l = t.local;
                if (l == null) {
                    return t.spillType(); // a field
                }
                return l.written != Local.Written.NONE && l.typeText != null && PLAIN_TYPES.contains(l.typeText.strip())
                        ? l.typeText.strip() : null;
            }
            case MEMBER_SELECT -> {
                return t.spillType(); // a field: this.log, System.out
            }
            case METHOD_INVOCATION -> {
                if (!t.isAwait) {
                    return t.spillType();
                }
                if (t.arguments.size() != 1) {
                    return null;
                }
                String x = lowering.awaits.awaitedTypeOf(t.arguments.get(0));
                return x != null && PLAIN_TYPES.contains(x) ? x : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** The primitive a plain type is or unboxes to; null for String and unknown types. */
    private static String unboxed(String type) {
        if (type == null) {
            return null;
        }
        String simple = type.startsWith("java.lang.") ? type.substring("java.lang.".length()) : type;
        return switch (simple) {
            case "int", "long", "short", "byte", "char", "boolean", "float", "double" -> simple;
            case "Integer" -> "int";
            case "Character" -> "char";
            case "Long", "Short", "Byte", "Boolean", "Float", "Double" -> simple.toLowerCase(java.util.Locale.ROOT);
            default -> null;
        };
    }

    /** Binary numeric promotion (JLS 5.6) of two plain types; null if either is not numeric. */
    private static String promoted(String a, String b) {
        String x = unboxed(a);
        String y = unboxed(b);
        if (x == null || y == null || x.equals("boolean") || y.equals("boolean")) {
            return null;
        }
        for (String wide : List.of("double", "float", "long")) {
            if (x.equals(wide) || y.equals(wide)) {
                return wide;
            }
        }
        return "int";
    }

    private static String integral(String promoted) {
        return "int".equals(promoted) || "long".equals(promoted) ? promoted : null;
    }

    private static boolean isString(String type) {
        return "java.lang.String".equals(type) || "String".equals(type);
    }

    boolean isStable(Node t, Node whole) {
        switch (t.kind) {
            case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, CHAR_LITERAL,
                    STRING_LITERAL, NULL_LITERAL, LAMBDA_EXPRESSION, MEMBER_REFERENCE -> {
                return true;
            }
            case PARENTHESIZED -> {
                return isStable(t.expression, whole);
            }
            case IDENTIFIER -> {
                String n = t.name;
                if (n.equals("this") || n.equals("super")) {
                    return true;
                }
                Local l = t.local;
                if (l != null) {
                    return !assignedWithin(l, whole);
                }
                return !context.fieldNames().contains(n); // a type or package name; a field may change meanwhile
            }
            case MEMBER_SELECT -> {
                return t.name.equals("class") || isQualifiedTypeName(t);
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
    static boolean isConstant(Node t) {
        switch (t.kind) {
            case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, CHAR_LITERAL, STRING_LITERAL -> {
                return true;
            }
            case PARENTHESIZED, UNARY_MINUS, UNARY_PLUS, BITWISE_COMPLEMENT, LOGICAL_COMPLEMENT -> {
                return isConstant(t.expression);
            }
            case DIVIDE, REMAINDER -> {
                // may throw (division by zero), which must happen before the await: only a
                // literal non-zero divisor is safe
                Node d = t.rightOperand.unparenthesized();
                return isConstant(t.leftOperand) && d.value instanceof Number n && n.doubleValue() != 0;
            }
            case TYPE_CAST -> {
                return (t.type.kind == Node.Kind.PRIMITIVE_TYPE || "String".equals(t.type.qualifiedName()))
                        && isConstant(t.expression);
            }
            case CONDITIONAL_EXPRESSION -> {
                return isConstant(t.condition) && isConstant(t.trueExpression) && isConstant(t.falseExpression);
            }
            default -> {
                return t.kind.isBinary() && isConstant(t.leftOperand) && isConstant(t.rightOperand);
            }
        }
    }

    /**
     * {@code java.util.Arrays} in {@code java.util.Arrays.asList(.., Await.on(t))}: a type is not a
     * value and cannot be saved. Without attribution, a name chain rooted at a package or type
     * (not a local or field) whose last name starts upper-case is taken for a type, by Java's naming
     * convention; {@code Foo.counter} (a static field, which may change meanwhile) is still saved.
     */
    boolean isQualifiedTypeName(Node select) {
        if (select.name.isEmpty() || !Character.isUpperCase(select.name.charAt(0))) {
            return false;
        }
        Node e = select.expression;
        while (e.kind == Node.Kind.MEMBER_SELECT) {
            e = e.expression;
        }
        return e.kind == Node.Kind.IDENTIFIER && e.local == null && !context.fieldNames().contains(e.name);
    }

    boolean assignedWithin(Local l, Node whole) {
        if (!context.reassigned().contains(l)) {
            return false;
        }
        boolean[] found = {false};
        whole.forEach(n -> {
            Node target = n.kind == Node.Kind.ASSIGNMENT || n.kind.isCompoundAssignment() ? n.variable
                    : n.kind.isIncDec() ? n.expression : null;
            if (target != null && target.kind == Node.Kind.IDENTIFIER && target.local == l) {
                found[0] = true;
            }
        });
        return found[0];
    }

    String shortCircuit(Node b) {
        String f = field("$b", "boolean");
        code(machineField(f) + " = " + expr(b.leftOperand) + ";", b);
        Block join = newBlock();
        branch(b.kind == Node.Kind.CONDITIONAL_AND ? "!" + machineField(f) : machineField(f), join);
        code(machineField(f) + " = " + expr(b.rightOperand) + ";", b);
        start(join);
        state.stableTexts.add(machineField(f));
        return machineField(f);
    }

    String conditional(Node c) {
        String f = field("$t", "java.lang.Object");
        String cond = expr(c.condition);
        Block elseB = newBlock();
        Block join = newBlock();
        branch("!" + paren(cond), elseB);
        code(machineField(f) + " = " + expr(c.trueExpression) + ";", c);
        jump(join);
        start(elseB);
        code(machineField(f) + " = " + expr(c.falseExpression) + ";", c);
        start(join);
        String w = witness(machineField(f), c);
        state.stableTexts.add(w);
        return w;
    }
}
