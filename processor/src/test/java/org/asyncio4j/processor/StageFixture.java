package org.asyncio4j.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;

/**
 * The plumbing of the per-stage tests: compiles a small source with a test-only processor that, in
 * its first round, reads the class the way {@link AsyncProcessor} does ({@link Reader}, which also
 * runs the Resolver and the AwaitScan per method) and hands the result to the test while javac is
 * still processing (the {@link Typer} needs it). The test's assertions run inside the processor; a
 * failure is carried out and rethrown by {@link #run}. The real processor is not run, so nothing is
 * generated: each test sees one stage's data, not the machine.
 */
final class StageFixture {
    private StageFixture() {}

    /** The class read, and the compiler's utilities, valid only inside {@link #run}'s callback. */
    record Stage(ClassModel cm, Trees trees, Elements elements, Types types, Typer typer) {
        ClassModel.MethodModel method(String name) {
            for (ClassModel.MethodModel mm : cm.methods) {
                if (mm.element.getSimpleName().contentEquals(name)) {
                    return mm;
                }
            }
            throw new AssertionError("no @Async method " + name + " in " + methodNames());
        }

        List<String> methodNames() {
            List<String> out = new ArrayList<>();
            cm.methods.forEach(mm -> out.add(mm.element.getSimpleName().toString()));
            return out;
        }

        /** The one local (or parameter) of {@code mm} named {@code name}; fails if there are several. */
        Local local(ClassModel.MethodModel mm, String name) {
            List<Local> found = locals(mm, name);
            assertEquals(1, found.size(), () -> "locals named " + name + ": " + found);
            return found.get(0);
        }

        List<Local> locals(ClassModel.MethodModel mm, String name) {
            List<Local> found = new ArrayList<>();
            for (Local l : mm.resolver.locals) {
                if (l.name.equals(name)) {
                    found.add(l);
                }
            }
            return found;
        }

        /** The source line of a tree (line 1 is the file's first). */
        int line(Tree t) {
            return cm.src.line(t);
        }

        /**
         * The CFG of {@code mm}'s body: the one place these tests call the lowering (its construction
         * follows {@link Bodies#compile}; async lambdas are not replaced by entry calls here).
         */
        Cfg lower(ClassModel.MethodModel mm) {
            LoweringState.Context cx = new LoweringState.Context(mm.resolver.locals, mm.resolver.reassigned, "m",
                    cm.simpleName, cm.qualifiedName, cm.asyncName, cm.staticAsyncNames, cm.fieldNames,
                    resultType(mm).toString(), false, Reader.isGenerator(mm.element));
            return new Lowering(cx).lower(model(mm));
        }

        /** The model of {@code mm}'s body ({@link NodeReader}), as {@link Bodies#compile} reads it. */
        Node model(ClassModel.MethodModel mm) {
            return NodeReader.read(mm.tree.getBody(), new NodeReader.Tables(cm.src, mm.resolver, mm.scan, cm.calls,
                    cm.callTypes.forBody(mm.resolver, mm.tree, mm.element), Map.of()));
        }

        /** The writer's input for {@code mm}, as {@link Bodies#compile} builds it (machine {@code NMachine}). */
        MachineWriter.Input writerInput(ClassModel.MethodModel mm, Cfg cfg) {
            String name = mm.element.getSimpleName().toString();
            List<TypeName> params = new ArrayList<>();
            mm.element.getParameters().forEach(p -> params.add(TypeName.get(p.asType())));
            return new MachineWriter.Input(name, mm.element.getModifiers().contains(javax.lang.model.element.Modifier.STATIC),
                    cfg, mm.resolver.locals, typer, cm.src.fileName, "m",
                    Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Machine", name + "$resume",
                    ClassName.get(cm.packageName, cm.asyncName), ClassWriter.typeVars(cm.type.getTypeParameters()),
                    ClassWriter.typeVars(mm.element.getTypeParameters()), resultType(mm), params, cm.qualifiedName,
                    Reader.isGenerator(mm.element));
        }

