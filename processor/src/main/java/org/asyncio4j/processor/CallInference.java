package org.asyncio4j.processor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * The return type of a call of a generic method where its arguments' types decide it, whatever the call's
 * context: the part of Java's inference (JLS 18) that needs no target type. javac's own inference does not
 * run during annotation processing (TYPES.md), so {@link CallTypes} asks here before leaving a call to a
 * {@code Witness} read.
 *
 * <p>A type variable is decided by an <em>equality</em>: it is a type argument where the argument's type
 * must be the same ({@code waitFor(Task<T>, ..)} called with a {@code Task<String>}: T is String, in any
 * context). Or by <em>lower bounds</em> only ({@code sleep(Duration, T)} called with an {@code int}: T is
 * {@code Integer}, the lub of its lower bounds, JLS 18.4), which decides it only where no target type can
 * add an equality: where the variable is the whole type the context sees (the call's type, or the awaited
 * value's type for an await). Anything else (an argument of uncertain type whose parameter mentions a type
 * variable, upper bounds, {@code ? super}, varargs, a variable left to the context) gives null.
 */
final class CallInference {
    /** Where the call's type is used, which decides how far the context can change a variable decided by lower bounds. */
    enum Use {
        /** No target type: a receiver ({@code f(x).g()}), a for-each's iterable. */
        STANDALONE,
        /** An operand in an assignment or invocation context: the whole type may be the context's. */
        IN_CONTEXT,
        /** The task of an await: the awaited value's type may be the context's. */
        AWAITED
    }

    private final Types types;

    CallInference(Types types) {
        this.types = types;
    }

    /**
     * @param type the method's type as a member of its receiver (its own type variables free)
     * @param varargs whether the method is variable-arity
     * @param args the arguments' types, null where not certain
     * @param explicit the written type arguments ({@code Util.<String>same(x)}), null entries where not
     *     certain; empty when none are written
     * @return the return type with the method's type variables put in, or null when not certain
     */
    TypeMirror returnType(ExecutableType type, boolean varargs, List<TypeMirror> args, List<TypeMirror> explicit,
            Use use) {
        TypeMirror r = type.getReturnType();
        List<? extends TypeVariable> vars = type.getTypeVariables();
        if (vars.isEmpty()) {
            return r;
        }
        Map<Element, TypeMirror> chosen = new HashMap<>();
        if (!explicit.isEmpty()) {
            if (explicit.size() != vars.size() || explicit.contains(null)) {
                return null;
            }
            for (int i = 0; i < vars.size(); i++) {
                chosen.put(vars.get(i).asElement(), explicit.get(i));
            }
            return substitute(r, chosen);
        }
        Bounds b = new Bounds(vars);
        List<? extends TypeMirror> params = type.getParameterTypes();
        for (int i = 0; i < args.size(); i++) {
            if (i >= params.size() - 1 && varargs || i >= params.size()) {
                if (!params.isEmpty() && b.mentions(params.get(params.size() - 1))) {
                    return null; // an array or its elements: the phase javac picks decides
                }
                continue;
            }
            TypeMirror p = params.get(i);
            if (!b.mentions(p)) {
                continue;
            }
            if (args.get(i) == null || !b.subtype(args.get(i), p)) {
                return null;
            }
        }
        Set<Element> byLowerBounds = new HashSet<>();
        for (TypeVariable v : vars) {
            Element e = v.asElement();
            TypeMirror eq = b.equal.get(e);
            List<TypeMirror> lower = b.lower.getOrDefault(e, List.of());
            if (eq != null) {
                for (TypeMirror l : lower) {
                    if (!types.isSubtype(l, eq)) {
                        return null;
                    }
                }
                chosen.put(e, eq);
            } else if (!lower.isEmpty()) {
                for (TypeMirror l : lower) {
                    if (!types.isSameType(l, lower.get(0))) {
                        return null; // their lub: not worked out here
                    }
                }
                chosen.put(e, lower.get(0));
                byLowerBounds.add(e);
            } else if (b.mentions(r, Set.of(e))) {
                return null; // only the context decides it
            }
        }
        if (!byLowerBounds.isEmpty() && !contextCannotChange(r, byLowerBounds, use, b)) {
            return null;
        }
        return substitute(r, chosen);
    }

