package org.asyncio4j.processor;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.Tree;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Java 21's case labels and guards ({@code CaseTree.getLabels()}, {@code getGuard()}), final from javac 21
 * and read reflectively because the processor is compiled against javac 17's API, where they are a
 * preview of another shape ({@code case String s && s.isEmpty()}). On javac 17 a switch with patterns
 * that must be split into states is refused instead ({@link Validator#patternSwitches}).
 */
final class CaseTrees {
    private CaseTrees() {}

    /** Whether the javac running the processor has the final API (and the lowering splits pattern switches). */
    static final boolean JAVA_21 = Runtime.version().feature() >= 21;

    private static final Method LABELS = JAVA_21 ? method("getLabels") : null;
    private static final Method GUARD = JAVA_21 ? method("getGuard") : null;

    private static Method method(String name) {
        try {
            return CaseTree.class.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("javac " + Runtime.version().feature() + " has no CaseTree." + name, e);
        }
    }

    /** The labels as written ({@code case null, default} is two); javac 21 and later only. */
    @SuppressWarnings("unchecked")
    static List<? extends Tree> labels(CaseTree c) {
        return (List<? extends Tree>) call(LABELS, c);
    }

    /** The guard after {@code when}, or null; javac 21 and later only. */
    static Tree guard(CaseTree c) {
        return (Tree) call(GUARD, c);
    }

    private static Object call(Method m, CaseTree c) {
        try {
            return m.invoke(c);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CaseTree." + m.getName() + " failed", e);
        }
    }
}
