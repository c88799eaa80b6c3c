package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.StatementTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * MachineWriter and BodyText: the resume method's text and its line map (generated line -> source
 * line, read from where each statement's {@code // S.java:N} comment went), and the machine class
 * with its state table (the line each state resumes at, in the Javadoc and in {@code LINES}).
 */
class MachineWriterTest {
    private static final Pattern COMMENT = Pattern.compile("// S\\.java:(\\d+)(?:-(\\d+))?$");

    // ------------------------------------------------------------------ BodyText alone

    @Test
    void linesAreIndentedByLevelAndBlankLinesStayEmpty() {
        BodyText b = new BodyText("F.java", 1);
        b.line("a();").open("if (x)").line("b();\n\nc();").reopen("else").line("d();").close();
        assertEquals("    a();\n    if (x) {\n        b();\n\n        c();\n    } else {\n        d();\n    }\n", b.text());
        assertEquals(8, b.lineCount());
        assertEquals(1, b.level());
        assertEquals(List.of(), b.lineMap());
    }

    @Test
    void crAndCrLfAreLineBreaksToo() {
        BodyText b = new BodyText("F.java", 0);
        b.line("a\r\nb\rc\n");
        assertEquals("a\nb\nc\n\n", b.text());
        assertEquals(4, b.lineCount());
    }

    @Test
    void mappedLinesAndStatementsRecordTheirSourceLines() {
        BodyText b = new BodyText("F.java", 0);
        b.line("start();");                                   // 0
        b.mapped("x = 1;", 10);                               // 1
        b.statement("y = 2;", 11, 0);                         // 2: one line, as mapped
        b.statement("if (c) {\n  z();\n}", 12, 14);           // 3: comment "12-14", then 4, 5, 6 one for one
        b.statement("f(1,\n  2);", 20, 0);                    // 7: comment "20" only, 8, 9 unmapped
        b.blank();                                            // 10
        b.raw("  raw1\n  raw2");                              // 11, 12
        b.mapped("end();", 30);                               // 13
        String[] lines = b.text().split("\n", -1);
        assertEquals("x = 1; // F.java:10", lines[1]);
        assertEquals("y = 2; // F.java:11", lines[2]);
        assertEquals("// F.java:12-14", lines[3]);
        assertEquals("  z();", lines[5]);
        assertEquals("// F.java:20", lines[7]);
        assertEquals("end(); // F.java:30", lines[13]);
        assertEquals(List.of(1, 10, 2, 11, 3, 12, 4, 12, 5, 13, 6, 14, 7, 20, 13, 30), b.lineMap());
        assertEquals(14, b.lineCount());
    }

    @Test
    void embeddingShiftsNothingAndTellsWhereTheBodyStarts() {
        BodyText body = new BodyText("F.java", 2);
        body.mapped("a();", 5).mapped("b();", 6);
        BodyText file = new BodyText("F.java", 0);
        file.line("class X {").line("  void m() {");
        int at = file.embed(body);
        file.line("  }").line("}");
        assertEquals(2, at);
        String[] lines = file.text().split("\n", -1);
        assertEquals("        a(); // F.java:5", lines[at + body.lineMap().get(0)]);
        assertEquals("        b(); // F.java:6", lines[at + body.lineMap().get(2)]);
        assertEquals(6, file.lineCount());
    }

    // ------------------------------------------------------------------ MachineWriter on a real body

    private static final String[] SOURCE = {
        "package p; import org.asyncio4j.*; import org.asyncio4j.annotations.Async;", // 1
        "class S {",                                                                  // 2
        "  @Async Task<Integer> m(Task<Integer> t, boolean c) {",                     // 3
        "    int before = 1;",                                                        // 4
        "    int across = 2;",                                                        // 5
        "    if (c) {",                                                               // 6
        "      before++;",                                                            // 7
        "    }",                                                                      // 8
        "    int got = Await.on(t);",                                                 // 9
        "    if (got > 0) {",                                                         // 10
        "      got += Await.on(t);",                                                  // 11
        "    }",                                                                      // 12
        "    return Task.completed(got + across);",                                   // 13
        "  }",                                                                        // 14
        "}",                                                                          // 15
    };