    /** Whether every variable decided by lower bounds is, in {@code r}, the whole type the context sees. */
    private boolean contextCannotChange(TypeMirror r, Set<Element> byLowerBounds, Use use, Bounds b) {
        switch (use) {
            case STANDALONE -> {
                return true;
            }
            case AWAITED -> {
                if (isOneOf(r, byLowerBounds)) {
                    return true; // id(task): the variable is the task's whole type, decided as in any context
                }
                DeclaredType task = r.getKind() == TypeKind.DECLARED ? Supertypes.find(types, r, AwaitedTypes::isTaskClass) : null;
                if (task != null && task.getTypeArguments().size() == 1) {
                    TypeMirror x = task.getTypeArguments().get(0);
                    if (x instanceof WildcardType w && w.getSuperBound() == null && w.getExtendsBound() != null) {
                        x = w.getExtendsBound();
                    }
                    return !b.mentions(x, byLowerBounds) || isOneOf(x, byLowerBounds);
                }
                return !b.mentions(r, byLowerBounds);
            }
            default -> {
                return !b.mentions(r, byLowerBounds) || isOneOf(r, byLowerBounds);
            }
        }
    }

    private static boolean isOneOf(TypeMirror t, Set<Element> vars) {
        return t instanceof TypeVariable v && vars.contains(v.asElement());
    }

    /** The bounds the arguments put on the method's type variables. */
    private final class Bounds {
        final Set<Element> vars = new HashSet<>();
        final Map<Element, TypeMirror> equal = new HashMap<>();
        final Map<Element, List<TypeMirror>> lower = new HashMap<>();

        Bounds(List<? extends TypeVariable> vs) {
            for (TypeVariable v : vs) {
                vars.add(v.asElement());
            }
        }

        boolean mentions(TypeMirror t) {
            return mentions(t, vars);
        }

        boolean mentions(TypeMirror t, Set<Element> which) {
            switch (t.getKind()) {
                case TYPEVAR -> {
                    return which.contains(((TypeVariable) t).asElement());
                }
                case DECLARED -> {
                    for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
                        if (mentions(a, which)) {
                            return true;
                        }
                    }
                    TypeMirror outer = ((DeclaredType) t).getEnclosingType();
                    return outer.getKind() == TypeKind.DECLARED && mentions(outer, which);
                }
                case ARRAY -> {
                    return mentions(((ArrayType) t).getComponentType(), which);
                }
                case WILDCARD -> {
                    WildcardType w = (WildcardType) t;
                    return w.getExtendsBound() != null && mentions(w.getExtendsBound(), which)
                            || w.getSuperBound() != null && mentions(w.getSuperBound(), which);
                }
                case INTERSECTION, UNION -> {
                    return true; // not followed: taken as mentioning, so that nothing is decided from it
                }
                default -> {
                    return false;
                }
            }
        }

