package org.asyncio4j.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Tells whether a lambda's functional method returns a {@code Task}, which makes it an async lambda
 * (its body may await; it is compiled into a machine of its own). Bodies are not attributed during
 * processing, so the target type is found the way a reader finds it: the parameter of the method the
 * lambda is passed to (receiver's class, name, number of arguments), the type of the variable it
 * initialises, or a cast.
 */
final class LambdaTargets {
    enum Kind {
        /** The functional method returns a Task: an async lambda. */
        TASK,
        /** It returns something else (void for a Runnable or a Consumer). */
        NOT_TASK,
        /** The target could not be found (or overloads disagree). */
        UNKNOWN
    }

    private final Elements elements;
    private final Types types;
    private final TypeRefs refs;
    private final TypeElement owner;

    LambdaTargets(Elements elements, Types types, TypeRefs refs, TypeElement owner) {
        this.elements = elements;
        this.types = types;
        this.refs = refs;
        this.owner = owner;
    }

    /** {@code method} and {@code resolver}: the body the lambda is in (its parameters and locals). */
    Kind classify(TreePath lambdaPath, ExecutableElement method, Resolver resolver) {
        TreePath p = lambdaPath.getParentPath();
        Tree child = lambdaPath.getLeaf();
        while (p.getLeaf() instanceof ParenthesizedTree) {
            child = p.getLeaf();
            p = p.getParentPath();
        }
        Tree parent = p.getLeaf();
        if (parent instanceof TypeCastTree cast) {
            return ofTypeTree(cast.getType());
        }
        if (parent instanceof VariableTree v && v.getInitializer() == child && v.getType() != null) {
            return ofTypeTree(v.getType());
        }
        if (parent instanceof MethodInvocationTree mi) {
            int index = mi.getArguments().indexOf(child);
            if (index < 0) {
                return Kind.UNKNOWN;
            }
            ExpressionTree sel = mi.getMethodSelect();
            List<ExecutableElement> candidates = new ArrayList<>();
            if (sel instanceof IdentifierTree id) {
                String n = id.getName().toString();
                TypeElement imported = refs.staticImportOf(n);
                for (Element e = owner; e instanceof TypeElement t; e = e.getEnclosingElement()) {
                    methods(t, n, candidates);
                }
                if (imported != null) {
                    methods(imported, n, candidates);
                }
            } else if (sel instanceof MemberSelectTree ms) {
                TypeElement recv = refs.receiver(ms.getExpression(), method, resolver);
                if (recv == null) {
                    return Kind.UNKNOWN;
                }
                methods(recv, ms.getIdentifier().toString(), candidates);
            }
            return ofCandidates(candidates, index, mi.getArguments().size());
        }
        if (parent instanceof NewClassTree nc && nc.getClassBody() == null) {
            int index = nc.getArguments().indexOf(child);
            TypeElement t = refs.typeNamed(nc.getIdentifier());
            if (index < 0 || t == null) {
                return Kind.UNKNOWN;
            }
            List<ExecutableElement> candidates = new ArrayList<>();
            for (Element e : t.getEnclosedElements()) {
                if (e.getKind() == ElementKind.CONSTRUCTOR) {
                    candidates.add((ExecutableElement) e);
                }
            }
            return ofCandidates(candidates, index, nc.getArguments().size());
        }
        return Kind.UNKNOWN;
    }

    private void methods(TypeElement t, String name, List<ExecutableElement> out) {
        for (Element e : refs.members(t)) {
            if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)) {
                out.add((ExecutableElement) e);
            }
        }
    }

    private Kind ofCandidates(List<ExecutableElement> candidates, int index, int arity) {
        Kind result = null;
        for (ExecutableElement m : candidates) {
            List<? extends javax.lang.model.element.VariableElement> ps = m.getParameters();
            TypeMirror pt;
            if (ps.size() == arity) {
                pt = ps.get(index).asType();
                if (m.isVarArgs() && index == arity - 1 && pt.getKind() == TypeKind.ARRAY) {
                    Kind k = ofMirror(pt);
                    if (k == Kind.UNKNOWN) {
                        pt = ((javax.lang.model.type.ArrayType) pt).getComponentType();
                    }
                }
            } else if (m.isVarArgs() && arity >= ps.size() - 1 && index >= ps.size() - 1) {
                TypeMirror last = ps.get(ps.size() - 1).asType();
                pt = last.getKind() == TypeKind.ARRAY ? ((javax.lang.model.type.ArrayType) last).getComponentType() : last;
            } else if (m.isVarArgs() && index < ps.size() - 1 && arity >= ps.size() - 1) {
                pt = ps.get(index).asType();
            } else {
                continue;
            }
            Kind k = ofMirror(pt);
            if (k == Kind.UNKNOWN) {
                continue; // not a functional interface at that position: not this overload
            }
            if (result != null && result != k) {
                return Kind.UNKNOWN; // overloads disagree
            }
            result = k;
        }
        return result == null ? Kind.UNKNOWN : result;
    }

    /** A type written in source ({@code Supplier<Task<Integer>>}): its type arguments are trees too. */
    private Kind ofTypeTree(Tree type) {
        TypeElement te = refs.typeNamed(type);
        ExecutableElement sam = te == null ? null : sam(te);
        if (sam == null) {
            return Kind.UNKNOWN;
        }
        TypeMirror r = sam.getReturnType();
        if (r.getKind() == TypeKind.TYPEVAR) {
            int i = te.getTypeParameters().indexOf(((javax.lang.model.type.TypeVariable) r).asElement());
            if (!(type instanceof com.sun.source.tree.ParameterizedTypeTree pt) || i < 0 || i >= pt.getTypeArguments().size()) {
                return Kind.UNKNOWN;
            }
            Tree arg = pt.getTypeArguments().get(i);
            if (arg instanceof com.sun.source.tree.WildcardTree w) {
                arg = w.getBound();
            }
            TypeElement at = arg == null ? null : refs.typeNamed(arg);
            return at == null ? Kind.UNKNOWN : isTask(at.asType()) ? Kind.TASK : Kind.NOT_TASK;
        }
        return isTask(r) ? Kind.TASK : Kind.NOT_TASK;
    }

    private boolean isTask(TypeMirror r) {
        TypeElement task = elements.getTypeElement(Lints.TASK);
        return r.getKind() == TypeKind.DECLARED && task != null
                && types.isSubtype(types.erasure(r), types.erasure(task.asType()));
    }

    private ExecutableElement sam(TypeElement te) {
        if (te.getKind() != ElementKind.INTERFACE) {
            return null;
        }
        ExecutableElement sam = null;
        for (Element e : refs.members(te)) {
            if (e.getKind() == ElementKind.METHOD && e.getModifiers().contains(Modifier.ABSTRACT)
                    && !isObjectMethod((ExecutableElement) e)) {
                if (sam != null) {
                    return null;
                }
                sam = (ExecutableElement) e;
            }
        }
        return sam;
    }

    /** TASK or NOT_TASK when {@code t} is a functional interface, else UNKNOWN. */
    private Kind ofMirror(TypeMirror t) {
        if (t.getKind() != TypeKind.DECLARED) {
            return Kind.UNKNOWN;
        }
        TypeElement te = (TypeElement) ((DeclaredType) t).asElement();
        ExecutableElement sam = sam(te);
        if (sam == null) {
            return Kind.UNKNOWN;
        }
        TypeMirror r = sam.getReturnType();
        if (r.getKind() == TypeKind.TYPEVAR) {
            // Supplier<T>.get(): the interface's own type argument decides; Supplier<? extends Task<T>> in
            // the declared parameter: the bound of the argument
            int i = te.getTypeParameters().indexOf(((javax.lang.model.type.TypeVariable) r).asElement());
            List<? extends TypeMirror> args = ((DeclaredType) t).getTypeArguments();
            if (i < 0 || i >= args.size()) {
                return Kind.UNKNOWN;
            }
            r = args.get(i);
            if (r instanceof javax.lang.model.type.WildcardType w) {
                r = w.getExtendsBound() == null ? elements.getTypeElement("java.lang.Object").asType() : w.getExtendsBound();
            }
        }
        return isTask(r) ? Kind.TASK : Kind.NOT_TASK;
    }

    private static boolean isObjectMethod(ExecutableElement m) {
        String n = m.getSimpleName().toString();
        return (n.equals("equals") && m.getParameters().size() == 1) || (n.equals("hashCode") && m.getParameters().isEmpty())
                || (n.equals("toString") && m.getParameters().isEmpty());
    }
}
