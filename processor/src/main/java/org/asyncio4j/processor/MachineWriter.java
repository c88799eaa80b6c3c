package org.asyncio4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.asyncio4j.processor.Cfg.Block;
import org.asyncio4j.processor.Cfg.Ins;

/**
 * Writes one method's machine once {@link Slots} has placed its locals: the nested machine class and
 * the resume method, a {@code while (true) switch (state)} over the CFG's blocks, as text
 * ({@link BodyText}, {@link Declarations}).
 */
final class MachineWriter {
    static final ClassName COROUTINE = ClassName.get("org.asyncio4j", "Coroutine");
    static final ClassName TASK = ClassName.get("org.asyncio4j", "Task");
    static final ClassName GENERATOR = ClassName.get("org.asyncio4j", "GeneratorMachine");
    /**
     * The resume method's local holding the task of the await just made. It lives in a local, not a
     * field, so awaiting a task that is already done writes no reference into the machine (a GC
     * write barrier per await); after a real suspension it is null and {@code awaited} reads the
     * task the runtime recorded. Only sound because a resume block is entered from its Suspend alone.
     */
    static final String AWAITED = "$await";

    /** Everything about one @Async method that the writer needs. */
    record Input(String methodName, boolean isStatic, Cfg cfg, List<Local> locals, Typer typer, String fileName,
            String m, String machineName, String bodyName, ClassName asyncClass, List<TypeVariableName> classTypeVars,
            List<TypeVariableName> methodTypeVars, TypeName resultType, List<TypeName> paramTypes,
            String userQualifiedName, boolean generator) {}

    /** The machine, its resume method, and the expression creating one ({@code generator}: one run of a generator). */
    record Output(MachineWriter writer, BodyText bodyText, String newMachine, boolean generator) {
        String machineName() {
            return writer.in.machineName();
        }

        String bodyName() {
            return writer.in.bodyName();
        }
    }

    private final Input in;
    /** Record-pattern tests of branches kept in locals of their own ($test1...), see emitBlock. */
    private int patternTests;

    MachineWriter(Input in) {
        this.in = in;
    }

    Output write() {
        Slots.decide(in.cfg(), in.locals(), in.typer());
        BodyText bodyText = bodyText();
        List<String> args = new ArrayList<>();
        if (!in.isStatic()) {
            args.add("this");
        }
        for (Local l : in.locals()) {
            if (l.kind == Local.Kind.PARAMETER) {
                args.add(l.name);
            }
        }
        // Explicit type arguments, not <>: inference from a parameter such as
        // Function<? super E, ? extends R> would pick a capture of R, not R itself.
        List<String> tvNames = new ArrayList<>();
        allTypeVars().forEach(tv -> tvNames.add(tv.name()));
        String diamond = tvNames.isEmpty() ? "" : "<" + String.join(", ", tvNames) + ">";
        String newMachine = "new " + in.machineName() + diamond + "(" + String.join(", ", args) + ")";
        return new Output(this, bodyText, newMachine, in.generator());
    }

    private List<TypeVariableName> allTypeVars() {
        List<TypeVariableName> all = new ArrayList<>();
        if (!in.isStatic()) {
            all.addAll(in.classTypeVars());
        }
        all.addAll(in.methodTypeVars());
        return all;
    }

    private TypeName machineType() {
        ClassName raw = in.asyncClass().nestedClass(in.machineName());
        List<TypeVariableName> tv = allTypeVars();
        return tv.isEmpty() ? raw : ParameterizedTypeName.get(raw, tv.toArray(new TypeName[0]));
    }

    /** The text with each local written where its slot put it. */
    private String subst(JavaText text) {
        return text.render(r -> {
            Local l = r.local();
            return switch (r.use()) {
                case TYPE -> l.typeText;
                case CAPTURE -> ""; // the copy is declared by emitBlock
                // in (x instanceof T <here>): a binding that lives in a field is bound to a Java
                // local first, then stored (true whenever instanceof is)
                case BINDING -> l.hoisted ? l.name + "$p && (" + in.m() + "." + l.fieldName + " = " + l.name + "$p) != null"
                        : l.name;
                // a binding of a record pattern or case label: the Java local the pattern declares
                case PATTERN -> l.hoisted ? l.name + "$p" : l.name;
                // after (x instanceof P(...)): true, and the binding kept in its field (a nested binding
                // may match null, so no "!= null" here; stored's overloads take any value)
                case STORE -> l.hoisted ? " && org.asyncio4j.spi.Patterns.stored(" + in.m() + "." + l.fieldName + " = "
                        + l.name + "$p)" : "";
                case VALUE, WITNESS -> l.hoisted ? in.m() + "." + l.fieldName : l.name;
            };
        });
    }

