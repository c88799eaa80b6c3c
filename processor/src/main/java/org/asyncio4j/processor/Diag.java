package org.asyncio4j.processor;

import com.sun.source.tree.Tree;

/**
 * One compile error (or warning) of the processor: a stable tag users can search for, the tree it points at,
 * what is wrong and how to fix it.
 */
record Diag(Tag tag, Tree at, String message, boolean isWarning) {

    Diag(Tag tag, Tree at, String message) {
        this(tag, at, message, false);
    }

    /** A warning: the code compiles and the machine is generated, but it likely misbehaves. */
    static Diag warning(Tag tag, Tree at, String message) {
        return new Diag(tag, at, message, true);
    }

    /** The stable tags. Their names appear in messages as {@code [AsyncXxx]}; never rename one. */
    enum Tag {
        AsyncAwaitOutsideAsync,
        AsyncAwaitInLambda,
        AsyncLambdaTarget,
        AsyncAwaitInClass,
        AsyncAwaitInSynchronized,
        AsyncMethodModifier,
        AsyncReturnType,
        AsyncClassFinal,
        AsyncClassPrivate,
        AsyncInnerClass,
        AsyncNoConstructor,
        AsyncPrivateMember,
        AsyncUnnamableVar,
        AsyncLocalClass,
        AsyncSuperCall,
        AsyncUnresolvedType,
        AsyncVarNeedsType,
        AsyncNeedsJavac,
        AsyncBlockingCall,
        AsyncDroppedTask,
        AsyncBlueprintConstructed,
        AsyncEachOutsideFor,
        AsyncYieldOutsideGenerator,
        AsyncGeneratorReturn,
        AsyncYieldType,
        AsyncPatternSwitch,
        AsyncInternalError
    }

    String text() {
        return "[" + tag + "] " + message;
    }
}
