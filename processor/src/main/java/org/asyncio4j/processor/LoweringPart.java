package org.asyncio4j.processor;

import java.util.Map;
import org.asyncio4j.processor.Cfg.Block;

/**
 * What every lowerer of a construct family has: the body's one {@link LoweringState}, the lowerers of
 * the other families (through {@link Lowering}, which wires them), and the same short vocabulary for
 * both ({@code code(..)}, {@code newBlock()}, {@code expr(..)}, {@code stmt(..)}), so that each
 * family's code reads as the lowering of its construct and nothing else. The methods below only
 * forward; state lives in {@link LoweringState}, the lowering of a construct in its family's class.
 */
abstract class LoweringPart {
    static final String WITNESS = LoweringState.WITNESS;
    static final String FOR_EACH = LoweringState.FOR_EACH;
    static final String ASYNC_CLOSEABLE = LoweringState.ASYNC_CLOSEABLE;

    final Lowering lowering;
    final LoweringState state;
    final LoweringState.Context context;
    /** The machine's parameter name in the resume method ({@code m}). */
    final String machine;

    LoweringPart(Lowering lowering) {
        this.lowering = lowering;
        this.state = lowering.state;
        this.context = state.context;
        this.machine = state.machine;
    }

    // ------------------------------------------------------------------ emission (LoweringState)

    int line(Node at) {
        return state.line(at);
    }

    Block newBlock() {
        return state.newBlock();
    }

    void start(Block b) {
        state.start(b);
    }

    void add(Cfg.Ins ins) {
        state.add(ins);
    }

    void code(String text, Node at) {
        state.code(text, at);
    }

    void exit(String text, Node at) {
        state.exit(text, at);
    }

    void jump(Block b) {
        state.jump(b);
    }

    void branch(String cond, Block target) {
        state.branch(cond, target);
    }

    void suspend(String task, Node at) {
        state.suspend(task, at);
    }

    String field(String prefix, String type) {
        return state.field(prefix, type);
    }

    String machineField(String fieldName) {
        return state.machineField(fieldName);
    }

    JavaText javaText(String text) {
        return state.javaText(text);
    }

    String awaitedText() {
        return state.awaitedText();
    }

    String render(Node n) {
        return state.render(n);
    }

    String render(Node n, Map<Node, String> overrides) {
        return state.render(n, overrides);
    }

    String restated(Node n) {
        return state.restated(n);
    }

    String witness(String value, Node original) {
        return state.witness(value, original);
    }

    static boolean hasAwait(Node n) {
        return LoweringState.hasAwait(n);
    }

    static String paren(String c) {
        return LoweringState.paren(c);
    }

    // ------------------------------------------------------------------ the other families

    /** The text of {@code e}, valid at the current point (awaits inside it emitted before): {@link ExprLowering}. */
    String expr(Node e) {
        return lowering.exprs.expr(e);
    }

    /** Lowers one statement: {@link StatementLowering}. */
    void stmt(Node s, boolean lastInBlock) {
        lowering.statements.stmt(s, lastInBlock);
    }

    /** Lowers the statements of a block: {@link StatementLowering}. */
    void block(Node b, boolean methodBody) {
        lowering.statements.block(b, methodBody);
    }

    /** Declares a local: {@link StatementLowering}. */
    void variable(Node v) {
        lowering.statements.variable(v);
    }

    /** An expression run for its effect (a statement, a for update, a case rule's expression): {@link StatementLowering}. */
    void expressionStatement(Node e, Node at) {
        lowering.statements.expressionStatement(e, at);
    }

    /** Clears the hoisted reference locals declared in {@code n} when it is left: {@link StatementLowering}. */
    void clearDeclaredIn(Node n) {
        lowering.statements.clearDeclaredIn(n);
    }
}
