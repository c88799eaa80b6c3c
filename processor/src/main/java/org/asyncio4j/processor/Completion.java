package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a statement copied as it is can complete normally (JLS 14.22), so that the lowering knows
 * if the jump it adds after it is reachable for javac. Three answers: the rules it applies exactly
 * give CAN or CANNOT; anything else is UNKNOWN, and the caller keeps the jump reachable another way.
 */
final class Completion {
    enum Result { CAN, CANNOT, UNKNOWN }

    private Completion() {}

    /** The breaks, continues and yields under {@code body}, each with its {@link Node#jumpTarget}. */
    static List<Node> jumpsIn(Node body) {
        List<Node> out = new ArrayList<>();
        body.forEach(n -> {
            if (n.jumpTarget != null) {
                out.add(n);
            }
        });
        return out;
    }

    /** {@code jumps}: the body's breaks and continues ({@link #jumpsIn}). */
    static Result of(Node s, List<Node> jumps) {
        switch (s.kind) {
            case EXPRESSION_STATEMENT, VARIABLE, EMPTY_STATEMENT, ASSERT, CLASS, ENHANCED_FOR_LOOP:
                return Result.CAN;
            case THROW:
                return Result.CANNOT;
            case BLOCK: {
                List<Node> st = s.statements;
                return st.isEmpty() ? Result.CAN : of(st.get(st.size() - 1), jumps);
            }
            case IF: {
                if (s.elseStatement == null) {
                    return Result.CAN;
                }
                return either(of(s.thenStatement, jumps), of(s.elseStatement, jumps));
            }
            case WHILE_LOOP:
            case FOR_LOOP:
                return loop(s, s.condition, jumps);
            case DO_WHILE_LOOP: {
                Result r = loop(s, s.condition, jumps);
                // a do whose condition is false runs its body once: it completes if the body does, or
                // a continue goes to the condition (JLS 14.22); do { throw e; } while (false) does not
                return r == Result.CAN && isLiteral(s.condition, false)
                        ? either(either(of(s.statement, jumps), exits(s, Node.Kind.BREAK, jumps)),
                                exits(s, Node.Kind.CONTINUE, jumps))
                        : r;
            }
            case SYNCHRONIZED:
                return of(s.block, jumps);
            case TRY: {
                if (s.finallyBlock != null) {
                    Result f = of(s.finallyBlock, jumps);
                    if (f != Result.CAN) {
                        return f;
                    }
                }
                Result r = of(s.block, jumps);
                for (Node c : s.catches) {
                    r = either(r, of(c.block, jumps));
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
    private static Result loop(Node loop, Node cond, List<Node> jumps) {
        cond = cond == null ? null : cond.unparenthesized();
        boolean alwaysTrue = cond == null || isLiteral(cond, true);
        if (!alwaysTrue) {
            // a literal false completes; any other condition may be a constant expression javac folds
            return cond.kind.isLiteral() ? Result.CAN : Result.UNKNOWN;
        }
        Result r = exits(loop, Node.Kind.BREAK, jumps);
        return r == Result.CAN ? Result.CAN : r == Result.UNKNOWN ? Result.UNKNOWN : Result.CANNOT;
    }

    private static boolean isLiteral(Node cond, boolean value) {
        return Boolean.valueOf(value).equals(cond.unparenthesized().value);
    }

    /**
     * Whether a break (or continue) of the body reaches {@code target}: CAN if one does, CANNOT if none.
     * A jump from inside a try whose finally cannot complete normally is lost in the finally (JLS 14.22:
     * it does not exit): {@code while (true) { try { break; } finally { throw e; } }} never completes.
     */
    private static Result exits(Node target, Node.Kind kind, List<Node> jumps) {
        Result r = Result.CANNOT;
        for (Node j : jumps) {
            if (j.jumpTarget == target && j.kind == kind) {
                r = either(r, throughFinallies(j, target, jumps));
            }
        }
        return r;
    }

    /** CAN if every finally between {@code jump} and {@code target} can complete normally. */
    private static Result throughFinallies(Node jump, Node target, List<Node> jumps) {
        List<Node> chain = new ArrayList<>(); // target first, then each node down to the jump's parent
        if (!pathTo(target, jump, chain)) {
            return Result.UNKNOWN;
        }
        Result r = Result.CAN;
        for (int i = chain.size() - 1; i > 0; i--) {
            Node child = i + 1 < chain.size() ? chain.get(i + 1) : jump;
            Node t = chain.get(i);
            if (t.kind == Node.Kind.TRY && t.finallyBlock != null && t.finallyBlock != child) {
                Result f = of(t.finallyBlock, jumps);
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

    /** Adds {@code from} and the nodes down to {@code to}'s parent to {@code chain}, if {@code to} is under {@code from}. */
    private static boolean pathTo(Node from, Node to, List<Node> chain) {
        if (from == to) {
            return true;
        }
        chain.add(from);
        for (Node c : from.children) {
            if (pathTo(c, to, chain)) {
                return true;
            }
        }
        chain.remove(chain.size() - 1);
        return false;
    }
}
