package org.asyncio4j.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;

/**
 * Recognises the calls the processor rewrites, syntactically: {@code Await.on(...)} (also fully
 * qualified, or statically imported) and {@code Task.completed(...)}.
 */
final class Calls {
    private final boolean onImported;
    private final boolean eachImported;

    Calls(CompilationUnitTree cu) {
        boolean on = false;
        boolean each = false;
        for (ImportTree imp : cu.getImports()) {
            if (imp.isStatic()) {
                String q = imp.getQualifiedIdentifier().toString();
                if (q.equals("org.asyncio4j.Await.on") || q.equals("org.asyncio4j.Await.*")) {
                    on = true;
                }
                if (q.equals("org.asyncio4j.Await.each") || q.equals("org.asyncio4j.Await.*")) {
                    each = true;
                }
            }
        }
        this.onImported = on;
        this.eachImported = each;
    }

    /** {@code Await.each(source)}: only meaningful as the expression of an enhanced for. */
    boolean isEach(Tree t) {
        if (!(t instanceof MethodInvocationTree mi) || mi.getArguments().size() != 1) {
            return false;
        }
        ExpressionTree sel = mi.getMethodSelect();
        if (sel instanceof MemberSelectTree ms) {
            return ms.getIdentifier().contentEquals("each") && isAwaitClass(ms.getExpression());
        }
        return eachImported && sel instanceof IdentifierTree id && id.getName().contentEquals("each");
    }

    /** {@code Await.yield(value)}: always qualified (an unqualified call of a method named yield is not Java). */
    static boolean isYield(Tree t) {
        return t instanceof MethodInvocationTree mi && mi.getArguments().size() == 1
                && mi.getMethodSelect() instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("yield")
                && isAwaitClass(ms.getExpression());
    }

    /** {@code AsyncIterable.end()}: what a generator returns. */
    static boolean isEnd(Tree t) {
        if (!(t instanceof MethodInvocationTree mi) || !mi.getArguments().isEmpty()
                || !(mi.getMethodSelect() instanceof MemberSelectTree ms) || !ms.getIdentifier().contentEquals("end")) {
            return false;
        }
        String q = ms.getExpression().toString();
        return q.equals("AsyncIterable") || q.equals("org.asyncio4j.AsyncIterable");
    }

    private static boolean isAwaitClass(ExpressionTree q) {
        String s = q.toString();
        return s.equals("Await") || s.equals("org.asyncio4j.Await");
    }

    boolean isAwait(Tree t) {
        if (!(t instanceof MethodInvocationTree mi)) {
            return false;
        }
        ExpressionTree sel = mi.getMethodSelect();
        if (sel instanceof MemberSelectTree ms) {
            if (!ms.getIdentifier().contentEquals("on")) {
                return false;
            }
            String q = ms.getExpression().toString();
            return q.equals("Await") || q.equals("org.asyncio4j.Await");
        }
        return onImported && sel instanceof IdentifierTree id && id.getName().contentEquals("on")
                && (mi.getArguments().size() == 1 || mi.getArguments().size() == 2);
    }

    /** {@code Task.completed(x)} or {@code Task.completed()}: returned without allocating a task. */
    static boolean isTaskCompleted(Tree t) {
        if (!(t instanceof MethodInvocationTree mi) || mi.getArguments().size() > 1) {
            return false;
        }
        if (mi.getMethodSelect() instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("completed")) {
            String q = ms.getExpression().toString();
            return q.equals("Task") || q.equals("org.asyncio4j.Task");
        }
        return false;
    }
}