    /** Checks every pair of the map against the text: the comment there names that source line. */
    private static Set<Integer> checkLineMap(BodyText body) {
        String[] lines = body.text().split("\n", -1);
        List<Integer> map = body.lineMap();
        assertEquals(0, map.size() % 2);
        Set<Integer> sourceLines = new TreeSet<>();
        int rangeFrom = -1;
        int rangeTo = -1;
        int rangeAt = -1;
        for (int i = 0; i < map.size(); i += 2) {
            int at = map.get(i);
            int src = map.get(i + 1);
            assertTrue(i == 0 || at >= map.get(i - 2), "the map is in the text's order");
            Matcher mt = COMMENT.matcher(lines[at]);
            if (mt.find()) {
                assertEquals(src, Integer.parseInt(mt.group(1)), () -> "line " + at + ": " + lines[at]);
                if (mt.group(2) != null) {
                    rangeFrom = src;
                    rangeTo = Integer.parseInt(mt.group(2));
                    rangeAt = at;
                }
            } else {
                // a line of a copy that is the source's one for one: under its "N-M" comment
                assertTrue(rangeAt >= 0 && at > rangeAt && src == rangeFrom + (at - rangeAt - 1) && src <= rangeTo,
                        () -> "line " + at + " maps to " + src + " without a comment: " + lines[at]);
            }
            sourceLines.add(src);
        }
        return sourceLines;
    }

    @Test
    void theResumeBodyMapsEachStatementToItsSourceLine() {
        StageFixture.run(StageFixture.source("p.S", SOURCE), "p.S", s -> {
            ClassModel.MethodModel m = s.method("m");
            Cfg cfg = s.lower(m);
            MachineWriter.Output out = new MachineWriter(s.writerInput(m, cfg)).write();
            BodyText body = out.bodyText();
            Set<Integer> mapped = checkLineMap(body);
            // every statement of the method, and nothing else, is mapped
            Set<Integer> statements = new TreeSet<>();
            for (StatementTree st : StageFixture.find(m.tree.getBody(), StatementTree.class, t -> !(t instanceof com.sun.source.tree.BlockTree))) {
                statements.add(s.line(st));
            }
            assertTrue(mapped.containsAll(statements), () -> mapped + " misses some of " + statements);
            assertTrue(mapped.stream().allMatch(l -> l >= 4 && l <= 13), mapped::toString);
            String text = body.text();
            // the locals where Slots put them, the await as a suspension resumed at the next state
            assertTrue(text.contains("int before = 1; // S.java:4\n"), text);
            assertTrue(text.contains("m.across = 2; // S.java:5\n"), text);
            assertTrue(text.contains("if (m.suspends($await = m.task(m.t), 1)) return; // S.java:9\n"), text);
            assertTrue(text.contains("int got = m.<Integer>awaited($await); // S.java:9\n")
                    || text.contains("m.got = m.<Integer>awaited($await); // S.java:9\n"), text);
            assertTrue(text.contains("m.returnValue("), text);
            assertFalse(text.contains("\u0001") || text.contains("\u0002"), "no marker reaches the text");
            assertTrue(text.startsWith("        org.asyncio4j.Task<?> $await = null;\n        while (true) {\n"), text);
            // the copied multi-line if is mapped one for one
            assertTrue(text.contains("// S.java:6-8\n"), text);
            // one case per block, in order
            List<Integer> cases = new ArrayList<>();
            Matcher c = Pattern.compile("\n {16}case (\\d+): \\{\n").matcher(text);
            while (c.find()) {
                cases.add(Integer.parseInt(c.group(1)));
            }
            List<Integer> ids = new ArrayList<>();
            cfg.blocks.forEach(b -> ids.add(b.id));
            assertEquals(ids, cases);
        });
    }

