package org.asyncio4j.processor;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Name;

/**
 * Finds what forces a statement to be lowered into the state machine: an await inside it, or a
 * jump ({@code return}, {@code break}, {@code continue}, {@code yield}) that leaves it. Everything
 * else is copied as it is. Also reports awaits where they cannot be (lambda, class, synchronized).
 */
final class AwaitScan extends TreePathScanner<Void, Void> {
    final Set<Tree> hasAwait = Collections.newSetFromMap(new IdentityHashMap<>());
    final Set<Tree> hasEscape = Collections.newSetFromMap(new IdentityHashMap<>());
    /** For each break/continue/yield: the statement or switch expression it targets. */
    final Map<Tree, Tree> jumpTargets = new IdentityHashMap<>();
    final List<Diag> diags = new ArrayList<>();
    final List<MethodInvocationTree> awaits = new ArrayList<>();
    /** Lambdas of this body whose functional method returns a Task and that await: each gets a machine of its own. */
    final Set<LambdaExpressionTree> asyncLambdas = new java.util.LinkedHashSet<>();
    private final Calls calls;
    private final Tree body;
    private final java.util.function.Function<TreePath, LambdaTargets.Kind> lambdaKind;

    AwaitScan(Calls calls, Tree body) {
        this(calls, body, lambda -> LambdaTargets.Kind.NOT_TASK);
    }

    AwaitScan(Calls calls, Tree body, java.util.function.Function<TreePath, LambdaTargets.Kind> lambdaKind) {
        this.calls = calls;
        this.body = body;
        this.lambdaKind = lambdaKind;
    }

    boolean needsLowering(Tree t) {
        return hasAwait.contains(t) || hasEscape.contains(t);
    }

