package org.asyncio4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** What the reader found about one user class with @Async methods. */
final class ClassModel {
    final TypeElement type;
    final ClassTree tree;
    final TreePath path;
    final Source src;
    final Calls calls;
    final String packageName;
    /** {@code Foo}, or {@code Outer.Inner} for a nested class. */
    final String simpleName;
    final String qualifiedName;
    /** {@code AsyncFoo}, or {@code AsyncOuter_Inner}. */
    final String asyncName;
    final List<MethodModel> methods = new ArrayList<>();
    final Set<String> staticAsyncNames = new LinkedHashSet<>();
    final Set<String> fieldNames = new LinkedHashSet<>();
    final Set<String> privateFields = new LinkedHashSet<>();
    final Set<String> privateMethods = new LinkedHashSet<>();
    final Set<String> privateTypes = new LinkedHashSet<>();
    /** Enclosing classes of a nested class, outermost first (their static members are imported). */
    final List<String> enclosingQualifiedNames = new ArrayList<>();
    /** The file's import declarations as written ({@code import java.util.List;}): the generated file gets them too. */
    final List<String> imports = new ArrayList<>();
    /** Finds whether a lambda in a body is an async one (set by the reader). */
    LambdaTargets lambdaTargets;
    /** Types of calls where the elements make them certain (set by the reader). */
    CallTypes callTypes;

    ClassModel(TypeElement type, ClassTree tree, TreePath path, Source src, String packageName, String simpleName,
            String qualifiedName, String asyncName) {
        this.type = type;
        this.tree = tree;
        this.path = path;
        this.src = src;
        this.calls = new Calls(src.cu);
        for (com.sun.source.tree.ImportTree imp : src.cu.getImports()) {
            imports.add(src.slice(imp).trim());
        }
        this.packageName = packageName;
        this.simpleName = simpleName;
        this.qualifiedName = qualifiedName;
        this.asyncName = asyncName;
    }

    /** One @Async method. */
    static final class MethodModel {
        final ExecutableElement element;
        final MethodTree tree;
        final TreePath path;
        final Resolver resolver = new Resolver();
        AwaitScan scan;

        MethodModel(ExecutableElement element, MethodTree tree, TreePath path) {
            this.element = element;
            this.tree = tree;
            this.path = path;
        }
    }
}
