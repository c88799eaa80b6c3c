package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The processor under build tools that wrap the environment, and under a compiler without Trees. */
class CompilerEnvironmentTest {
    private static final JavaFileObject SOURCE = JavaFileObjects.forSourceLines("p.A",
            "package p;",
            "import org.asyncio4j.*;",
            "import org.asyncio4j.annotations.Async;",
            "public class A {",
            "  @Async Task<Integer> m(Task<Integer> t) { return Task.completed(Await.on(t) + 1); }",
            "}");

    /** Runs the processor with a wrapped environment, the way Gradle's incremental compilation does. */
    static final class Wrapping extends AbstractProcessor {
        private final AsyncProcessor inner = new AsyncProcessor();
        private final boolean opaque;

        Wrapping(boolean opaque) {
            this.opaque = opaque;
        }

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            inner.init(opaque ? opaqueProxy(env) : new GradleLikeWrapper(env));
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return inner.process(annotations, round);
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return inner.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }
    }

    /** Delegates everything; holds javac's environment in a field, as Gradle's wrappers do. */
    static final class GradleLikeWrapper implements ProcessingEnvironment {
        private final ProcessingEnvironment delegate;

        GradleLikeWrapper(ProcessingEnvironment delegate) {
            this.delegate = delegate;
        }

        @Override public java.util.Map<String, String> getOptions() { return delegate.getOptions(); }
        @Override public javax.annotation.processing.Messager getMessager() { return delegate.getMessager(); }
        @Override public javax.annotation.processing.Filer getFiler() { return delegate.getFiler(); }
        @Override public javax.lang.model.util.Elements getElementUtils() { return delegate.getElementUtils(); }
        @Override public javax.lang.model.util.Types getTypeUtils() { return delegate.getTypeUtils(); }
        @Override public SourceVersion getSourceVersion() { return delegate.getSourceVersion(); }
        @Override public java.util.Locale getLocale() { return delegate.getLocale(); }
    }

    /** Like a non-javac compiler (Eclipse's): the environment does not lead to javac's. */
    static ProcessingEnvironment opaqueProxy(ProcessingEnvironment env) {
        return (ProcessingEnvironment) Proxy.newProxyInstance(ProcessingEnvironment.class.getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> method.invoke(env, args));
    }

    @Test
    void unwrapsAGradleLikeWrapper() {
        Compilation c = javac().withProcessors(new Wrapping(false)).compile(SOURCE);
        assertThat(c).succeeded();
        assertThat(c).generatedSourceFile("p.AsyncA");
    }

    @Test
    void compilerWithoutTreesGetsOneClearError() {
        Compilation c = javac().withProcessors(new Wrapping(true)).compile(SOURCE);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[AsyncNeedsJavac]").inFile(SOURCE).onLine(5);
    }
}
