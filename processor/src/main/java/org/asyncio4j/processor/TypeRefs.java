package org.asyncio4j.processor;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import java.util.List;
import javax.lang.model.util.Elements;

/**
 * Finds the class of a call's receiver without attributing the body (attribution during processing
 * corrupts the user's trees): a type named in the source is resolved the way Java resolves names
 * (nested types of the enclosing classes, single-type imports, the package, on-demand imports,
 * java.lang); a local or parameter by its declared type; a field by its element. Anything else
 * ({@code var} locals, results of calls) is unknown: the lints that use this stay silent rather than guess.
 */
final class TypeRefs {
    private final Elements elements;
    private final CompilationUnitTree cu;
    private final TypeElement owner;
    private final String packageName;

    private final java.util.Map<TypeElement, List<? extends Element>> members;
    private final java.util.Map<String, TypeElement> simpleNames = new java.util.HashMap<>();

    /**
     * {@code Elements.getAllMembers}, once per type and round: it builds a fresh scope on every call,
     * and every class of a round asks for the same library types (List, String...).
     */
    List<? extends Element> members(TypeElement t) {
        return members.computeIfAbsent(t, elements::getAllMembers);
    }

    /** {@code members}: the cache of {@link #members}, shared by the classes of one round. */
    /** {@code java.lang.String}, the type of a string literal. */
    TypeMirror stringType() {
        return elements.getTypeElement("java.lang.String").asType();
    }

    TypeRefs(Elements elements, CompilationUnitTree cu, TypeElement owner,
            java.util.Map<TypeElement, List<? extends Element>> members) {
        this.elements = elements;
        this.members = members;
        this.cu = cu;
        this.owner = owner;
        PackageElement p = elements.getPackageOf(owner);
        this.packageName = p.isUnnamed() ? "" : p.getQualifiedName().toString();
    }

    /** The class named by a type in source ({@code Files}, {@code java.nio.file.Files}, {@code List<String>}), or null. */
    TypeElement typeNamed(Tree type) {
        if (type instanceof ParameterizedTypeTree p) {
            return typeNamed(p.getType());
        }
        if (type instanceof ArrayTypeTree) {
            return null;
        }
        if (type instanceof IdentifierTree id) {
            return simpleName(id.getName().toString());
        }
        if (type instanceof MemberSelectTree ms) {
            TypeElement q = elements.getTypeElement(ms.toString());
            if (q != null) {
                return q;
            }
            TypeElement outer = typeNamed(ms.getExpression());
            return outer == null ? null : member(outer, ms.getIdentifier().toString());
        }
        return null;
    }

    TypeElement simpleName(String name) {
        if (simpleNames.containsKey(name)) {
            return simpleNames.get(name);
        }
        TypeElement t = lookUp(name);
        simpleNames.put(name, t);
        return t;
    }

