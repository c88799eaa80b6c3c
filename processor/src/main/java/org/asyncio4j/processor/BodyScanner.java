package org.asyncio4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreeScanner;

/**
 * Scans the statements the machine itself runs: it does not descend into lambdas or local and
 * anonymous classes, whose bodies run elsewhere (their declarations, returns and locals are not the
 * {@code @Async} method's).
 */
abstract class BodyScanner extends TreeScanner<Void, Void> {
    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return null;
    }

    @Override
    public Void visitClass(ClassTree node, Void p) {
        return null;
    }
}
