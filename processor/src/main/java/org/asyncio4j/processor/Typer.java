package org.asyncio4j.processor;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.Scope;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.UnionType;
import javax.lang.model.util.SimpleTypeVisitor14;
import javax.lang.model.util.Types;

/**
 * Finds the declarable type of a {@code var} local (or a multi-catch parameter) that must become a
 * field, with {@link Trees#getScope}: it attributes a copy of the body, leaving the user's trees
 * untouched (TYPES.md; never {@code Trees.getElement} inside a body). Called only for locals that
 * are hoisted, since each call costs a few milliseconds.
 */
final class Typer {
    /** The type could not be resolved yet (it mentions a class generated in this round). */
    static final class Defer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Defer(String what) {
            super(what, null, false, false);
        }
    }

    /** The type exists but cannot be written in the generated source. */
    static final class Unnamable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Local local;

        Unnamable(String why, Local local) {
            super(why, null, false, false);
            this.local = local;
        }
    }

    /**
     * javac itself failed while attributing the body to answer {@link Trees#getScope}. Seen on JDK 17
     * only: during annotation processing its class trees carry no type, and attributing an unqualified
     * instance-method call inside a {@code ?:} that is a method argument
     * ({@code f(c ? later() : now())}) dereferences it. The body is valid and JDK 21+ types it.
     */
    static final class JavacFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Local local;

        JavacFailed(Local local, Throwable cause) {
            super(cause.toString(), cause, false, false);
            this.local = local;
        }
    }

    private final Trees trees;
    private final Types types;

    Typer(Trees trees, Types types) {
        this.trees = trees;
        this.types = types;
    }

    String typeOf(Local l) {
        return declarable(mirrorOf(l), l);
    }

    /** The type javac gives local {@code l} (from the scope where it is declared). */
    TypeMirror mirrorOf(Local l) {
        TreePath at = scopePath(l);
        Scope scope;
        try {
            scope = trees.getScope(at);
        } catch (RuntimeException | AssertionError e) {
            throw new JavacFailed(l, e);
        }
        for (Scope s = scope; s != null; s = s.getEnclosingScope()) {
            for (Element e : s.getLocalElements()) {
                if (!e.getSimpleName().contentEquals(l.name)) {
                    continue;
                }
                switch (e.getKind()) {
                    case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE -> {
                        return e.asType();
                    }
                    default -> { }
                }
            }
            if (s.getEnclosingMethod() == null) {
                break;
            }
        }
        throw new Defer("the type of '" + l.name + "' was not found in scope");
    }

    private TreePath scopePath(Local l) {
        if (l.kind == Local.Kind.BINDING && l.firstUse != null) {
            return l.firstUse; // a binding is in scope where it is used, not where its pattern declares it
        }
        TreePath p = l.declPath;
        TreePath parent = p.getParentPath();
        Tree pl = parent.getLeaf();
        if (pl instanceof EnhancedForLoopTree f) {
            return new TreePath(parent, f.getStatement());
        }
        if (pl instanceof CatchTree c) {
            return new TreePath(parent, c.getBlock());
        }
        if (pl instanceof TryTree t) {
            return new TreePath(parent, t.getBlock());
        }
        return p;
    }

    String declarable(TypeMirror t, Local l) {
        if (t.getKind() == TypeKind.ERROR || t.getKind() == TypeKind.NONE) {
            throw new Defer("the type of '" + l.name + "' is not resolved yet");
        }
        if (t instanceof UnionType u) {
            return declarable(lub(u.getAlternatives()), l);
        }
        String why = t.accept(new Checker(), null);
        if (why != null) {
            throw new Unnamable(why, l);
        }
        return TypeName.get(t).toString();
    }

    private TypeMirror lub(List<? extends TypeMirror> alternatives) {
        TypeMirror candidate = alternatives.get(0);
        while (candidate != null) {
            boolean all = true;
            for (TypeMirror a : alternatives) {
                if (!types.isSubtype(types.erasure(a), types.erasure(candidate))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return candidate;
            }
            List<? extends TypeMirror> supers = types.directSupertypes(candidate);
            candidate = supers.isEmpty() ? null : supers.get(0);
        }
        return alternatives.get(0);
    }

    /** Returns why a type cannot be written in generated source, or null if it can. */
    private static final class Checker extends SimpleTypeVisitor14<String, Void> {
        @Override
        protected String defaultAction(TypeMirror t, Void p) {
            return null;
        }

        @Override
        public String visitIntersection(javax.lang.model.type.IntersectionType t, Void p) {
            return "its type is an intersection type (" + t + ")";
        }

        @Override
        public String visitTypeVariable(javax.lang.model.type.TypeVariable t, Void p) {
            return t.toString().contains("capture#") ? "its type contains a captured wildcard (" + t + ")" : null;
        }

        @Override
        public String visitArray(javax.lang.model.type.ArrayType t, Void p) {
            return t.getComponentType().accept(this, p);
        }

        @Override
        public String visitWildcard(javax.lang.model.type.WildcardType t, Void p) {
            if (t.getExtendsBound() != null) {
                return t.getExtendsBound().accept(this, p);
            }
            return t.getSuperBound() == null ? null : t.getSuperBound().accept(this, p);
        }

        @Override
        public String visitDeclared(DeclaredType t, Void p) {
            TypeElement e = (TypeElement) t.asElement();
            if (e.getNestingKind() == NestingKind.ANONYMOUS) {
                return "its type is an anonymous class";
            }
            if (e.getNestingKind() == NestingKind.LOCAL) {
                return "its type is the local class " + e.getSimpleName();
            }
            for (Element x = e; x != null && x.getKind() != ElementKind.PACKAGE; x = x.getEnclosingElement()) {
                if (x.getModifiers().contains(Modifier.PRIVATE)) {
                    return "its type " + e.getQualifiedName() + " is private";
                }
            }
            for (TypeMirror arg : t.getTypeArguments()) {
                String why = arg.accept(this, p);
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
    }
}