        /** Records what {@code a <: p} (an argument passed for a parameter) says; false when it is beyond this class. */
        boolean subtype(TypeMirror a, TypeMirror p) {
            if (!mentions(p)) {
                return true;
            }
            if (p instanceof TypeVariable v) {
                if (a.getKind().isPrimitive()) {
                    a = types.boxedClass((PrimitiveType) a).asType();
                }
                if (a.getKind() != TypeKind.DECLARED && a.getKind() != TypeKind.ARRAY) {
                    return false;
                }
                if (a instanceof DeclaredType ad && ad.getTypeArguments().stream().anyMatch(x -> x.getKind() == TypeKind.WILDCARD)) {
                    return false; // javac captures the argument's wildcards: T would be a captured type
                }
                lower.computeIfAbsent(v.asElement(), k -> new java.util.ArrayList<>()).add(a);
                return true;
            }
            if (p instanceof ArrayType pa) {
                return a instanceof ArrayType aa && !aa.getComponentType().getKind().isPrimitive()
                        && subtype(aa.getComponentType(), pa.getComponentType());
            }
            if (p instanceof DeclaredType pd) {
                if (a.getKind() != TypeKind.DECLARED) {
                    return false; // a type variable's bounds, a primitive: not followed
                }
                DeclaredType s = Supertypes.find(types, a, e -> e.equals(pd.asElement()));
                if (s == null || s.getTypeArguments().size() != pd.getTypeArguments().size()) {
                    return false; // not that class, or raw (javac would erase the call's type)
                }
                for (int i = 0; i < pd.getTypeArguments().size(); i++) {
                    if (!contains(pd.getTypeArguments().get(i), s.getTypeArguments().get(i))) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }

        /** Records what "type argument {@code p} contains {@code a}" says (JLS 4.5.1). */
        private boolean contains(TypeMirror p, TypeMirror a) {
            if (!mentions(p)) {
                return true;
            }
            if (p instanceof TypeVariable v) {
                if (a.getKind() == TypeKind.WILDCARD) {
                    return false; // a captured variable: not nameable
                }
                TypeMirror had = equal.putIfAbsent(v.asElement(), a);
                return had == null || types.isSameType(had, a);
            }
            if (p instanceof WildcardType w) {
                if (w.getSuperBound() != null || w.getExtendsBound() == null) {
                    return false;
                }
                if (a instanceof WildcardType aw) {
                    return aw.getSuperBound() == null && aw.getExtendsBound() != null
                            && subtype(aw.getExtendsBound(), w.getExtendsBound());
                }
                return subtype(a, w.getExtendsBound());
            }
            if (p instanceof DeclaredType pd) {
                if (!(a instanceof DeclaredType ad) || !ad.asElement().equals(pd.asElement())
                        || ad.getTypeArguments().size() != pd.getTypeArguments().size()) {
                    return false;
                }
                for (int i = 0; i < pd.getTypeArguments().size(); i++) {
                    if (!contains(pd.getTypeArguments().get(i), ad.getTypeArguments().get(i))) {
                        return false;
                    }
                }
                return true;
            }
            if (p instanceof ArrayType pa) {
                return a instanceof ArrayType aa && !aa.getComponentType().getKind().isPrimitive()
                        && contains(pa.getComponentType(), aa.getComponentType());
            }
            return false;
        }
    }

    /** {@code t} with the chosen variables put in; null if javac refuses the result (a bound). */
    private TypeMirror substitute(TypeMirror t, Map<Element, TypeMirror> chosen) {
        try {
            return put(t, chosen);
        } catch (IllegalArgumentException outOfBounds) {
            return null;
        }
    }

    private TypeMirror put(TypeMirror t, Map<Element, TypeMirror> chosen) {
        switch (t.getKind()) {
            case TYPEVAR -> {
                TypeMirror c = chosen.get(((TypeVariable) t).asElement());
                return c != null ? c : t;
            }
            case ARRAY -> {
                return types.getArrayType(put(((ArrayType) t).getComponentType(), chosen));
            }
            case WILDCARD -> {
                WildcardType w = (WildcardType) t;
                return types.getWildcardType(w.getExtendsBound() == null ? null : put(w.getExtendsBound(), chosen),
                        w.getSuperBound() == null ? null : put(w.getSuperBound(), chosen));
            }
            case DECLARED -> {
                DeclaredType d = (DeclaredType) t;
                if (d.getTypeArguments().isEmpty()) {
                    return t;
                }
                TypeMirror[] args = new TypeMirror[d.getTypeArguments().size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = put(d.getTypeArguments().get(i), chosen);
                }
                TypeElement e = (TypeElement) d.asElement();
                TypeMirror outer = d.getEnclosingType();
                return outer instanceof DeclaredType od && !od.getTypeArguments().isEmpty()
                        ? types.getDeclaredType((DeclaredType) put(od, chosen), e, args)
                        : types.getDeclaredType(e, args);
            }
            default -> {
                return t;
            }
        }
    }
}
