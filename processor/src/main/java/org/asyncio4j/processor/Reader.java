package org.asyncio4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Element + tree of a user class -> {@link ClassModel}. With {@link Typer} the only stage that
 * touches {@code javax.lang.model} and {@code com.sun.source}.
 */
final class Reader {
    static final String ASYNC = "org.asyncio4j.annotations.Async";

    private final Trees trees;
    private final Elements elements;
    private final javax.lang.model.util.Types types;
    /** The round's cache of {@code Elements.getAllMembers} (see {@link TypeRefs#members}), shared with the lints. */
    private final java.util.Map<TypeElement, List<? extends Element>> members;

    Reader(Trees trees, Elements elements, javax.lang.model.util.Types types,
            java.util.Map<TypeElement, List<? extends Element>> members) {
        this.trees = trees;
        this.elements = elements;
        this.types = types;
        this.members = members;
    }

    static boolean isAsync(Element e) {
        return e.getAnnotationMirrors().stream()
                .anyMatch(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(ASYNC));
    }

    ClassModel read(TypeElement type) {
        TreePath path = trees.getPath(type);
        if (path == null) {
            throw new IllegalStateException("no source tree for " + type + " (is it in a class file, not a source file?)");
        }
        CompilationUnitTree cu = path.getCompilationUnit();
        Source src = new Source(cu, trees.getSourcePositions());
        PackageElement pkg = elements.getPackageOf(type);
        String pkgName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
        List<String> chain = new ArrayList<>();
        for (Element e = type; e != null && (e.getKind().isClass() || e.getKind().isInterface()); e = e.getEnclosingElement()) {
            chain.add(0, e.getSimpleName().toString());
        }
        String simple = String.join(".", chain);
        String async = "Async" + String.join("_", chain);
        ClassModel cm = new ClassModel(type, (ClassTree) path.getLeaf(), path, src, pkgName, simple,
                type.getQualifiedName().toString(), async);
        for (Element e = type.getEnclosingElement(); e != null && (e.getKind().isClass() || e.getKind().isInterface());
                e = e.getEnclosingElement()) {
            cm.enclosingQualifiedNames.add(0, ((TypeElement) e).getQualifiedName().toString());
        }
        collectMembers(cm, type);
        TypeRefs refs = new TypeRefs(elements, cu, type, members);
        cm.lambdaTargets = new LambdaTargets(elements, types, refs, type);
        cm.callTypes = new CallTypes(types, refs, type);
        // The methods' paths from the class's own: Trees.getPath(method) searches the whole file from
        // its root for each method, quadratic in a file of many methods (W7-mixed: 100 per file)
        java.util.Map<Element, TreePath> methodPaths = new java.util.HashMap<>();
        for (com.sun.source.tree.Tree member : cm.tree.getMembers()) {
            if (member instanceof MethodTree) {
                TreePath p = new TreePath(path, member);
                Element e = trees.getElement(p);
                if (e != null) {
                    methodPaths.put(e, p);
                }
            }
        }
        for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (!isAsync(m)) {
                continue;
            }
            if (m.getModifiers().contains(Modifier.STATIC)) {
                cm.staticAsyncNames.add(m.getSimpleName().toString());
            }
            TreePath mp = methodPaths.containsKey(m) ? methodPaths.get(m) : trees.getPath(m);
            ClassModel.MethodModel mm = new ClassModel.MethodModel(m, (MethodTree) mp.getLeaf(), mp);
            mm.resolver.hasPosition = src::hasPosition;
            List<String> params = new ArrayList<>();
            m.getParameters().forEach(p -> params.add(p.getSimpleName().toString()));
            mm.resolver.resolve(mp, params);
            if (mm.tree.getBody() != null) {
                mm.scan = new AwaitScan(cm.calls, mm.tree.getBody(), lp -> cm.lambdaTargets.classify(lp, m, mm.resolver));
                mm.scan.generator = isGenerator(m);
                mm.scan.scan(new TreePath(mp, mm.tree.getBody()), null);
            }
            for (Local l : mm.resolver.locals) {
                // A multi-catch type (A | B) cannot declare a field or a plain local: its type is
                // left to the Typer, which takes the alternatives' least upper bound.
                if (l.typeTree != null && l.typeTree.getKind() != com.sun.source.tree.Tree.Kind.UNION_TYPE) {
                    l.typeText = src.slice(l.typeTree);
                }
            }
            cm.methods.add(mm);
        }
        return cm;
    }

    /** Names of fields, and of the private members the generated subclass cannot reach. */
    private void collectMembers(ClassModel cm, TypeElement type) {
        List<TypeElement> scopes = new ArrayList<>();
        for (Element e = type; e != null && (e.getKind().isClass() || e.getKind().isInterface()); e = e.getEnclosingElement()) {
            scopes.add((TypeElement) e);
        }
        java.util.Set<String> nonPrivateMethods = new java.util.HashSet<>();
        java.util.Set<String> privateMethodNames = new java.util.HashSet<>();
        for (TypeElement scope : scopes) {
            for (Element member : elements.getAllMembers(scope)) {
                String n = member.getSimpleName().toString();
                boolean priv = member.getModifiers().contains(Modifier.PRIVATE);
                boolean declaredHere = scopes.contains(member.getEnclosingElement());
                if (member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.ENUM_CONSTANT) {
                    cm.fieldNames.add(n);
                    if (priv && declaredHere) {
                        cm.privateFields.add(n);
                    }
                } else if (member.getKind() == ElementKind.METHOD) {
                    if (priv && declaredHere) {
                        privateMethodNames.add(n);
                    } else if (!priv) {
                        nonPrivateMethods.add(n);
                    }
                } else if ((member.getKind().isClass() || member.getKind().isInterface()) && priv && declaredHere) {
                    cm.privateTypes.add(n);
                }
            }
        }
        for (String n : privateMethodNames) {
            if (!nonPrivateMethods.contains(n)) {
                cm.privateMethods.add(n);
            }
        }
        cm.privateFields.removeIf(n -> !isOnlyPrivateField(scopes, n));
    }

    private boolean isOnlyPrivateField(List<TypeElement> scopes, String name) {
        for (TypeElement scope : scopes) {
            for (Element member : elements.getAllMembers(scope)) {
                if ((member.getKind() == ElementKind.FIELD) && member.getSimpleName().contentEquals(name)
                        && !member.getModifiers().contains(Modifier.PRIVATE)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** An @Async method returning {@code org.asyncio4j.AsyncIterable<T>} is an async generator. */
    static boolean isGenerator(ExecutableElement m) {
        javax.lang.model.type.TypeMirror ret = m.getReturnType();
        return ret.getKind() == javax.lang.model.type.TypeKind.DECLARED
                && ((TypeElement) ((javax.lang.model.type.DeclaredType) ret).asElement()).getQualifiedName()
                        .contentEquals("org.asyncio4j.AsyncIterable");
    }
}