    // ------------------------------------------------------------------ the resume method

    /** The resume method's body: a {@code while (true)} over a {@code switch} on the state, one case per block. */
    private BodyText bodyText() {
        String m = in.m();
        BodyText code = new BodyText(in.fileName(), 2);
        boolean anyHandler = in.cfg().blocks.stream().anyMatch(b -> b.handler != null);
        if (checkResumeBlocks()) {
            code.line(TASK.canonicalName() + "<?> " + AWAITED + " = null;");
        }
        code.open("while (true)");
        if (anyHandler) {
            code.open("try");
        }
        code.open("switch (" + m + ".state)");
        List<Block> blocks = in.cfg().blocks;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
            code.open("case " + b.id + ":");
            emitBlock(code, b, next);
            code.close();
        }
        code.line("default:").indent();
        code.line("throw new IllegalStateException(\"invalid state \" + " + m + ".state + \" of \" + " + m + ");");
        code.unindent();
        code.close();
        if (anyHandler) {
            code.reopen("catch (java.lang.Throwable $e)");
            code.line("// exceptions go to the handler of the block that raised them (state = block)");
            code.open("switch (" + m + ".state)");
            Map<String, List<Integer>> byHandler = new LinkedHashMap<>();
            Map<String, Cfg.Handler> handlers = new LinkedHashMap<>();
            for (Block b : blocks) {
                if (b.handler != null) {
                    String key = b.handler.target().id + "/" + b.handler.exField();
                    byHandler.computeIfAbsent(key, k -> new ArrayList<>()).add(b.id);
                    handlers.put(key, b.handler);
                }
            }
            for (Map.Entry<String, List<Integer>> e : byHandler.entrySet()) {
                Cfg.Handler h = handlers.get(e.getKey());
                StringBuilder labels = new StringBuilder();
                for (int id : e.getValue()) {
                    labels.append(labels.length() == 0 ? "" : " ").append("case ").append(id).append(":");
                }
                code.open(labels.toString());
                code.line(m + "." + h.exField() + " = $e;");
                code.line(m + ".state = " + h.target().id + ";");
                code.line("continue;");
                code.close();
            }
            code.line("default:").indent();
            code.line("throw $e;");
            code.unindent();
            code.close();
            code.close();
        }
        code.close();
        return code;
    }

    /**
     * The resume method (Javadoc and signature; the body's lines come from {@link #bodyText}, which
     * {@link ClassWriter} embeds to know where they land) at level 1 of the generated class.
     */
    void resumeMethodHead(Declarations d, BodyText out) {
        Declarations.javadoc(out, "The body of {@code " + in.methodName() + "}, resumed by the machine at its current state.");
        d.pushTypeVars(in.methodTypeVars());
        String head = "private " + (in.isStatic() ? "static " : "")
                + (in.methodTypeVars().isEmpty() ? "" : d.typeVarsDecl(in.methodTypeVars()) + " ") + "void " + in.bodyName();
        Declarations.signature(out, out.level(), head, List.of(d.type(machineType()) + " " + in.m()),
                List.of("java.lang.Throwable"));
        d.popTypeVars();
    }

    /**
     * True if the body awaits at all. Checks the invariant {@link #AWAITED} rests on: a resume block
     * is entered only by falling through from its Suspend (or by a new call of the resume method),
     * never by a jump, branch, dispatch, finally continuation or handler, which would read a stale task.
     */
    private boolean checkResumeBlocks() {
        Set<Block> resumes = new HashSet<>();
        List<Block> blocks = in.cfg().blocks;
        for (int i = 0; i < blocks.size(); i++) {
            List<Ins> code = blocks.get(i).code;
            if (!code.isEmpty() && code.get(code.size() - 1) instanceof Cfg.Suspend s) {
                if (i + 1 >= blocks.size() || blocks.get(i + 1) != s.resume()) {
                    throw new IllegalStateException("internal: the resume block of an await does not follow it: " + s);
                }
                resumes.add(s.resume());
            }
        }
        for (Block b : blocks) {
            if (b.handler != null && resumes.contains(b.handler.target())) {
                throw new IllegalStateException("internal: a handler enters the resume block " + b.handler.target());
            }
            for (Ins ins : b.code) {
                List<Block> targets = new ArrayList<>();
                if (ins instanceof Cfg.Jump j) {
                    targets.add(j.target());
                } else if (ins instanceof Cfg.Branch br) {
                    targets.add(br.target());
                } else if (ins instanceof Cfg.FinSet f && f.target() != null) {
                    targets.add(f.target());
                } else if (ins instanceof Cfg.Dispatch d) {
                    targets.addAll(d.targets());
                    if (d.fallback() != null) {
                        targets.add(d.fallback());
                    }
                }
                for (Block t : targets) {
                    if (resumes.contains(t)) {
                        throw new IllegalStateException("internal: " + ins + " enters the resume block " + t
                                + ", whose awaited task is only known when entered from its await");
                    }
                }
            }
        }
        return !resumes.isEmpty();
    }

    private void emitBlock(BodyText code, Block b, Block next) {
        String m = in.m();
        Set<Local> declaredCopies = new HashSet<>();
        for (Ins ins : b.code) {
            for (Local c : Slots.captures(ins)) {
                if (c.hoisted && declaredCopies.add(c)) {
                    code.line("final var " + c.name + " = " + m + "." + c.fieldName + "; // captured by a lambda or class below");
                }
            }
            if (ins instanceof Cfg.Code c) {
                code.statement(subst(c.text()), c.line(), c.lastLine());
            } else if (ins instanceof Cfg.Exit e) {
                code.statement(subst(e.text()), e.line(), 0);
            } else if (ins instanceof Cfg.Decl d) {
                Local l = d.local();
                String init = d.init() == null ? null : subst(d.init());
                if (l.hoisted) {
                    if (init != null) {
                        code.statement(m + "." + l.fieldName + " = " + init + ";", d.line(), 0);
                    }
                } else {
                    code.statement(l.typeText + " " + l.name + (init == null ? "" : " = " + init) + ";", d.line(), 0);
                }
            } else if (ins instanceof Cfg.Clear c) {
                Local l = c.local();
                if (l.hoisted && !l.primitive) {
                    code.line(m + "." + l.fieldName + " = null;");
                }
            } else if (ins instanceof Cfg.Jump j) {
                code.line(m + ".state = " + j.target().id + ";");
                if (next == null || j.target() != next) {
                    code.line("continue;");
                }
            } else if (ins instanceof Cfg.Branch br) {
                String cond = subst(br.cond());
                if (br.cond().refs().stream().anyMatch(r -> r.use() == JavaText.Use.PATTERN)) {
                    // javac 25.0.3 writes unverifiable code for an if that tests a record pattern and leaves,
                    // followed by a pattern switch (the user's 'if (o instanceof P(..)) { switch ... }' becomes
                    // 'if (!(o instanceof P(..))) {..continue;} switch ...'; fuzz seed 20261212 program 1609);
                    // with the test kept in a local first, it verifies
                    String test = "$test" + (++patternTests);
                    code.line("// tested apart from the if: javac 25 miscompiles a record pattern there before a pattern switch");
                    code.statement("boolean " + test + " = " + cond + ";", br.line(), 0);
                    cond = test;
                }
                code.mapped("if (" + cond + ") {", br.line()).indent();
                code.line(m + ".state = " + br.target().id + ";");
                code.line("continue;");
                code.close();
            } else if (ins instanceof Cfg.Suspend s) {
                code.mapped("if (" + m + ".suspends(" + AWAITED + " = " + m + ".task(" + subst(s.task()) + "), "
                        + s.resume().id + ")) return;", s.line());
            } else if (ins instanceof Cfg.Yield y) {
                code.statement(m + ".emit(" + subst(y.value()) + ", " + y.resume().id + ");", y.line(), 0);
                code.line("return;");
            } else if (ins instanceof Cfg.FinSet f) {
                code.line(m + "." + f.field() + " = " + (f.target() == null ? "-1" : String.valueOf(f.target().id)) + ";");
            } else if (ins instanceof Cfg.FinEnd f) {
                code.line("if (" + m + "." + f.finField() + " < 0) throw " + m + "." + f.exField()
                        + "; // end of finally: rethrow, or go on");
                code.line(m + "." + f.exField() + " = null;"); // going on: the exception is garbage now
                code.line(m + ".state = " + m + "." + f.finField() + ";");
                code.line("continue;");
            } else if (ins instanceof Cfg.Dispatch d) {
                code.open("switch " + subst(d.selector()));
                for (int i = 0; i < d.labels().size(); i++) {
                    JavaText label = d.labels().get(i);
                    StringBuilder stores = new StringBuilder();
                    if (label != null) {
                        label.refs().stream().filter(r -> r.use() == JavaText.Use.PATTERN && r.local().hoisted)
                                .map(JavaText.Ref::local).distinct()
                                .forEach(l -> stores.append(m).append('.').append(l.fieldName).append(" = ")
                                        .append(l.name).append("$p; "));
                    }
                    code.line((label == null ? "default:" : "case " + subst(label) + ":") + " " + stores + m + ".state = "
                            + d.targets().get(i).id + "; continue;");
                }
                code.close();
                if (d.fallback() != null) {
                    code.line(m + ".state = " + d.fallback().id + ";");
                    code.line("continue;");
                }
            }
        }
    }

    // ------------------------------------------------------------------ the machine class

    /** The machine class, nested in the generated class (level 1). */
    void machineClass(Declarations d, BodyText out) {
        String file = in.fileName();
        StringBuilder doc = new StringBuilder("State machine of {@code ").append(in.methodName())
                .append("}: the task and its suspended locals, one object per call.\n<pre>\n state  resumes at\n");
        StringBuilder lines = new StringBuilder();
        for (Block b : in.cfg().blocks) {
            String id = String.valueOf(b.id);
            doc.append(" ").append("     ", Math.min(5, id.length()), 5).append(id).append("  ").append(file).append(':')
                    .append(b.line).append('\n');
            lines.append(lines.length() == 0 ? "" : ", ").append(b.line);
        }
        doc.append("</pre>");
        Declarations.javadoc(out, doc.toString());
        d.pushTypeVars(allTypeVars());
        out.line("static final class " + in.machineName() + d.typeVarsDecl(allTypeVars()) + " extends "
                + d.type(ParameterizedTypeName.get(in.generator() ? GENERATOR : COROUTINE, in.resultType())) + " {");
        out.indent();
        out.line("private static final int[] LINES = {" + lines + "};");
        List<String> ctorParams = new ArrayList<>();
        List<String> ctorCode = new ArrayList<>();
        if (!in.isStatic()) {
            TypeName self = in.classTypeVars().isEmpty() ? in.asyncClass()
                    : ParameterizedTypeName.get(in.asyncClass(), in.classTypeVars().toArray(new TypeName[0]));
            String selfType = d.type(self);
            out.blank().line("final " + selfType + " self;");
            ctorParams.add(selfType + " self");
            ctorCode.add("this.self = self;");
        }
        int p = 0;
        for (Local l : in.locals()) {
            if (l.kind == Local.Kind.PARAMETER) {
                String type = d.type(in.paramTypes().get(p++));
                out.blank().line(type + " " + l.fieldName + ";");
                ctorParams.add(type + " " + l.name);
                ctorCode.add("this." + l.fieldName + " = " + l.name + ";");
            }
        }
        for (Local l : in.locals()) {
            if (l.hoisted && l.kind != Local.Kind.PARAMETER) {
                out.blank().line(l.typeText + " " + l.fieldName + ";");
            }
        }
        for (String[] f : in.cfg().syntheticFields) {
            out.blank().line(f[1] + " " + f[0] + ";");
        }
        out.blank();
        Declarations.signature(out, out.level(), in.machineName(), ctorParams, List.of());
        out.indent();
        ctorCode.forEach(out::line);
        out.close();
        String target = in.isStatic() ? in.asyncClass().simpleName() : "self";
        out.blank().line("@java.lang.Override").line("protected void resume() throws java.lang.Throwable {").indent()
                .line(target + "." + in.bodyName() + "(this);").close();
        out.blank().line("@java.lang.Override").line("protected java.lang.StackTraceElement frame() {").indent()
                .line("return new java.lang.StackTraceElement(" + Declarations.literal(in.userQualifiedName()) + ", "
                        + Declarations.literal(in.methodName()) + ", " + Declarations.literal(file)
                        + ", state >= 0 && state < LINES.length ? LINES[state] : -1);")
                .close();
        out.close();
        d.popTypeVars();
    }
}