    private TypeElement lookUp(String name) {
        for (Element e = owner; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getSimpleName().contentEquals(name)) {
                return t;
            }
            TypeElement m = member(t, name);
            if (m != null) {
                return m;
            }
        }
        for (ImportTree imp : cu.getImports()) {
            String q = imp.getQualifiedIdentifier().toString();
            if (!imp.isStatic() && q.endsWith("." + name)) {
                TypeElement t = elements.getTypeElement(q);
                if (t != null) {
                    return t;
                }
            }
        }
        TypeElement same = elements.getTypeElement(packageName.isEmpty() ? name : packageName + "." + name);
        if (same != null) {
            return same;
        }
        for (ImportTree imp : cu.getImports()) {
            String q = imp.getQualifiedIdentifier().toString();
            if (!imp.isStatic() && q.endsWith(".*")) {
                TypeElement t = elements.getTypeElement(q.substring(0, q.length() - 1) + name);
                if (t != null) {
                    return t;
                }
            }
        }
        return elements.getTypeElement("java.lang." + name);
    }

    private TypeElement member(TypeElement t, String name) {
        for (Element e : members(t)) {
            if ((e.getKind().isClass() || e.getKind().isInterface()) && e.getSimpleName().contentEquals(name)) {
                return (TypeElement) e;
            }
        }
        return null;
    }

    /** One {@code import static a.B.member;} (member is a name, or {@code *}). */
    private record StaticImport(String type, String member) {}

    private List<StaticImport> staticImports;

    private List<StaticImport> staticImports() {
        if (staticImports == null) {
            staticImports = new java.util.ArrayList<>();
            for (ImportTree imp : cu.getImports()) {
                if (imp.isStatic()) {
                    String q = imp.getQualifiedIdentifier().toString();
                    int dot = q.lastIndexOf('.');
                    staticImports.add(new StaticImport(q.substring(0, dot), q.substring(dot + 1)));
                }
            }
        }
        return staticImports;
    }

    /** The class a static import {@code import static a.B.name;} (or {@code a.B.*}) brings {@code name} from. */
    TypeElement staticImportOf(String name) {
        for (StaticImport imp : staticImports()) {
            if (imp.member().equals(name) || imp.member().equals("*")) {
                TypeElement t = elements.getTypeElement(imp.type());
                if (t != null && hasMethod(t, name)) {
                    return t;
                }
            }
        }
        return null;
    }

    /**
     * Whether a static import may bring a field {@code name} into scope ({@code import static a.B.name;}, or
     * {@code a.B.*} with such a field): a simple name then means that field before any type.
     */
    boolean staticImportsField(String name) {
        for (StaticImport imp : staticImports()) {
            if (imp.member().equals(name)) {
                return true;
            }
            if (imp.member().equals("*")) {
                TypeElement t = elements.getTypeElement(imp.type());
                if (t == null) {
                    return true; // cannot tell: assume it might
                }
                for (Element e : members(t)) {
                    if (e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    boolean hasMethod(TypeElement t, String name) {
        for (Element e : members(t)) {
            if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The class of a receiver expression, or null when it cannot be known without attribution.
     * {@code method} is the {@code @Async} method (its parameters), {@code resolver} its locals.
     */
    TypeElement receiver(ExpressionTree e, ExecutableElement method, Resolver resolver) {
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        if (e instanceof IdentifierTree id) {
            String n = id.getName().toString();
            Local l = resolver.refs.get(id);
            if (l != null) {
                if (l.kind == Local.Kind.PARAMETER) {
                    for (VariableElement p : method.getParameters()) {
                        if (p.getSimpleName().contentEquals(n)) {
                            return classOf(p.asType());
                        }
                    }
                }
                if (l.typeTree == null && l.decl instanceof com.sun.source.tree.VariableTree v
                        && v.getInitializer() instanceof com.sun.source.tree.NewClassTree nc && nc.getClassBody() == null) {
                    return typeNamed(nc.getIdentifier()); // var x = new Foo<>(...): the class is written there
                }
                return l.typeTree == null ? null : typeNamed(l.typeTree);
            }
            if (n.equals("this")) {
                return owner;
            }
            TypeElement field = fieldType(n);
            return field != null ? field : simpleName(n);
        }
        if (e instanceof MemberSelectTree ms) {
            String q = ms.getExpression().toString();
            if (q.equals("this")) {
                return fieldType(ms.getIdentifier().toString());
            }
            TypeElement t = elements.getTypeElement(ms.toString());
            if (t != null) {
                return t;
            }
            TypeElement outer = receiver(ms.getExpression(), method, resolver);
            if (outer != null) {
                for (Element m : members(outer)) {
                    if (m.getKind() == ElementKind.FIELD && m.getSimpleName().contentEquals(ms.getIdentifier())) {
                        return classOf(m.asType());
                    }
                }
            }
        }
        return null;
    }

    private TypeElement fieldType(String name) {
        for (Element e = owner; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            for (Element m : members(t)) {
                if (m.getKind() == ElementKind.FIELD && m.getSimpleName().contentEquals(name)) {
                    return classOf(m.asType());
                }
            }
        }
        return null;
    }

    static TypeElement classOf(TypeMirror t) {
        return t.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) t).asElement() : null;
    }
}
