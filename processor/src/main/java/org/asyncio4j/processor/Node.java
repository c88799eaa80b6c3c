package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The processor's model of one statement or expression of an {@code @Async} body, built once by
 * {@link NodeReader} (the one place that reads javac's trees for it) and read by the lowering.
 *
 * <p>What javac's syntax tree says is kept with javac's names ({@link #condition}, {@link #thenStatement},
 * {@link #arguments}, ...), so that the model reads like the language specification; what the reading
 * stages resolved about it is attached right here instead of in side tables: the {@link #local} an
 * identifier names or a declaration declares, whether it holds an await ({@link #hasAwait}), the
 * statement a {@code break} leaves ({@link #jumpTarget}), what a lambda captures, the certain types
 * of calls. The lowering copies the user's text of a node ({@link NodeText}); {@link #start} and
 * {@link #end} are its offsets in {@link #file}.
 *
 * <p>Fields a kind does not have stay null (a node) or empty (a list), except {@link #initializers},
 * which is null for {@code new int[n]} and empty for {@code new int[] {}}, as in Java.
 */
final class Node {
    /** The kinds the lowering tells apart; every other construct is {@link #OTHER} (copied as text). */
    enum Kind {
        // statements
        BLOCK, VARIABLE, EXPRESSION_STATEMENT, IF, WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP,
        LABELED_STATEMENT, SWITCH, CASE, TRY, CATCH, RETURN, THROW, BREAK, CONTINUE, YIELD, ASSERT, SYNCHRONIZED,
        EMPTY_STATEMENT, CLASS,
        // expressions
        METHOD_INVOCATION, MEMBER_SELECT, IDENTIFIER, NEW_CLASS, NEW_ARRAY, ARRAY_ACCESS, TYPE_CAST, INSTANCE_OF,
        ASSIGNMENT, CONDITIONAL_EXPRESSION, PARENTHESIZED, SWITCH_EXPRESSION, LAMBDA_EXPRESSION, MEMBER_REFERENCE,
        INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, CHAR_LITERAL, STRING_LITERAL,
        NULL_LITERAL,
        // unary operators
        PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT, UNARY_MINUS, UNARY_PLUS,
        BITWISE_COMPLEMENT, LOGICAL_COMPLEMENT,
        // binary operators
        MULTIPLY, DIVIDE, REMAINDER, PLUS, MINUS, LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT, LESS_THAN,
        GREATER_THAN, LESS_THAN_EQUAL, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO, AND, XOR, OR, CONDITIONAL_AND,
        CONDITIONAL_OR,
        // compound assignments
        MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT, PLUS_ASSIGNMENT, MINUS_ASSIGNMENT,
        LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT, AND_ASSIGNMENT,
        XOR_ASSIGNMENT, OR_ASSIGNMENT,
        // types and patterns
        PRIMITIVE_TYPE, UNION_TYPE, PARAMETERIZED_TYPE, BINDING_PATTERN,
        // Java 21's record patterns and case labels (mapped by name: javac 17 has no such kinds)
        DECONSTRUCTION_PATTERN, CONSTANT_CASE_LABEL, PATTERN_CASE_LABEL, DEFAULT_CASE_LABEL,
        OTHER;

        boolean isLiteral() {
            return compareTo(INT_LITERAL) >= 0 && compareTo(NULL_LITERAL) <= 0;
        }

        boolean isUnary() {
            return compareTo(PREFIX_INCREMENT) >= 0 && compareTo(LOGICAL_COMPLEMENT) <= 0;
        }

        boolean isIncDec() {
            return compareTo(PREFIX_INCREMENT) >= 0 && compareTo(POSTFIX_DECREMENT) <= 0;
        }

        boolean isBinary() {
            return compareTo(MULTIPLY) >= 0 && compareTo(CONDITIONAL_OR) <= 0;
        }

        boolean isCompoundAssignment() {
            return compareTo(MULTIPLY_ASSIGNMENT) >= 0 && compareTo(OR_ASSIGNMENT) <= 0;
        }

        boolean isLoop() {
            return this == WHILE_LOOP || this == DO_WHILE_LOOP || this == FOR_LOOP || this == ENHANCED_FOR_LOOP;
        }
    }

    /** {@code case A ->} or {@code case A:}. */
    enum CaseKind { STATEMENT, RULE }

    final Kind kind;
    /** The source file's text, shared by every node of the file. */
    final String file;
    /** Offsets in {@link #file}, or -1 for a node javac synthesised (no position). */
    final int start;
    final int end;
    /** The source lines of the first and last character; 0 without a position. */
    final int line;
    final int endLine;
    /** javac's rendering of a node without a position (such as the type of {@code var}); else null. */
    final String printed;
    /** Every child, in the order javac's {@code TreeScanner} visits them (source order but for rare cases). */
    final List<Node> children = new ArrayList<>();

    // ------------------------------------------------------------------ what the source says
    /** An identifier's name, a member select's member, a label, a declared variable's name. */
    String name;
    /** A literal's value. */
    Object value;
    CaseKind caseKind;
    Node expression;
    Node condition;
    Node statement;
    Node thenStatement;
    Node elseStatement;
    Node trueExpression;
    Node falseExpression;
    Node leftOperand;
    Node rightOperand;
    Node variable;
    Node initializer;
    Node type;
    Node index;
    Node block;
    Node finallyBlock;
    Node methodSelect;
    Node enclosingExpression;
    Node identifier;
    Node classBody;
    Node detail;
    /** A case rule's body (an expression, a block or a throw). */
    Node body;
    /** The parameter of a catch. */
    Node parameter;
    /** The variable a binding pattern declares ({@code T name}, here or as an instanceof's whole pattern); else null. */
    Node binding;
    /** An instanceof's pattern ({@code T name}, {@code P(int a, var b)}); null for {@code x instanceof T}. */
    Node pattern;
    /** A case's guard ({@code case Integer i when i > 3}); null without one (and always on javac 17). */
    Node guard;
    List<Node> statements = List.of();
    List<Node> arguments = List.of();
    List<Node> typeArguments = List.of();
    List<Node> cases = List.of();
    /** A case's constant labels ({@code case A, B}); empty for {@code default} and for patterns. */
    List<Node> expressions = List.of();
    /**
     * A case's labels as written, from javac 21 on (the {@code *_CASE_LABEL} kinds: {@code case null, default}
     * is two labels); empty on javac 17, whose labels of patterns are a preview.
     */
    List<Node> labels = List.of();
    List<Node> catches = List.of();
    List<Node> resources = List.of();
    List<Node> dimensions = List.of();
    List<Node> initializers;
    List<Node> forInit = List.of();
    List<Node> update = List.of();
    List<Node> typeAlternatives = List.of();

    // ------------------------------------------------------------------ what the reading stages resolved
    /** The local an identifier names, or that a declaration (variable, parameter, binding) declares. */
    Local local;
    /** An expression (not a statement, a type, a case...). */
    boolean isExpression;
    /** An await inside (at any depth, outside lambdas and classes). */
    boolean hasAwait;
    /** A statement that holds an await, or a jump out of itself: it is split into blocks, not copied. */
    boolean needsLowering;
    /** {@code Await.on(..)}, {@code Await.each(..)}, {@code Await.yield(..)}, {@code Task.completed(..)}. */
    boolean isAwait;
    boolean isEach;
    boolean isYield;
    boolean isTaskCompleted;
    /** The statement a break or continue leaves, the switch expression a yield completes. */
    Node jumpTarget;
    /** The enclosing body's locals a lambda or class body captures; null for none. */
    Set<Local> captures;
    /** The call an async lambda of this body becomes; null for anything else. */
    String replacement;
    /** Asked for certain types, which the reading stage looks up on first request only. */
    Types types;

    /**
     * The certain types of the elements (CallTypes), looked up by the reading stage when the lowering asks:
     * looking up every call and name of every body up front would cost compile time for nothing.
     */
    interface Types {
        /** The certain type of awaiting {@code task}, or null. */
        String awaited(Node task);

        /** The certain type of a call or a field read (an operand kept in a field across an await), or null. */
        String spill(Node operand);

        /** The certain type of the iterator of a for-each over {@code iterable} ({@code async}: {@code Await.each}), or null. */
        String iterator(Node iterable, boolean async);
    }

    Node(Kind kind, String file, int start, int end, int line, int endLine, String printed) {
        this.kind = kind;
        this.file = file;
        this.start = start;
        this.end = end;
        this.line = line;
        this.endLine = endLine;
        this.printed = printed;
    }

    /** The certain type of awaiting this expression, where the elements make it certain; else null. */
    String awaitedType() {
        return types.awaited(this);
    }

    /** The certain type of this call or field read, for the field that keeps it across an await; else null. */
    String spillType() {
        return types.spill(this);
    }

    /** The type of the iterator a for-each over this expression walks, where certain; else null. */
    String iteratorType(boolean async) {
        return types.iterator(this, async);
    }

    boolean hasPosition() {
        return start >= 0 && end > start;
    }

    /** The text the user wrote for this node (javac's rendering for one it synthesised). */
    String text() {
        return start < 0 || end < start ? printed : file.substring(start, end);
    }

    /** This node without the parentheses around it. */
    Node unparenthesized() {
        Node n = this;
        while (n.kind == Kind.PARENTHESIZED) {
            n = n.expression;
        }
        return n;
    }

    /** {@code a.b.C} for a name or a chain of names, as javac prints it; null for anything else. */
    String qualifiedName() {
        if (kind == Kind.IDENTIFIER) {
            return name;
        }
        if (kind == Kind.MEMBER_SELECT) {
            String q = expression.qualifiedName();
            return q == null ? null : q + "." + name;
        }
        return null;
    }

    /**
     * This node and every node under it that the machine itself runs, parents first: not lambdas or local
     * and anonymous classes, whose bodies run elsewhere (their declarations, returns and locals are not
     * the body's).
     */
    void forEachInBody(java.util.function.Consumer<Node> action) {
        if (kind == Kind.LAMBDA_EXPRESSION || kind == Kind.CLASS) {
            return;
        }
        action.accept(this);
        for (Node c : children) {
            c.forEachInBody(action);
        }
    }

    /** This node and every node under it, parents first. */
    void forEach(java.util.function.Consumer<Node> action) {
        action.accept(this);
        for (Node c : children) {
            c.forEach(action);
        }
    }

    @Override
    public String toString() {
        return kind + " at line " + line + ": " + text();
    }
}