    @Test
    void theStateTableNamesTheLineEachStateResumesAt() {
        StageFixture.run(StageFixture.source("p.S", SOURCE), "p.S", s -> {
            ClassModel.MethodModel m = s.method("m");
            Cfg cfg = s.lower(m);
            MachineWriter.Output out = new MachineWriter(s.writerInput(m, cfg)).write();
            BodyText cls = new BodyText("S.java", 1);
            out.writer().machineClass(new Declarations("p", "AsyncS", Set.of("MMachine")), cls);
            String text = cls.text();
            // the states and their lines, from the blocks: the first state starts at the first
            // statement, the one after the await resumes at the await's line
            List<Integer> lines = new ArrayList<>();
            cfg.blocks.forEach(b -> lines.add(b.line));
            assertEquals(4, lines.get(0));
            assertEquals(9, lines.get(1));
            StringBuilder table = new StringBuilder("     *  state  resumes at\n");
            StringBuilder array = new StringBuilder();
            for (Cfg.Block b : cfg.blocks) {
                table.append(String.format("     *  %5d  S.java:%d", b.id, b.line)).append('\n');
                array.append(array.length() == 0 ? "" : ", ").append(b.line);
                assertTrue(b.line >= 4 && b.line <= 13, () -> "state " + b.id + " at line " + b.line);
            }
            assertTrue(text.contains(table), text);
            assertTrue(text.contains("private static final int[] LINES = {" + array + "};"), text);
            // the machine's fields: self, the parameters, then the hoisted locals; not the Java locals
            assertTrue(text.contains("static final class MMachine extends org.asyncio4j.Coroutine<java.lang.Integer> {"), text);
            assertTrue(text.contains("\n        final AsyncS self;\n"), text);
            assertTrue(text.contains("\n        org.asyncio4j.Task<java.lang.Integer> t;\n"), text);
            assertTrue(text.contains("\n        int across;\n"), text);
            assertFalse(text.contains(" before;"), text);
            assertTrue(text.contains("self.m$resume(this);"), text);
            assertTrue(text.contains("new java.lang.StackTraceElement(\"p.S\", \"m\", \"S.java\","), text);
            assertEquals("new MMachine(this, t, c)", out.newMachine());
        });
    }

    @Test
    void aSourceWithCrLfLineEndingsKeepsItsLinesAndMap() {
        String crlf = String.join("\r\n", SOURCE) + "\r\n";
        StageFixture.run(JavaFileObjects.forSourceString("p.S", crlf), "p.S", s -> {
            ClassModel.MethodModel m = s.method("m");
            MachineWriter.Output out = new MachineWriter(s.writerInput(m, s.lower(m))).write();
            assertFalse(out.bodyText().text().contains("\r"), "generated lines end with \\n only");
            assertTrue(checkLineMap(out.bodyText()).containsAll(Set.of(4, 5, 6, 7, 8, 9, 10, 11, 13)));
        });
    }

    @Test
    void exceptionsOfEachProtectedStateGoToTheirHandler() {
        StageFixture.run(StageFixture.source("p.S",
                "package p; import org.asyncio4j.*; import org.asyncio4j.annotations.Async;", // 1
                "class S {",                                                                  // 2
                "  @Async Task<Integer> m(Task<Integer> t) {",                                // 3
                "    int n = 0;",                                                             // 4
                "    try {",                                                                  // 5
                "      n = Await.on(t);",                                                     // 6
                "      n += Await.on(t);",                                                    // 7
                "    } catch (IllegalStateException e) {",                                    // 8
                "      n = -1;",                                                              // 9
                "    }",                                                                      // 10
                "    return Task.completed(n + Await.on(t));",                                // 11
                "  }",                                                                        // 12
                "}"), "p.S", s -> {
            ClassModel.MethodModel m = s.method("m");
            Cfg cfg = s.lower(m);
            String text = new MachineWriter(s.writerInput(m, cfg)).write().bodyText().text();
            int handlers = text.indexOf("} catch (java.lang.Throwable $e) {");
            assertTrue(handlers > 0, text);
            String table = text.substring(handlers);
            java.util.Map<Cfg.Block, List<Integer>> protectedBy = new java.util.LinkedHashMap<>();
            for (Cfg.Block b : cfg.blocks) {
                if (b.handler != null) {
                    protectedBy.computeIfAbsent(b.handler.target(), k -> new ArrayList<>()).add(b.id);
                }
            }
            assertEquals(1, protectedBy.size(), "one try, one handler");
            protectedBy.forEach((target, ids) -> {
                assertTrue(ids.size() >= 3, () -> "the try's entry and both awaits' resumes are protected: " + ids);
                StringBuilder labels = new StringBuilder();
                ids.forEach(id -> labels.append(labels.length() == 0 ? "" : " ").append("case ").append(id).append(':'));
                String exField = cfg.blocks.stream().filter(b -> b.handler != null).findFirst().orElseThrow().handler.exField();
                assertTrue(table.contains(labels + " {\n"), () -> labels + " in " + table);
                assertTrue(table.contains("m." + exField + " = $e;\n"), table);
                assertTrue(table.contains("m.state = " + target.id + ";\n"), table);
            });
            // the states after the try are not protected: a throw there leaves the machine
            assertTrue(table.contains("default:\n" + " ".repeat(24) + "throw $e;"), table);
        });
    }
}
