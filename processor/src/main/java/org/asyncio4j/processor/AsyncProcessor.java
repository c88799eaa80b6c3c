package org.asyncio4j.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The asyncio4j annotation processor: for every class with {@code @Async} methods, generates
 * {@code AsyncFoo} whose methods are state machines (see ARCHITECTURE.md for the pipeline:
 * Reader -> Validator -> Lowering -> MachineWriter -> ClassWriter). Thin on purpose: it catches
 * everything, turns it into errors on the right element, and never throws into javac.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
    private Trees trees;
    private String noTreesReason;
    private boolean noTreesReported;
    private final Set<String> deferred = new LinkedHashSet<>();
    private final Set<String> scannedUnits = new LinkedHashSet<>();
    /** Qualified names of the classes with @Async methods seen so far: constructing one directly is a mistake. */
    private final Set<String> blueprints = new LinkedHashSet<>();
    /**
     * The same by their name relative to their package ({@code Outer.Inner}): pairs (qualified name,
     * package), so that each {@code new X(...)} of every file looks up only its own name.
     */
    private final Map<String, List<String[]>> blueprintsByName = new HashMap<>();
    /** Per round: the lints' cache of Elements.getAllMembers and of the blocking-call rules' types. */
    private Map<TypeElement, List<? extends Element>> roundMembers;
    private BlockingCalls roundBlocking;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // Generated: the annotation this processor puts on every AsyncFoo. Claiming it keeps javac's
        // -Xlint:processing from noting in the user's build that no processor claimed it.
        return Set.of(Reader.ASYNC, GENERATED);
    }

    static final String GENERATED = "javax.annotation.processing.Generated";

    /** {@code -Aasyncio4j.failOn=methodName}: simulates an internal failure (tests that javac survives it). */
    static final String FAIL_ON = "asyncio4j.failOn";

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(FAIL_ON);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        try {
            trees = Trees.instance(ProcessingEnvs.unwrap(env));
        } catch (Throwable t) {
            noTreesReason = t.toString();
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            return processRound(round);
        } catch (Throwable t) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "[" + Diag.Tag.AsyncInternalError + "] asyncio4j processor failed: " + stackTrace(t));
            return false;
        }
    }

    private boolean processRound(RoundEnvironment round) {
        TypeElement asyncAnno = processingEnv.getElementUtils().getTypeElement(Reader.ASYNC);
        Set<? extends Element> annotated = asyncAnno == null ? Set.of() : round.getElementsAnnotatedWith(asyncAnno);
        if (trees == null) {
            if (!noTreesReported && !annotated.isEmpty()) {
                noTreesReported = true;
                for (Element e : annotated) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "[" + Diag.Tag.AsyncNeedsJavac
                            + "] the asyncio4j processor needs javac's compiler tree API (com.sun.source.util.Trees),"
                            + " which this compiler does not provide (" + noTreesReason + "). Compile with javac"
                            + " (Maven/Gradle default); in Eclipse, delegate the build to Maven or Gradle.", e);
                }
            }
            return false;
        }
        Map<String, TypeElement> classes = new TreeMap<>();
        for (Element e : annotated) {
            if (e.getKind() == ElementKind.METHOD && e.getEnclosingElement() instanceof TypeElement te) {
                classes.put(te.getQualifiedName().toString(), te);
            }
        }
        for (String name : new ArrayList<>(deferred)) {
            TypeElement te = processingEnv.getElementUtils().getTypeElement(name);
            if (te != null) {
                classes.put(name, te);
            }
        }
        deferred.clear();
        roundMembers = new HashMap<>();
        roundBlocking = new BlockingCalls(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
        for (TypeElement te : classes.values()) {
            String q = te.getQualifiedName().toString();
            if (blueprints.add(q)) {
                String qpkg = processingEnv.getElementUtils().getPackageOf(te).getQualifiedName().toString();
                String rel = qpkg.isEmpty() ? q : q.substring(qpkg.length() + 1); // Outer.Inner for a nested class
                blueprintsByName.computeIfAbsent(rel, k -> new ArrayList<>()).add(new String[] {q, qpkg});
            }
            processClass(te, round.processingOver());
        }
        checkAwaitsOutsideAsync(round);
        return true; // @Async is ours alone
    }

    // ------------------------------------------------------------------ one class

    private void processClass(TypeElement type, boolean lastRound) {
        ClassModel cm;
        try {
            cm = new Reader(trees, processingEnv.getElementUtils(), processingEnv.getTypeUtils(), roundMembers).read(type);
        } catch (Throwable t) {
            error(type, "[" + Diag.Tag.AsyncInternalError + "] asyncio4j could not read " + type + ": " + stackTrace(t));
            return;
        }
        List<Diag> diags = new ArrayList<>(Validator.checkClass(cm));
        for (ClassModel.MethodModel mm : cm.methods) {
            try {
                diags.addAll(Validator.checkMethod(cm, mm));
            } catch (Throwable t) {
                error(mm.element, "[" + Diag.Tag.AsyncInternalError + "] asyncio4j failed on this method: " + stackTrace(t));
                return;
            }
        }
        try {
            for (Diag w : Lints.check(cm, processingEnv.getElementUtils(), processingEnv.getTypeUtils(), roundMembers,
                    roundBlocking)) {
                report(cm, w); // warnings: the machine is still generated
            }
        } catch (Throwable t) {
            error(type, "[" + Diag.Tag.AsyncInternalError + "] asyncio4j failed while checking " + type + " for warnings: "
                    + stackTrace(t));
            return;
        }
        if (!diags.isEmpty()) {
            for (Diag d : diags) {
                report(cm, d);
            }
            return;
        }
        for (ClassModel.MethodModel mm : cm.methods) {
            if (signatureHasErrorType(mm.element)) {
                // javac reports the unresolvable type in the user's source; generating code that
                // repeats it would only add a second error inside generated code (found by the
                // misuse fuzzer, seed 20261122). Another processor may still generate the type.
                if (!lastRound) {
                    deferred.add(cm.qualifiedName);
                }
                return;
            }
        }
        Typer typer = new Typer(trees, processingEnv.getTypeUtils());
        List<Diag> yieldDiags = new ArrayList<>();
        for (ClassModel.MethodModel mm : cm.methods) {
            yieldDiags.addAll(YieldTypes.check(mm, typer, processingEnv.getTypeUtils(), processingEnv.getElementUtils()));
        }
        if (!yieldDiags.isEmpty()) {
            yieldDiags.forEach(d -> report(cm, d));
            return;
        }
        List<ClassWriter.Method> written = new ArrayList<>();
        List<Bodies.LambdaEntry> lambdas = new ArrayList<>();
        List<Diag> lambdaDiags = new ArrayList<>();
        Map<String, Integer> machineNames = new HashMap<>();
        for (ClassModel.MethodModel mm : cm.methods) {
            try {
                Bodies bodies = new Bodies(cm, mm.element, typer, machineNames, lambdaDiags);
                written.add(new ClassWriter.Method(mm.element, lower(cm, mm, bodies)));
                lambdas.addAll(bodies.lambdas);
            } catch (Typer.Defer d) {
                if (!lastRound) {
                    deferred.add(cm.qualifiedName);
                } else {
                    error(mm.element, "[" + Diag.Tag.AsyncUnresolvedType + "] " + d.getMessage()
                            + "; declare the variable's type explicitly.");
                }
                return;
            } catch (Typer.JavacFailed f) {
                Local l = f.local;
                report(cm, new Diag(Diag.Tag.AsyncVarNeedsType, l.decl, "'var " + l.name + "' lives across an await,"
                        + " so it becomes a field of the state machine, which needs its type; javac " + Runtime.version().feature()
                        + " failed while working it out (" + f.getMessage() + "): a bug of javac 17, which JDK 25's javac"
                        + " does not have, seen when an unqualified instance-method call inside a '?:' is passed as an"
                        + " argument earlier in this method. Declare '" + l.name + "' with its type instead of 'var', or qualify"
                        + " those calls with 'this.'."));
                return;
            } catch (Typer.Unnamable u) {
                Local l = u.local;
                report(cm, new Diag(Diag.Tag.AsyncUnnamableVar, l.decl, "'var " + l.name + "' lives across an await,"
                        + " so it must become a field of the state machine, but " + u.getMessage()
                        + ", which cannot be written in Java source. Declare the variable with an explicit type"
                        + " (an interface or superclass it implements)."));
                return;
            } catch (Throwable t) {
                error(mm.element, "[" + Diag.Tag.AsyncInternalError + "] asyncio4j failed to compile this @Async method"
                        + " (please report it with the method): " + stackTrace(t));
                return;
            }
        }
        if (!lambdaDiags.isEmpty()) {
            lambdaDiags.forEach(d -> report(cm, d)); // misuse inside an async lambda's body
            return;
        }
        String source;
        try {
            source = ClassWriter.write(cm, written, lambdas);
        } catch (Throwable t) {
            error(type, "[" + Diag.Tag.AsyncInternalError + "] asyncio4j failed to write Async" + cm.simpleName + ": "
                    + stackTrace(t));
            return;
        }
        String fqn = cm.packageName.isEmpty() ? cm.asyncName : cm.packageName + "." + cm.asyncName;
        try {
            JavaFileObject f = processingEnv.getFiler().createSourceFile(fqn, type);
            try (Writer w = f.openWriter()) {
                w.write(source);
            }
        } catch (IOException e) {
            error(type, "[" + Diag.Tag.AsyncInternalError + "] cannot write " + fqn + ": " + e);
        } catch (IllegalStateException e) {
            error(type, "[" + Diag.Tag.AsyncInternalError + "] cannot write " + fqn + ": " + e);
        }
    }

    private static boolean signatureHasErrorType(ExecutableElement m) {
        List<TypeMirror> types = new ArrayList<>();
        types.add(m.getReturnType());
        for (VariableElement p : m.getParameters()) {
            types.add(p.asType());
        }
        types.addAll(m.getThrownTypes());
        for (javax.lang.model.element.TypeParameterElement tp : m.getTypeParameters()) {
            types.addAll(tp.getBounds());
        }
        for (TypeMirror t : types) {
            if (hasErrorType(t, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasErrorType(TypeMirror t, int depth) {
        if (t == null || depth > 8) {
            return false;
        }
        switch (t.getKind()) {
            case ERROR:
                return true;
            case DECLARED:
                for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
                    if (hasErrorType(a, depth + 1)) {
                        return true;
                    }
                }
                return false;
            case ARRAY:
                return hasErrorType(((javax.lang.model.type.ArrayType) t).getComponentType(), depth + 1);
            case WILDCARD:
                WildcardType w = (WildcardType) t;
                return hasErrorType(w.getExtendsBound(), depth + 1) || hasErrorType(w.getSuperBound(), depth + 1);
            case TYPEVAR:
                return hasErrorType(((javax.lang.model.type.TypeVariable) t).getUpperBound(), depth + 1);
            default:
                return false;
        }
    }

    private MachineWriter.Output lower(ClassModel cm, ClassModel.MethodModel mm, Bodies bodies) {
        ExecutableElement e = mm.element;
        String name = e.getSimpleName().toString();
        if (name.equals(processingEnv.getOptions().get(FAIL_ON))) {
            throw new IllegalStateException("simulated internal failure (-A" + FAIL_ON + "=" + name + ")");
        }
        TypeName result = resultType(e.getReturnType());
        List<TypeName> paramTypes = new ArrayList<>();
        for (VariableElement p : e.getParameters()) {
            TypeMirror pt = p.asType();
            if (pt.getKind() == TypeKind.ERROR) {
                throw new Typer.Defer("the type of parameter " + p.getSimpleName() + " is not resolved yet");
            }
            paramTypes.add(TypeName.get(pt));
        }
        boolean isStatic = e.getModifiers().contains(Modifier.STATIC);
        return bodies.compile(new Bodies.Body(name, name, isStatic, new TreePath(mm.path, mm.tree.getBody()), mm.resolver,
                mm.scan, ClassWriter.typeVars(e.getTypeParameters()), result, paramTypes, false, Reader.isGenerator(e)));
    }

    private static TypeName resultType(TypeMirror ret) {
        if (ret.getKind() == TypeKind.ERROR) {
            throw new Typer.Defer("the return type is not resolved yet");
        }
        List<? extends TypeMirror> args = ((DeclaredType) ret).getTypeArguments();
        TypeMirror t = args.get(0);
        if (t instanceof WildcardType w) {
            t = w.getExtendsBound();
            if (t == null) {
                return ClassName.get("java.lang", "Object");
            }
        }
        return TypeName.get(t);
    }

    // ------------------------------------------------------------------ Await.on outside @Async

    private void checkAwaitsOutsideAsync(RoundEnvironment round) {
        for (Element root : round.getRootElements()) {
            TreePath p = trees.getPath(root);
            if (p == null) {
                continue;
            }
            CompilationUnitTree cu = p.getCompilationUnit();
            String key = cu.getSourceFile().toUri().toString();
            if (!scannedUnits.add(key)) {
                continue;
            }
            if (cu.getSourceFile().getName().contains("/Async") && isGenerated(cu)) {
                continue;
            }
            Calls calls = new Calls(cu);
            new TreePathScanner<Void, Void>() {
                private int asyncDepth;

                @Override
                public Void visitMethod(MethodTree node, Void v) {
                    boolean async = node.getModifiers().getAnnotations().stream().anyMatch(a -> {
                        String s = a.getAnnotationType().toString();
                        return s.equals("Async") || s.equals("org.asyncio4j.annotations.Async");
                    });
                    if (async) {
                        asyncDepth++;
                    }
                    super.visitMethod(node, v);
                    if (async) {
                        asyncDepth--;
                    }
                    return null;
                }

                // A class or lambda inside an @Async body is the body's business: its awaits get the
                // body's own errors ([AsyncAwaitInClass], [AsyncAwaitInLambda]), not this one as well.

                @Override
                public Void visitMethodInvocation(MethodInvocationTree node, Void v) {
                    if (asyncDepth == 0 && (calls.isEach(node) || Calls.isYield(node))) {
                        String what = calls.isEach(node) ? "Await.each" : "Await.yield";
                        trees.printMessage(Diagnostic.Kind.ERROR, "[" + Diag.Tag.AsyncAwaitOutsideAsync + "] " + what
                                + " can only be used in a method annotated @Async (org.asyncio4j.annotations.Async):"
                                + (what.equals("Await.each") ? " an @Async method's 'for (T x : Await.each(source))' awaits"
                                + " each element. Outside one, await source.toList() in an @Async method instead."
                                : " an @Async method returning AsyncIterable<T> is an async generator, and yields."),
                                node, cu);
                    }
                    if (asyncDepth == 0 && calls.isAwait(node)) {
                        boolean inLambda = false;
                        for (TreePath up = getCurrentPath(); up != null; up = up.getParentPath()) {
                            inLambda |= up.getLeaf() instanceof com.sun.source.tree.LambdaExpressionTree;
                        }
                        trees.printMessage(Diagnostic.Kind.ERROR, "[" + Diag.Tag.AsyncAwaitOutsideAsync + "] "
                                + (inLambda ? "this lambda awaits, but it is not inside an @Async method: only the bodies"
                                + " of @Async methods (and the lambdas in them whose functional method returns a Task) are"
                                + " rewritten into state machines. Move the lambda into an @Async method, e.g. an"
                                + " '@Async static Task<T> main()' that Asyncio.run(...) calls."
                                : "Await.on can only be used in a method annotated @Async (org.asyncio4j.annotations.Async),"
                                + " which must return Task<T>. Annotate the enclosing method, or use"
                                + " task.addDoneCallback / toCompletableFuture() outside async code."), node, cu);
                    }
                    return super.visitMethodInvocation(node, v);
                }

                @Override
                public Void visitNewClass(com.sun.source.tree.NewClassTree node, Void v) {
                    String blueprint = node.getClassBody() == null ? blueprintNamed(cu, node.getIdentifier()) : null;
                    if (blueprint != null && !Lints.suppressed(getCurrentPath(), BLUEPRINT)) {
                        String async = asyncNameOf(blueprint);
                        trees.printMessage(Diagnostic.Kind.WARNING, "[" + Diag.Tag.AsyncBlueprintConstructed + "] this"
                                + " creates the blueprint " + blueprint + ", whose @Async methods only work in the"
                                + " generated subclass: their first Await.on throws IllegalStateException. Write 'new "
                                + async + "(...)' instead. (If it is meant, add @SuppressWarnings(\"" + BLUEPRINT
                                + "\").)", node, cu);
                    }
                    return super.visitNewClass(node, v);
                }

            }.scan(p.getCompilationUnit(), null);
        }
    }

    static final String BLUEPRINT = "asyncio4j-blueprint";

    /** The qualified name of the blueprint class {@code new X(...)} names, or null. Syntactic, like Java's name lookup. */
    private String blueprintNamed(CompilationUnitTree cu, com.sun.source.tree.Tree id) {
        com.sun.source.tree.Tree t = id instanceof com.sun.source.tree.ParameterizedTypeTree pt ? pt.getType() : id;
        String text = t.toString();
        if (blueprints.contains(text)) {
            return text;
        }
        String pkg = cu.getPackageName() == null ? "" : cu.getPackageName().toString();
        for (String[] candidate : blueprintsByName.getOrDefault(text, List.of())) {
            String q = candidate[0];
            String qpkg = candidate[1];
            String rel = text;
            String top = qpkg.isEmpty() ? rel.split("\\.")[0] : qpkg + "." + rel.split("\\.")[0];
            boolean visible = qpkg.equals(pkg);
            for (com.sun.source.tree.ImportTree imp : cu.getImports()) {
                String iq = imp.getQualifiedIdentifier().toString();
                if (!imp.isStatic() && (iq.equals(q) || iq.equals(top) || iq.equals(qpkg + ".*"))) {
                    visible = true;
                }
            }
            if (visible) {
                return q;
            }
        }
        return null;
    }

    private String asyncNameOf(String blueprint) {
        TypeElement te = processingEnv.getElementUtils().getTypeElement(blueprint);
        List<String> chain = new ArrayList<>();
        for (Element e = te; e != null && (e.getKind().isClass() || e.getKind().isInterface()); e = e.getEnclosingElement()) {
            chain.add(0, e.getSimpleName().toString());
        }
        return "Async" + String.join("_", chain);
    }

    private static boolean isGenerated(CompilationUnitTree cu) {
        try {
            return cu.getSourceFile().getCharContent(true).toString().startsWith("// Generated by asyncio4j");
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ reporting

    private void report(ClassModel cm, Diag d) {
        trees.printMessage(d.isWarning() ? Diagnostic.Kind.WARNING : Diagnostic.Kind.ERROR, d.text(), d.at(), cm.src.cu);
    }

    private void error(Element e, String msg) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, msg, e);
    }

    private static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }


}