    /** True for the body of an async generator (an {@code @Async} method returning AsyncIterable): it may yield. */
    boolean generator;

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
        if (calls.isAwait(node)) {
            awaits.add(node);
            suspensionPoint(node, getCurrentPath(), "Await.on");
        } else if (calls.isEach(node)) {
            TreePath parent = getCurrentPath().getParentPath();
            if (parent.getLeaf() instanceof EnhancedForLoopTree f && f.getExpression() == node) {
                suspensionPoint(node, parent, "Await.each");
            } else {
                diags.add(new Diag(Diag.Tag.AsyncEachOutsideFor, node, "Await.each(source) only works as the"
                        + " expression of an enhanced for loop in an @Async body: 'for (T x : Await.each(source)) { ... }'."
                        + " To collect every element, await source.toList(); to step by hand, await"
                        + " it.hasNext() and call it.next() on an AsyncIterator."));
            }
        } else if (Calls.isYield(node)) {
            yieldPoint(node);
        }
        return super.visitMethodInvocation(node, p);
    }

    /**
     * An await (or an Await.each loop) at {@code node}; {@code marked} is the tree that suspends
     * (the await itself, or the for loop whose steps await): it and its ancestors are lowered, unless
     * a lambda, class or synchronized block stands between it and the body.
     */
    private void suspensionPoint(MethodInvocationTree node, TreePath marked, String what) {
        Tree blocker = null;
        TreePath blockerPath = null;
        for (TreePath up = getCurrentPath().getParentPath(); up != null && up.getLeaf() != body; up = up.getParentPath()) {
            Tree l = up.getLeaf();
            if (l instanceof LambdaExpressionTree || l instanceof ClassTree || l.getKind() == Tree.Kind.SYNCHRONIZED) {
                blocker = l;
                blockerPath = up;
            }
        }
        LambdaTargets.Kind kind = blocker instanceof LambdaExpressionTree ? lambdaKind.apply(blockerPath) : null;
        if (kind == LambdaTargets.Kind.TASK) {
            asyncLambdas.add((LambdaExpressionTree) blocker); // its own body is scanned when it is lowered
        } else if (kind == LambdaTargets.Kind.UNKNOWN) {
            diags.add(new Diag(Diag.Tag.AsyncLambdaTarget, node, what + " is inside a lambda whose type asyncio4j"
                    + " cannot tell (it works without attributing the body): only a lambda whose functional method"
                    + " returns a Task may await. Give the lambda a visible type, e.g. 'Supplier<Task<T>> body ="
                    + " () -> { ... };' (or a cast), or pass it straight to a method of a class whose parameter type"
                    + " is declared (TaskGroup.spawn, Asyncio.createTask)."));
        } else if (blocker instanceof LambdaExpressionTree) {
            diags.add(new Diag(Diag.Tag.AsyncAwaitInLambda, node, what + " cannot be used inside this lambda: its"
                    + " functional method does not return a Task (a Runnable, a Consumer, forEach...), so it would run"
                    + " outside any task. Make the lambda return a Task, e.g. 'tg.spawn(() -> { var r = Await.on(t);"
                    + " return Task.completed(r); })', or make its work an @Async method and await that."));
        } else if (blocker instanceof ClassTree) {
            diags.add(new Diag(Diag.Tag.AsyncAwaitInClass, node, what + " cannot be used inside an anonymous"
                    + " or local class: its methods are not part of the state machine. Move the code into an"
                    + " @Async method of the enclosing class."));
        } else if (blocker != null) {
            diags.add(new Diag(Diag.Tag.AsyncAwaitInSynchronized, node, what + " cannot be used inside a"
                    + " synchronized block: the task would suspend while holding the monitor, and resume on"
                    + " the loop thread later. Use org.asyncio4j.sync.Lock (try (var held ="
                    + " Await.on(lock.acquire())) {...}) instead."));
        } else {
            markUpTo(marked, null, hasAwait);
        }
    }

    /** {@code Await.yield(v)}: a suspension of a generator's own body, nowhere else. */
    private void yieldPoint(MethodInvocationTree node) {
        if (!generator) {
            diags.add(new Diag(Diag.Tag.AsyncYieldOutsideGenerator, node, "Await.yield only works in the body of an"
                    + " async generator: an @Async method that returns org.asyncio4j.AsyncIterable<T> (and ends with"
                    + " 'return AsyncIterable.end();'). Change the method's return type, or move the loop into such"
                    + " a method and consume it with 'for (T x : Await.each(generator(...)))'."));
            return;
        }
        if (insideOpaque() || !(getCurrentPath().getParentPath().getLeaf() instanceof ExpressionStatementTree)) {
            diags.add(new Diag(Diag.Tag.AsyncYieldOutsideGenerator, node, "Await.yield cannot be used inside a lambda"
                    + " or class, even in a generator: only the generator's own body yields. Write the loop in the"
                    + " generator's body itself."));
            return;
        }
        markUpTo(getCurrentPath(), null, hasAwait);
    }

    /**
     * A try-with-resources is always lowered, even without an await inside: a resource may be an
     * AsyncCloseable (known only at run time to the generated code), whose exit awaits
     * closeAsync(pending); copied as plain Java it would call close(), which throws.
     * (found by fuzz seed 20261122)
     */
    @Override
    public Void visitTry(TryTree node, Void p) {
        if (!node.getResources().isEmpty()) {
            if (!insideOpaque()) {
                markUpTo(getCurrentPath(), null, hasAwait);
            } else {
                // likewise in a Task-returning lambda: it becomes an async lambda even without an await
                TreePath outer = null;
                for (TreePath up = getCurrentPath().getParentPath(); up != null && up.getLeaf() != body; up = up.getParentPath()) {
                    if (up.getLeaf() instanceof LambdaExpressionTree || up.getLeaf() instanceof ClassTree) {
                        outer = up;
                    }
                }
                if (outer != null && outer.getLeaf() instanceof LambdaExpressionTree l
                        && lambdaKind.apply(outer) == LambdaTargets.Kind.TASK) {
                    asyncLambdas.add(l);
                }
            }
        }
        return super.visitTry(node, p);
    }

    @Override
    public Void visitReturn(ReturnTree node, Void p) {
        if (!insideOpaque()) {
            markUpTo(getCurrentPath(), null, hasEscape);
            if (generator && !Calls.isEnd(node.getExpression())) {
                diags.add(new Diag(Diag.Tag.AsyncGeneratorReturn, node, "an async generator ends with 'return"
                        + " AsyncIterable.end();' and returns nothing else: its elements are what it passes to"
                        + " Await.yield. To emit every element of another source, write 'for (T x :"
                        + " Await.each(source)) { Await.yield(x); }' before the return."));
            }
        }
        return super.visitReturn(node, p);
    }

    @Override
    public Void visitBreak(BreakTree node, Void p) {
        jump(node, node.getLabel(), false);
        return null;
    }

    @Override
    public Void visitContinue(ContinueTree node, Void p) {
        jump(node, node.getLabel(), true);
        return null;
    }

    @Override
    public Void visitYield(YieldTree node, Void p) {
        super.visitYield(node, p);
        for (TreePath up = getCurrentPath().getParentPath(); up != null; up = up.getParentPath()) {
            if (up.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION) {
                jumpTargets.put(node, up.getLeaf());
                markUpTo(getCurrentPath(), up.getLeaf(), hasEscape);
                return null;
            }
        }
        return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return super.visitLambdaExpression(node, p);
    }

    private boolean insideOpaque() {
        for (TreePath up = getCurrentPath().getParentPath(); up != null && up.getLeaf() != body; up = up.getParentPath()) {
            if (up.getLeaf() instanceof LambdaExpressionTree || up.getLeaf() instanceof ClassTree) {
                return true;
            }
        }
        return false;
    }

    private void jump(Tree node, Name label, boolean isContinue) {
        if (insideOpaque()) {
            return;
        }
        Tree target = null;
        for (TreePath up = getCurrentPath().getParentPath(); up != null; up = up.getParentPath()) {
            Tree l = up.getLeaf();
            if (label != null) {
                if (l instanceof LabeledStatementTree ls && ls.getLabel().contentEquals(label)) {
                    target = isContinue ? ls.getStatement() : ls;
                    break;
                }
            } else if (isLoop(l) || (!isContinue && l.getKind() == Tree.Kind.SWITCH)) {
                target = l;
                break;
            }
        }
        if (target != null) {
            jumpTargets.put(node, target);
            markUpTo(getCurrentPath(), target, hasEscape);
        }
    }

    static boolean isLoop(Tree t) {
        return switch (t.getKind()) {
            case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP -> true;
            default -> false;
        };
    }

    /** Marks the leaf and its ancestors up to (not including) {@code stop}, or up to the body. */
    private void markUpTo(TreePath path, Tree stop, Set<Tree> set) {
        for (TreePath up = path; up != null; up = up.getParentPath()) {
            Tree l = up.getLeaf();
            if (l == stop) {
                return;
            }
            set.add(l);
            if (l == body) {
                return;
            }
        }
    }
}
