package org.asyncio4j.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import java.util.List;
import java.util.Map;

/**
 * Whether a statement copied as it is can complete normally (JLS 14.22), so that the lowering knows
 * if the jump it adds after it is reachable for javac. Three answers: the rules it applies exactly
 * give CAN or CANNOT; anything else is UNKNOWN, and the caller keeps the jump reachable another way.
 */
final class Completion {
    enum Result { CAN, CANNOT, UNKNOWN }

    private Completion() {}

    /** {@code jumpTargets}: each break/continue of the body and the statement it targets (AwaitScan). */
    static Result of(Tree s, Map<Tree, Tree> jumpTargets) {
        switch (s.getKind()) {
            case EXPRESSION_STATEMENT, VARIABLE, EMPTY_STATEMENT, ASSERT, CLASS, ENHANCED_FOR_LOOP:
                return Result.CAN;
            case THROW:
                return Result.CANNOT;
            case BLOCK: {
                List<? extends StatementTree> st = ((BlockTree) s).getStatements();
                return st.isEmpty() ? Result.CAN : of(st.get(st.size() - 1), jumpTargets);
            }
            case IF: {
                IfTree i = (IfTree) s;
                if (i.getElseStatement() == null) {
                    return Result.CAN;
                }
                return either(of(i.getThenStatement(), jumpTargets), of(i.getElseStatement(), jumpTargets));
            }
            case WHILE_LOOP:
                return loop(s, ((WhileLoopTree) s).getCondition(), jumpTargets);
            case DO_WHILE_LOOP:
                return loop(s, ((DoWhileLoopTree) s).getCondition(), jumpTargets);
            case FOR_LOOP:
                return loop(s, ((ForLoopTree) s).getCondition(), jumpTargets);
            case SYNCHRONIZED:
                return of(((SynchronizedTree) s).getBlock(), jumpTargets);
            case TRY: {
                TryTree t = (TryTree) s;
                if (t.getFinallyBlock() != null) {
                    Result f = of(t.getFinallyBlock(), jumpTargets);
                    if (f != Result.CAN) {
                        return f;
                    }
                }
                Result r = of(t.getBlock(), jumpTargets);
                for (CatchTree c : t.getCatches()) {
                    r = either(r, of(c.getBlock(), jumpTargets));
                }
                return r;
            }
            default:
                return Result.UNKNOWN; // switch, labeled statements, ...
        }
    }

    /** A statement that completes when either of its branches does. */
    private static Result either(Result a, Result b) {
        if (a == Result.CAN || b == Result.CAN) {
            return Result.CAN;
        }
        return a == Result.CANNOT && b == Result.CANNOT ? Result.CANNOT : Result.UNKNOWN;
    }

    /** A loop completes unless its condition is the literal true (or absent) and no break leaves it. */
    private static Result loop(Tree loop, ExpressionTree cond, Map<Tree, Tree> jumpTargets) {
        while (cond instanceof ParenthesizedTree p) {
            cond = p.getExpression();
        }
        boolean alwaysTrue = cond == null || (cond instanceof LiteralTree l && Boolean.TRUE.equals(l.getValue()));
        if (!alwaysTrue) {
            // a literal false completes; any other condition may be a constant expression javac folds
            return cond instanceof LiteralTree ? Result.CAN : Result.UNKNOWN;
        }
        for (Map.Entry<Tree, Tree> j : jumpTargets.entrySet()) {
            if (j.getValue() == loop && j.getKey().getKind() == Tree.Kind.BREAK) {
                return Result.CAN;
            }
        }
        return Result.CANNOT;
    }
}
