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

    Calls(CompilationUnitTree cu) {
        boolean on = false;
        for (ImportTree imp : cu.getImports()) {
            if (imp.isStatic()) {
                String q = imp.getQualifiedIdentifier().toString();
                if (q.equals("org.asyncio4j.Await.on") || q.equals("org.asyncio4j.Await.*")) {
                    on = true;
                }
            }
        }
        this.onImported = on;
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