        /** The X of the method's {@code Task<X>} (Object for a wildcard without bound), as AsyncProcessor takes it. */
        static TypeName resultType(ClassModel.MethodModel mm) {
            TypeMirror t = ((DeclaredType) mm.element.getReturnType()).getTypeArguments().get(0);
            if (t instanceof WildcardType w) {
                t = w.getExtendsBound() == null ? mm.element.getReturnType() : w.getExtendsBound();
            }
            return TypeName.get(t);
        }
    }

    /** {@code p.A} from its lines (line 1 is the first given). */
    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    /**
     * Compiles {@code file} (which must compile without errors), reads its top-level or nested class
     * {@code className} (qualified) and runs {@code test} on it during processing.
     */
    static void run(JavaFileObject file, String className, Consumer<Stage> test) {
        Compilation c = runAllowingErrors(file, className, test);
        assertEquals(Compilation.Status.SUCCESS, c.status(), () -> "the test source does not compile: " + c.errors());
    }

    /** As {@link #run}, for a source javac rejects (a type no processor generates): returns the compilation. */
    static Compilation runAllowingErrors(JavaFileObject file, String className, Consumer<Stage> test) {
        Probe probe = new Probe(className, test);
        Compilation c = javac().withProcessors(probe).compile(file);
        if (probe.failure != null) {
            if (probe.failure instanceof RuntimeException r) {
                throw r;
            }
            if (probe.failure instanceof Error e) {
                throw e;
            }
            throw new AssertionError(probe.failure);
        }
        assertTrue(probe.ran, "the class " + className + " was not found during processing");
        return c;
    }

    /** Every tree of {@code root} (in scan order) that {@code which} accepts. */
    static <T extends Tree> List<T> find(Tree root, Class<T> type, Predicate<T> which) {
        List<T> out = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void p) {
                if (type.isInstance(tree) && which.test(type.cast(tree))) {
                    out.add(type.cast(tree));
                }
                return super.scan(tree, p);
            }
        }.scan(root, null);
        return out;
    }

    /** The one variable declaration named {@code name} under {@code root}. */
    static VariableTree variable(Tree root, String name) {
        List<VariableTree> vs = find(root, VariableTree.class, v -> v.getName().contentEquals(name));
        assertEquals(1, vs.size(), () -> "declarations of " + name + ": " + vs);
        return vs.get(0);
    }

    /** Identifiers named {@code name} under {@code root}, in source order. */
    static List<IdentifierTree> identifiers(Tree root, String name) {
        return find(root, IdentifierTree.class, i -> i.getName().contentEquals(name));
    }

    /** The lambdas under {@code root}, in source order. */
    static List<LambdaExpressionTree> lambdas(Tree root) {
        return find(root, LambdaExpressionTree.class, l -> true);
    }

    /** Calls of a method named {@code name} under {@code root}. */
    static List<MethodInvocationTree> calls(Tree root, String name) {
        return find(root, MethodInvocationTree.class, i -> i.getMethodSelect().toString().endsWith(name)
                && (i.getMethodSelect().toString().length() == name.length()
                        || i.getMethodSelect().toString().endsWith("." + name)));
    }

    /** Runs the test once, on the first round in which the class has an element. */
    private static final class Probe extends AbstractProcessor {
        private final String className;
        private final Consumer<Stage> test;
        private Trees trees;
        boolean ran;
        Throwable failure;

        Probe(String className, Consumer<Stage> test) {
            this.className = className;
            this.test = test;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            trees = Trees.instance(env);
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (ran) {
                return false;
            }
            TypeElement type = processingEnv.getElementUtils().getTypeElement(className);
            if (type == null || !rootOrNestedIn(type, round)) {
                return false;
            }
            ran = true;
            try {
                Elements elements = processingEnv.getElementUtils();
                Types types = processingEnv.getTypeUtils();
                ClassModel cm = new Reader(trees, elements, types, new java.util.HashMap<>()).read(type);
                assertNotNull(cm);
                test.accept(new Stage(cm, trees, elements, types, new Typer(trees, types)));
            } catch (Throwable t) {
                failure = t;
            }
            return false;
        }

        private static boolean rootOrNestedIn(TypeElement type, RoundEnvironment round) {
            Element top = type;
            while (top.getEnclosingElement() != null && top.getEnclosingElement().getKind() != ElementKind.PACKAGE) {
                top = top.getEnclosingElement();
            }
            return round.getRootElements().contains(top);
        }
    }
}
