package org.asyncio4j.processor;

import com.palantir.javapoet.TypeName;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * The result type of an await, where the source states it: the {@code X} of a local or parameter
 * declared {@code Task<X>} (or {@code CompletionStage<X>}, {@code CompletableFuture<X>}), as written; and
 * the X of a {@code Task<X>} type from elements, which {@link CallTypes} finds for calls. The generated
 * read then says it plainly, {@code m.<X>awaited($await)}, instead of restating the awaited
 * expression for javac to infer (a {@code Witness} read). Anything less certain (overloads, generic
 * methods, type variables, wildcards without an upper bound, types the generated class cannot name)
 * gives null, and the witness stays.
 */
final class AwaitedTypes {
    private AwaitedTypes() {}

    private static final Pattern TASK_TYPE = Pattern.compile(
            "(?:org\\.asyncio4j\\.)?Task|(?:java\\.util\\.concurrent\\.)?(?:CompletionStage|CompletableFuture)");

    private static final java.util.Set<String> TASK_CLASSES = java.util.Set.of("org.asyncio4j.Task",
            "java.util.concurrent.CompletionStage", "java.util.concurrent.CompletableFuture");

    /**
     * X for a local written {@code Task<X>} (or {@code Task<? extends X>}); like {@link Calls}, the simple
     * name {@code Task} is taken to be asyncio4j's. Null for {@code var}, other types, {@code <?>} and
     * {@code <? super X>}.
     */
    static String ofLocal(Local l) {
        if (l == null || l.typeTree == null || l.typeText == null) {
            return null;
        }
        String t = l.typeText.strip();
        int lt = t.indexOf('<');
        if (lt < 0 || !t.endsWith(">") || !TASK_TYPE.matcher(t.substring(0, lt).strip()).matches()) {
            return null;
        }
        String arg = t.substring(lt + 1, t.length() - 1).strip();
        if (arg.startsWith("? extends ")) {
            arg = arg.substring("? extends ".length()).strip();
        }
        if (arg.isEmpty() || arg.startsWith("?") || arg.contains("@") || topLevelComma(arg)) {
            return null;
        }
        return arg;
    }

    /** Whether {@code s} has a comma outside angle brackets (not a single type argument). */
    private static boolean topLevelComma(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    static boolean isTaskClass(TypeElement e) {
        return TASK_CLASSES.contains(e.getQualifiedName().toString());
    }

    /** X of {@code Task<X>}, {@code CompletionStage<X>} or {@code CompletableFuture<X>} when nameable; null otherwise. */
    static String resultOf(TypeMirror returned) {
        if (!(returned instanceof DeclaredType d) || d.getTypeArguments().size() != 1
                || !TASK_CLASSES.contains(((TypeElement) d.asElement()).getQualifiedName().toString())) {
            return null;
        }
        TypeMirror x = d.getTypeArguments().get(0);
        if (x instanceof WildcardType w) {
            x = w.getExtendsBound();
            if (x == null) {
                return null;
            }
        }
        return nameable(x) ? TypeName.get(x).toString() : null;
    }

    /** Whether {@code t} can be written in the generated subclass, in any scope: no type variables at all. */
    static boolean nameable(TypeMirror t) {
        switch (t.getKind()) {
            case DECLARED -> {
                DeclaredType d = (DeclaredType) t;
                TypeElement e = (TypeElement) d.asElement();
                if (e.getNestingKind() == NestingKind.ANONYMOUS || e.getNestingKind() == NestingKind.LOCAL) {
                    return false;
                }
                for (Element x = e; x != null && x.getKind() != ElementKind.PACKAGE; x = x.getEnclosingElement()) {
                    if (x.getModifiers().contains(Modifier.PRIVATE)) {
                        return false;
                    }
                }
                for (TypeMirror arg : d.getTypeArguments()) {
                    if (!nameable(arg)) {
                        return false;
                    }
                }
                return true;
            }
            case ARRAY -> {
                return nameable(((javax.lang.model.type.ArrayType) t).getComponentType());
            }
            case WILDCARD -> {
                WildcardType w = (WildcardType) t;
                TypeMirror b = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
                return b == null || nameable(b);
            }
            default -> {
                return t.getKind().isPrimitive() && t.getKind() != TypeKind.VOID;
            }
        }
    }
}
