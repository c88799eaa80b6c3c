package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.asyncio4j.processor.DiagnosticsTest.withHeader;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * DiagnosticsTest's javac 17 part: patterns in switch are a preview there, and a switch with patterns that
 * awaits is refused (from javac 21 it is lowered: PatternSwitchTest). Run by the build on JDK 17-20 only
 * (processor/pom.xml, profile before-java21).
 */
class DiagnosticsJavac17Test {
    /**
     * A switch on patterns that must be split into states (it awaits inside) is refused with a tag at
     * each pattern case; before, the lowering read a pattern case as 'default' and javac rejected the
     * generated file (duplicate default label, an undeclared binding). A pattern switch without await
     * is copied and compiles. Patterns are a preview of javac 17 and final from 21.
     */
    @Test
    void aPatternSwitchThatAwaitsIsRefusedAtItsPatternCasesOnJavac17() {
        JavaFileObject f = withHeader("A",
                "public class A {",                                                         // 5
                "  @Async Task<String> m(Object o, Task<Integer> t) {",                     // 6
                "    String r = switch (o) {",                                              // 7
                "      case String s -> s;",                                                // 8
                "      default -> \"other\";",                                              // 9
                "    };",                                                                   // 10
                "    switch (o) {",                                                         // 11
                "      case String s -> { int n = Await.on(t); r = s + n; }",               // 12
                "      case Integer i -> r = \"int\" + i;",                                 // 13
                "      default -> r = \"other\";",                                          // 14
                "    }",                                                                    // 15
                "    return Task.completed(r);",                                            // 16
                "  }",                                                                      // 17
                "}");
        Compilation c = javac().withProcessors(new AsyncProcessor()).withOptions("--release", "17", "--enable-preview")
                .compile(f);
        assertThat(c).hadErrorContaining("[AsyncPatternSwitch] 'case String s': this switch awaits").inFile(f).onLine(12);
        assertThat(c).hadErrorContaining("[AsyncPatternSwitch] 'case Integer i'").inFile(f).onLine(13);
        assertThat(c).hadErrorContaining("Compile with javac 21 or later");
        assertThat(c).hadErrorCount(2);
    }
}
