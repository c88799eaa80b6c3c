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
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
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
            case DO_WHILE_LOOP: {
                DoWhileLoopTree d = (DoWhileLoopTree) s;
                Result r = loop(s, d.getCondition(), jumpTargets);
                // a do whose condition is false runs its body once: it completes if the body does, or
                // a continue goes to the condition (JLS 14.22); do { throw e; } while (false) does not
                return r == Result.CAN && isLiteral(d.getCondition(), false)
                        ? either(either(of(d.getStatement(), jumpTargets), exits(s, Tree.Kind.BREAK, jumpTargets)),
                                exits(s, Tree.Kind.CONTINUE, jumpTargets))
                        : r;
            }
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
        boolean alwaysTrue = cond == null || isLiteral(cond, true);
        if (!alwaysTrue) {
            // a literal false completes; any other condition may be a constant expression javac folds
            return cond instanceof LiteralTree ? Result.CAN : Result.UNKNOWN;
        }
        Result r = exits(loop, Tree.Kind.BREAK, jumpTargets);
        return r == Result.CAN ? Result.CAN : r == Result.UNKNOWN ? Result.UNKNOWN : Result.CANNOT;
    }

    private static boolean isLiteral(ExpressionTree cond, boolean value) {
        while (cond instanceof ParenthesizedTree p) {
            cond = p.getExpression();
        }
        return cond instanceof LiteralTree l && Boolean.valueOf(value).equals(l.getValue());
    }

    /**
     * Whether a break (or continue) of the body reaches {@code target}: CAN if one does, CANNOT if none.
     * A jump from inside a try whose finally cannot complete normally is lost in the finally (JLS 14.22:
     * it does not exit): {@code while (true) { try { break; } finally { throw e; } }} never completes.
     */
    private static Result exits(Tree target, Tree.Kind kind, Map<Tree, Tree> jumpTargets) {
        Result r = Result.CANNOT;
        for (Map.Entry<Tree, Tree> j : jumpTargets.entrySet()) {
            if (j.getValue() == target && j.getKey().getKind() == kind) {
                r = either(r, throughFinallies(j.getKey(), target, jumpTargets));
            }
        }
        return r;
    }

    /** CAN if every finally between {@code jump} and {@code target} can complete normally. */
    private static Result throughFinallies(Tree jump, Tree target, Map<Tree, Tree> jumpTargets) {
        List<Tree> chain = new ArrayList<>(); // target first, then each tree down to the jump's parent
        List<Tree> stack = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree t, Void p) {
                if (t == null || !chain.isEmpty()) {
                    return null;
                }
                if (t == jump) {
                    chain.addAll(stack);
                    return null;
                }
                stack.add(t);
                super.scan(t, p);
                stack.remove(stack.size() - 1);
                return null;
            }
        }.scan(target, null);
        if (chain.isEmpty()) {
            return Result.UNKNOWN;
        }
        Result r = Result.CAN;
        for (int i = chain.size() - 1; i > 0; i--) {
            Tree child = i + 1 < chain.size() ? chain.get(i + 1) : jump;
            if (chain.get(i) instanceof TryTree t && t.getFinallyBlock() != null && t.getFinallyBlock() != child) {
                Result f = of(t.getFinallyBlock(), jumpTargets);
                if (f == Result.CANNOT) {
                    return Result.CANNOT;
                }
                if (f == Result.UNKNOWN) {
                    r = Result.UNKNOWN;
                }
            }
        }
        return r;
    }
}
