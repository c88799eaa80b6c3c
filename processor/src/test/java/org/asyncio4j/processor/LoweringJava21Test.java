package org.asyncio4j.processor;

import static org.asyncio4j.processor.LoweringTest.assertListing;

import org.junit.jupiter.api.Test;

/** LoweringTest's Java 21 part: run by the build on JDK 21 and later only (processor/pom.xml, profile java21). */
class LoweringJava21Test {
    /**
     * Java 21: the dispatch, in a block of its own (a javac 25 bug, see SwitchLowering), restates the pattern
     * labels with their bindings marked ([p]), the guard reads the binding as the pattern's own local, {@code case null} and a record pattern; no fallback, since a switch with
     * patterns is exhaustive. A record pattern in an instanceof declares its bindings and stores them after it.
     */
    @Test
    void patternSwitchRestatesItsLabelsAndInstanceofStoresRecordBindings() {
        assertListing("""
                record P(int x, int y) {}
                @Async Task<String> m(Task<String> t, Object o) {
                  String s = "";
                  switch (o) {
                    case Integer i when i > 3 -> s += Await.on(t) + i;
                    case P(int x, var y) -> s += Await.on(t) + x;
                    case null, default -> s = "none";
                  }
                  if (o instanceof P(int a, int b)) {
                    s += Await.on(t) + a;
                  }
                  return Task.completed(s);
                }
                """, """
                fields: -
                B0 (handler -):
                  decl s = ""
                  jump B1
                B1 (handler -):
                  dispatch (o) [Integer [p]i when [p]i > 3 -> B2, P(int [p]x, var [p]y) -> B4, null, default -> B6]
                B2 (handler -):
                  suspend t -> B3
                B3 (handler -):
                  s += m.<String>awaited($await) + i;
                  jump B7
                B4 (handler -):
                  suspend t -> B5
                B5 (handler -):
                  s += m.<String>awaited($await) + x;
                  jump B7
                B6 (handler -):
                  s = "none";
                  jump B7
                B7 (handler -):
                  clear i
                  clear x
                  clear y
                  branch !((o instanceof P(int [p]a, int [p]b) [store a] [store b])) -> B9
                  suspend t -> B8
                B8 (handler -):
                  s += m.<String>awaited($await) + a;
                  jump B9
                B9 (handler -):
                  m.returnValue(s);
                  exit return;
                """);
    }
}
