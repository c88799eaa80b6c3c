package org.asyncio4j.processor;

import static org.asyncio4j.processor.NodeReaderTest.body;
import static org.asyncio4j.processor.NodeReaderTest.kinds;
import static org.asyncio4j.processor.NodeReaderTest.model;
import static org.asyncio4j.processor.NodeReaderTest.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NodeReaderTest's Java 21 part: run by the build on JDK 21 and later only (processor/pom.xml, profile java21). */
class NodeReaderJava21Test {
    /**
     * Java 21: a case's labels as written (a pattern, a record pattern, {@code null} and {@code default} as two
     * labels), its guard, the bindings with their locals; an instanceof's record pattern and its nested bindings.
     */
    @Test
    void patternCasesGuardsAndRecordPatternsOnJavac21() {
        body("""
                record P(int x, Object y) {}
                @Async Task<Integer> m(Object o, Task<Integer> t) {
                  int a = 0;
                  int lim = 2;
                  switch (o) {
                    case Integer i when i > lim -> a = Await.on(t) + i;
                    case P(int x, var y) -> a = x;
                    case null, default -> a = 1;
                  }
                  if (o instanceof P(int x, P(var z, Object w))) {
                    a += x;
                  }
                  return Task.completed(a);
                }
                """, s -> {
            Node body = model(s, "m");
            Node sw = body.statements.get(2);
            Node guarded = sw.cases.get(0);
            assertEquals(List.of("PATTERN_CASE_LABEL"), kinds(guarded.labels));
            assertEquals(List.of(), guarded.expressions, "a pattern is not a constant");
            assertEquals("i > lim", guarded.guard.text());
            Node binding = guarded.labels.get(0).children.get(0);
            assertEquals(Node.Kind.BINDING_PATTERN, binding.kind);
            assertEquals("i", binding.binding.name);
            assertEquals(Local.Kind.BINDING, binding.binding.local.kind);
            assertSame(binding.binding.local, guarded.guard.leftOperand.local, "the guard reads the binding");
            assertSame(binding.binding.local, guarded.body.expression.expression.rightOperand.local,
                    "and so does the case's body");

            Node record = sw.cases.get(1).labels.get(0).children.get(0);
            assertEquals(Node.Kind.DECONSTRUCTION_PATTERN, record.kind);
            assertEquals("P(int x, var y)", record.text());
            assertNull(sw.cases.get(1).guard);
            List<String> bindings = new ArrayList<>();
            record.forEach(n -> {
                if (n.kind == Node.Kind.BINDING_PATTERN) {
                    bindings.add(n.binding.name + ":" + n.binding.local.kind);
                }
            });
            assertEquals(List.of("x:BINDING", "y:BINDING"), bindings);

            Node nullDefault = sw.cases.get(2);
            assertEquals(List.of("CONSTANT_CASE_LABEL", "DEFAULT_CASE_LABEL"), kinds(nullDefault.labels));
            assertEquals(List.of("null"), texts(nullDefault.expressions));

            Node instanceOf = body.statements.get(3).condition.expression;
            assertEquals(Node.Kind.INSTANCE_OF, instanceOf.kind);
            assertNull(instanceOf.binding, "a record pattern is not a single binding");
            assertEquals("P(int x, P(var z, Object w))", instanceOf.pattern.text());
            List<String> nested = new ArrayList<>();
            instanceOf.pattern.forEach(n -> {
                if (n.kind == Node.Kind.BINDING_PATTERN) {
                    nested.add(n.binding.name);
                }
            });
            assertEquals(List.of("x", "z", "w"), nested);
        });
    }
}
