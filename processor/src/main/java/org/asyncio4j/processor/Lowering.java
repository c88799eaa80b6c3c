package org.asyncio4j.processor;

import org.asyncio4j.processor.Cfg.Block;

/**
 * Lowers an {@code @Async} body into a {@link Cfg}: statements that contain an await or a jump out
 * of themselves become basic blocks; every other statement is copied as it is. Expressions that
 * contain awaits are flattened in Java's evaluation order: operands evaluated before an await are
 * saved in fields (never evaluated twice) and read back as their type, or through a {@code Witness}
 * that restates the original expression so that javac types it.
 *
 * <p>One lowerer per construct family, all writing through one {@link LoweringState}: awaits
 * ({@link AwaitLowering}), expressions ({@link ExprLowering}), statements ({@link StatementLowering}),
 * loops and labels ({@link LoopLowering}), switch ({@link SwitchLowering}), try, catch, finally and
 * resources ({@link TryLowering}). Each reaches the others through this class, where they are wired.
 *
 * <p>Pure with respect to javac: it reads the model ({@link Node}), and writes only its own CFG.
 */
final class Lowering {
    final LoweringState state;
    final AwaitLowering awaits;
    final ExprLowering exprs;
    final StatementLowering statements;
    final LoopLowering loops;
    final SwitchLowering switches;
    final TryLowering tries;

    Lowering(LoweringState.Context context) {
        this.state = new LoweringState(context);
        this.awaits = new AwaitLowering(this);
        this.exprs = new ExprLowering(this);
        this.statements = new StatementLowering(this);
        this.loops = new LoopLowering(this);
        this.switches = new SwitchLowering(this);
        this.tries = new TryLowering(this);
    }

    Cfg lower(Node body) {
        awaits.findTargetTyped(body);
        state.jumps = Completion.jumpsIn(body);
        state.start(state.cfg.newBlock(null));
        statements.block(body, true);
        if (!state.cur.terminated) {
            state.exit("throw new java.lang.IllegalStateException(\"end of @Async body reached without return\");", body);
        }
        return finish();
    }

    Cfg lowerExpression(Node body) {
        awaits.findTargetTyped(body);
        state.jumps = Completion.jumpsIn(body);
        state.start(state.cfg.newBlock(null));
        statements.returnOf(body, body);
        return finish();
    }

    private Cfg finish() {
        for (Block b : state.cfg.blocks) {
            if (b.id < 0) {
                b.id = state.nextId++;
            }
        }
        state.cfg.blocks.sort(java.util.Comparator.comparingInt(b -> b.id));
        for (Block b : state.cfg.blocks) {
            b.line = LoweringState.resumeLine(b);
        }
        return state.cfg;
    }
}
