package org.asyncio4j.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.asyncio4j.processor.fuzz.Gen.Ctx;
import org.asyncio4j.processor.fuzz.Gen.F;
import org.asyncio4j.processor.fuzz.Gen.Local;
import org.asyncio4j.processor.fuzz.Gen.Target;
import org.asyncio4j.processor.fuzz.Node.Ty;

/**
 * The JDK 21 part of {@link Gen}: record patterns ({@code RECORD_PATTERNS}) and pattern switches
 * ({@code PATTERN_SWITCH}), over a few records and a sealed interface declared in every program
 * ({@link #TYPES}). What matters is a binding that lives across a suspension: the bodies of an
 * {@code if (o instanceof Bx(Pt(var a, long b)))}, of a case, and the statements after an
 * {@code if (!(o instanceof ...)) { ...; exit }} await first and then read every binding. Guards
 * never await (the processor refuses that, with {@code [AsyncPatternSwitch]}) and read only
 * effectively final locals (javac's rule). Cases are ordered so that none dominates a later one:
 * the types in a fixed order (subtypes of {@code Sh} before it), and for each type guarded labels,
 * then a partial record pattern, then a total one; {@code case null} and the defaults last.
 * Only called when {@link Gen#JAVA_21}: on JDK 17 no random number is drawn for it.
 */
final class PatternGen {
    /** The program's own types (members of the generated class; records are implicitly static). */
    static final String TYPES = "    record Pt(int x, long y) {}\n"
            + "    record Bx(Object o) {}\n"
            + "    sealed interface Sh permits Sq, Rc, Nd {}\n"
            + "    record Sq(int s) implements Sh {}\n"
            + "    record Rc(int w, int h) implements Sh {}\n"
            + "    record Nd(Sh l, Sh r) implements Sh {}\n";

    /** What the generator wrote, for the batch summary ({@link FuzzMain}); reset per batch. */
    static final LongAdder INSTANCEOF = new LongAdder();
    static final LongAdder NEGATED = new LongAdder();
    static final LongAdder SWITCH_STMTS = new LongAdder();
    static final LongAdder SWITCH_EXPRS = new LongAdder();
    static final LongAdder SEALED_NO_DEFAULT = new LongAdder();
    static final LongAdder GUARDS = new LongAdder();
    static final LongAdder RECORD_CASES = new LongAdder();
    static final LongAdder CASE_NULL = new LongAdder();
    static final LongAdder READ_AFTER_AWAIT = new LongAdder();
    static final LongAdder UNNAMED = new LongAdder();

    static void resetCounts() {
        for (LongAdder a : List.of(INSTANCEOF, NEGATED, SWITCH_STMTS, SWITCH_EXPRS, SEALED_NO_DEFAULT, GUARDS,
                RECORD_CASES, CASE_NULL, READ_AFTER_AWAIT, UNNAMED)) {
            a.reset();
        }
    }

    static String counts() {
        return INSTANCEOF + " record patterns in instanceof (" + NEGATED + " negated, bindings used after the if), "
                + SWITCH_STMTS + " pattern switch statements and " + SWITCH_EXPRS + " expressions (" + RECORD_CASES
                + " record-pattern cases, " + GUARDS + " guards, " + CASE_NULL + " with case null, " + SEALED_NO_DEFAULT
                + " sealed without default), " + READ_AFTER_AWAIT + " bodies reading their bindings after an await, "
                + UNNAMED + " unnamed components (_)";
    }

    private final Gen g;

    PatternGen(Gen g) {
        this.g = g;
    }

    /** A pattern variable: its name and type in the generator's terms (Integer is INT, Sq is SH, ...). */
    record Bind(String name, Ty ty) {
        /** An accessor of a type-pattern binding ({@code p.x()}): read like a local, not logged. */
        boolean accessor() {
            return name.contains("(");
        }
    }

    /**
     * A pattern's text, its bindings, whether it matches every non-null value of its type, and a
     * value built to match it (static type Object, or Sh for Sh's records and Sh components).
     */
    record Pat(String text, List<Bind> binds, boolean total, Node value) {}

    boolean on() {
        return rec() || sw();
    }

    private boolean rec() {
        return g.on.contains(F.RECORD_PATTERNS);
    }

    private boolean sw() {
        return g.on.contains(F.PATTERN_SWITCH);
    }

    // ------------------------------------------------------------------ statements

    Node stmt(Ctx c) {
        int k = g.r.nextInt(100);
        if (k < 25 && rec()) {
            return ifPattern(c);
        }
        if (k < 40 && rec()) {
            return negated(c);
        }
        if (k < 80 && sw()) {
            return switchStmt(c);
        }
        if (k < 86) {
            return Node.stmt("Fx.log(" + g.id() + ", ", obj(c, 2), ");");
        }
        // a local the later statements' patterns test (never assigned: guards may read it)
        if (g.chance(60)) {
            String n = g.fresh("o");
            Node s = Node.stmt("Object " + n + " = ", obj(c, 2), ";");
            c.locals.add(new Local(n, Ty.OBJ, false, false, true));
            return s;
        }
        String n = g.fresh("o");
        Node s = Node.stmt("Sh " + n + " = ", sh(c, 2), ";");
        c.locals.add(new Local(n, Ty.SH, false, false, true));
        return s;
    }

    /** {@code if (X instanceof R(...) [&& cond]) { await; ...; log(bindings) } [else {...}]}. */
    private Node ifPattern(Ctx c) {
        boolean onSh = g.chance(30);
        Pat p = pat(c, g.pickOf(onSh ? SH_RECORDS : RECORDS), 2, false);
        Node x = operand(c, onSh, p.value, 2);
        INSTANCEOF.increment();
        Node s = Node.stmt("if (", x, " instanceof " + p.text);
        if (g.chance(30)) {
            int mark = bind(c, p.binds);
            s.parts.add(" && ");
            s.parts.add(g.expr(c, Ty.BOOL, 2));
            Gen.trim(c, mark);
        }
        s.parts.add(") ");
        s.parts.add(body(c, p.binds, null, 0));
        if (g.chance(30)) {
            s.parts.add(" else ");
            s.parts.add(g.block(c, 2));
        }
        return s;
    }

    /**
     * {@code { if (!(X instanceof R(...))) { ...; exit; } await; ...; log(bindings) }}: the bindings are
     * in scope after the if because its body cannot complete normally (JLS 6.3.2.2).
     */
    private Node negated(Ctx c) {
        boolean onSh = g.chance(30);
        Pat p = pat(c, g.pickOf(onSh ? SH_RECORDS : RECORDS), 2, false);
        Node x = operand(c, onSh, p.value, 2);
        INSTANCEOF.increment();
        NEGATED.increment();
        List<Node> then = new ArrayList<>(g.block(c, 2).kids());
        then.add(exit(c));
        Node test = Node.stmt("if (!(", x, " instanceof " + p.text + ")) ", Node.block(then));
        List<Node> stmts = new ArrayList<>();
        stmts.add(test);
        stmts.addAll(body(c, p.binds, null, 0).kids());
        return Node.stmt(Node.block(stmts));
    }

    /** A statement that always leaves: throw, return, or break/continue to an enclosing loop or switch. */
    private Node exit(Ctx c) {
        int k = g.r.nextInt(100);
        if (k < 35 && !c.inSwitchExpr) {
            return c.m.generator ? Node.stmt("return AsyncIterable.end();")
                    : Node.stmt("return ", g.retTask(c, c.m.ret), ";");
        }
        if (k < 70 && !c.targets.isEmpty()) {
            Target t = c.targets.get(g.r.nextInt(c.targets.size()));
            if (t.label != null) {
                return Node.stmt((t.loop && g.chance(50) ? "continue " : "break ") + t.label + ";");
            }
            boolean loop = c.targets.stream().anyMatch(x -> x.loop);
            // unlabeled: continue goes to the innermost loop, break to the innermost loop or switch
            return Node.stmt(loop && g.chance(50) ? "continue;" : "break;");
        }
        if (c.m.throwsChecked && g.chance(30)) {
            return Node.stmt("throw new FxChecked(\"t" + g.id() + "\");");
        }
        return Node.stmt("throw new FxUnchecked(\"t" + g.id() + "\");");
    }

    /**
     * A body with {@code binds} in scope: usually an await first, then random statements (which may
     * read the bindings), then a log of every binding; for a switch expression, a final
     * {@code yield} of type {@code yieldTy}.
     */
    private Node body(Ctx c, List<Bind> binds, Ty yieldTy, int depth) {
        int mark = bind(c, binds);
        List<Node> stmts = new ArrayList<>();
        boolean awaitFirst = g.chance(75);
        if (awaitFirst) {
            stmts.add(Node.stmt("Fx.log(" + g.id() + ", ", g.awaitOf(c, Ty.INT, g.expr(c, Ty.INT, 1)), ");"));
        }
        stmts.addAll(g.block(c, 2).kids());
        String log = logBinds(binds);
        if (log != null) {
            stmts.add(Node.stmt("Fx.log(" + g.id() + ", " + log + ");"));
            if (awaitFirst) {
                READ_AFTER_AWAIT.increment();
            }
        }
        if (yieldTy != null) {
            stmts.add(Node.stmt("yield ", g.expr(c, yieldTy, Math.max(1, depth)), ";"));
        }
        Gen.trim(c, mark);
        return Node.block(stmts);
    }

    private static String logBinds(List<Bind> binds) {
        StringBuilder sb = new StringBuilder();
        for (Bind b : binds) {
            if (!b.accessor()) {
                sb.append(sb.length() == 0 ? "\"\" + " : " + \",\" + ").append(b.name);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** Puts {@code binds} in scope as locals nothing assigns; returns the mark to trim back to. */
    private static int bind(Ctx c, List<Bind> binds) {
        int mark = c.locals.size();
        for (Bind b : binds) {
            c.locals.add(new Local(b.name, b.ty, false, false, true));
        }
        return mark;
    }

    // ------------------------------------------------------------------ expressions

    /** A record pattern in an expression, or a pattern switch expression; null if neither is on. */
    Node expr(Ctx c, Ty t, int depth) {
        if (rec() && (!sw() || g.chance(50))) {
            boolean onSh = g.chance(30);
            Pat p = pat(c, g.pickOf(onSh ? SH_RECORDS : RECORDS), 2, false);
            Node x = operand(c, onSh, p.value, depth);
            INSTANCEOF.increment();
            int mark;
            Node e;
            if (t == Ty.BOOL && g.chance(30)) {
                // the bindings are in scope right of the || when the instanceof is false
                NEGATED.increment();
                e = Node.expr(t, "(!(", x, " instanceof " + p.text + ") || ");
                mark = bind(c, p.binds);
                e.parts.add(g.expr(c, Ty.BOOL, depth));
            } else if (t == Ty.BOOL && g.chance(50)) {
                e = Node.expr(t, "(", x, " instanceof " + p.text + " && ");
                mark = bind(c, p.binds);
                e.parts.add(g.expr(c, Ty.BOOL, depth));
            } else {
                e = Node.expr(t, "(", x, " instanceof " + p.text + " ? ");
                mark = bind(c, p.binds);
                e.parts.add(g.expr(c, t, depth));
                Gen.trim(c, mark);
                e.parts.add(" : ");
                e.parts.add(g.expr(c, t, depth));
            }
            Gen.trim(c, mark);
            e.parts.add(")");
            return e;
        }
        if (sw()) {
            return switchExpr(c, t, depth);
        }
        return null;
    }

    /** An expression of static type Object (a boxed value, a record, null, an awaited Object). */
    Node obj(Ctx c, int depth) {
        if (depth <= 0 || g.chance(30)) {
            if (g.chance(50)) {
                Local l = g.pick(c, Ty.OBJ, false, false);
                if (l != null) {
                    // cast: a binding may be a Pt, which a selector or instanceof operand must not be
                    return Node.expr(Ty.OBJ, "((Object) " + l.name + ")");
                }
            }
            return switch (g.r.nextInt(5)) {
                case 0 -> Node.expr(Ty.OBJ, "((Object) new Pt(", g.expr(c, Ty.INT, 0), ", ", g.expr(c, Ty.LONG, 0), "))");
                case 1 -> Node.expr(Ty.OBJ, "((Object) \"", "" + (char) ('a' + g.r.nextInt(3)), "\")");
                case 2 -> Node.expr(Ty.OBJ, "((Object) ", sh(c, 0), ")");
                default -> Node.expr(Ty.OBJ, "((Object) (", g.expr(c, Ty.INT, 0), "))");
            };
        }
        int k = g.r.nextInt(100);
        if (k < 16 && !c.pure) {
            int site = g.id();
            return c.m.throwsChecked && g.chance(30)
                    ? Node.expr(Ty.OBJ, "Await.on(Fx.o(" + site + ", ", obj(c, depth - 1), "), FxChecked.class)")
                    : Node.expr(Ty.OBJ, "Await.on(Fx.o(" + site + ", ", obj(c, depth - 1), "))");
        }
        if (k < 32) {
            return Node.expr(Ty.OBJ, "((Object) new Pt(", g.expr(c, Ty.INT, depth - 1), ", ", g.expr(c, Ty.LONG, depth - 1), "))");
        }
        if (k < 48) {
            return Node.expr(Ty.OBJ, "((Object) new Bx(", obj(c, depth - 1), "))");
        }
        if (k < 62) {
            return Node.expr(Ty.OBJ, "((Object) ", sh(c, depth - 1), ")");
        }
        if (k < 72) {
            return Node.expr(Ty.OBJ, "((Object) (", g.expr(c, Ty.INT, depth - 1), "))"); // an Integer
        }
        if (k < 78) {
            return Node.expr(Ty.OBJ, "((Object) (", g.expr(c, Ty.STR, depth - 1), "))");
        }
        if (k < 83) {
            return Node.expr(Ty.OBJ, "((Object) (", g.expr(c, Ty.LONG, depth - 1), "))"); // a Long
        }
        if (k < 87) {
            return Node.expr(Ty.OBJ, "((Object) null)");
        }
        return Node.expr(Ty.OBJ, "(", g.expr(c, Ty.BOOL, depth - 1), " ? ", obj(c, depth - 1), " : ", obj(c, depth - 1), ")");
    }

    /** An expression of static type Sh. */
    Node sh(Ctx c, int depth) {
        if (depth <= 0 || g.chance(30)) {
            if (g.chance(50)) {
                Local l = g.pick(c, Ty.SH, false, false);
                if (l != null) {
                    return Node.expr(Ty.SH, "((Sh) " + l.name + ")"); // a binding may be a Sq
                }
            }
            return g.chance(50) ? Node.expr(Ty.SH, "((Sh) new Sq(", g.expr(c, Ty.INT, 0), "))")
                    : Node.expr(Ty.SH, "((Sh) new Rc(", g.expr(c, Ty.INT, 0), ", ", g.expr(c, Ty.INT, 0), "))");
        }
        int k = g.r.nextInt(100);
        if (k < 16 && !c.pure) {
            // a generic task: the processor must read the awaited value as Sh (Fx.<Sh>t)
            return Node.expr(Ty.SH, "Await.on(Fx.t(" + g.id() + ", ", sh(c, depth - 1), "))");
        }
        if (k < 36) {
            return Node.expr(Ty.SH, "((Sh) new Sq(", g.expr(c, Ty.INT, depth - 1), "))");
        }
        if (k < 56) {
            return Node.expr(Ty.SH, "((Sh) new Rc(", g.expr(c, Ty.INT, depth - 1), ", ", g.expr(c, Ty.INT, depth - 1), "))");
        }
        if (k < 80) {
            return Node.expr(Ty.SH, "((Sh) new Nd(", sh(c, depth - 1), ", ", sh(c, depth - 1), "))");
        }
        if (k < 84) {
            return Node.expr(Ty.SH, "((Sh) null)");
        }
        return Node.expr(Ty.SH, "(", g.expr(c, Ty.BOOL, depth - 1), " ? ", sh(c, depth - 1), " : ", sh(c, depth - 1), ")");
    }

    // ------------------------------------------------------------------ patterns

    private static final String[] RECORDS = {"Pt", "Bx", "Sq", "Rc", "Nd"};
    private static final String[] SH_RECORDS = {"Sq", "Rc", "Nd"};
    /** Types tested by an Object switch, in an order where no earlier one is a subtype of a later one's... reversed. */
    private static final List<String> OBJ_TYPES = List.of("Integer", "String", "Long", "Pt", "Bx", "Sq", "Rc", "Nd", "Sh");
    private static final List<String> SH_TYPES = List.of("Sq", "Rc", "Nd", "Sh");
    /** Component types a nested pattern may test: Bx's Object component, Nd's Sh components. */
    private static final String[] IN_OBJECT = {"Object", "Object", "Integer", "String", "Long", "Pt", "Bx", "Sq", "Rc", "Nd", "Sh"};
    private static final String[] IN_SH = {"Sh", "Sh", "Sq", "Rc", "Nd"};

    /**
     * A pattern testing {@code type}. {@code typeOk}: a type pattern ({@code Pt p}) is allowed for a
     * record (else a record pattern is written); nested components are tested up to {@code depth}.
     * With it, a value that the pattern matches unless a nested one differs ({@link Pat#value}).
     */
    Pat pat(Ctx c, String type, int depth, boolean typeOk) {
        return pat(c, type, depth, typeOk, false);
    }

    /** {@code nested}: a component of a record pattern, where {@code var} may stand for the type. */
    private Pat pat(Ctx c, String type, int depth, boolean typeOk, boolean nested) {
        List<Bind> b = new ArrayList<>();
        String n = g.fresh("v");
        switch (type) {
            case "Integer" -> {
                b.add(new Bind(n, Ty.INT));
                return new Pat("Integer " + n, b, true, Node.expr(Ty.OBJ, "((Object) (", g.expr(c, Ty.INT, 1), "))"));
            }
            case "String" -> {
                b.add(new Bind(n, Ty.STR));
                return new Pat("String " + n, b, true, Node.expr(Ty.OBJ, "((Object) (", g.expr(c, Ty.STR, 1), "))"));
            }
            case "Long" -> {
                b.add(new Bind(n, Ty.LONG));
                return new Pat("Long " + n, b, true, Node.expr(Ty.OBJ, "((Object) (", g.expr(c, Ty.LONG, 1), "))"));
            }
            case "Object" -> { // nested only (Bx's component)
                return new Pat(comp(g.chance(50) ? "var " : "Object ", n, Ty.OBJ, b), b, true, obj(c, 1));
            }
            case "Sh" -> { // a type pattern; nested, may be var (Nd's components)
                String decl = nested && g.chance(50) ? "var " : "Sh ";
                return new Pat(nested ? comp(decl, n, Ty.SH, b) : bind(decl, n, Ty.SH, b), b, true, sh(c, 1));
            }
            default -> { }
        }
        if (typeOk && g.chance(30)) {
            // a type pattern of a record: its accessors read like locals
            b.add(new Bind(n, type.equals("Pt") || type.equals("Bx") ? Ty.OBJ : Ty.SH));
            switch (type) {
                case "Pt" -> {
                    b.add(new Bind(n + ".x()", Ty.INT));
                    b.add(new Bind(n + ".y()", Ty.LONG));
                }
                case "Bx" -> b.add(new Bind(n + ".o()", Ty.OBJ));
                case "Sq" -> b.add(new Bind(n + ".s()", Ty.INT));
                case "Rc" -> b.add(new Bind(n + ".h()", Ty.INT));
                default -> b.add(new Bind(n + ".l()", Ty.SH));
            }
            return new Pat(type + " " + n, b, true, recordValue(c, type));
        }
        switch (type) {
            case "Pt" -> {
                String y = g.fresh("v");
                return new Pat("Pt(" + comp(g.pickOf("int ", "var "), n, Ty.INT, b) + ", "
                        + comp(g.pickOf("long ", "var "), y, Ty.LONG, b) + ")", b, true, recordValue(c, type));
            }
            case "Sq" -> {
                return new Pat("Sq(" + comp(g.pickOf("int ", "var "), n, Ty.INT, b) + ")", b, true, recordValue(c, type));
            }
            case "Rc" -> {
                String h = g.fresh("v");
                return new Pat("Rc(" + comp(g.pickOf("int ", "var "), n, Ty.INT, b) + ", "
                        + comp(g.pickOf("int ", "var "), h, Ty.INT, b) + ")", b, true, recordValue(c, type));
            }
            case "Bx" -> {
                Pat in = component(c, depth > 0 ? g.pickOf(IN_OBJECT) : "Object", "Object", depth - 1);
                return new Pat("Bx(" + in.text + ")", in.binds, in.total,
                        Node.expr(Ty.OBJ, "((Object) new Bx(", in.value, "))"));
            }
            default -> { // Nd
                Pat l = component(c, depth > 0 ? g.pickOf(IN_SH) : "Sh", "Sh", depth - 1);
                Pat r = component(c, depth > 0 ? g.pickOf(IN_SH) : "Sh", "Sh", depth - 1);
                List<Bind> both = new ArrayList<>(l.binds);
                both.addAll(r.binds);
                return new Pat("Nd(" + l.text + ", " + r.text + ")", both, l.total && r.total,
                        Node.expr(Ty.SH, "((Sh) new Nd(", asSh(l.value), ", ", asSh(r.value), "))"));
            }
        }
    }

    /** {@code decl name}, its binding added to {@code b}. */
    private static String bind(String decl, String name, Ty ty, List<Bind> b) {
        b.add(new Bind(name, ty));
        return decl + name;
    }

    /**
     * A record component's pattern: {@code decl name}, or on JDK 22 and later now and then Java 22's unnamed
     * {@code _} or {@code decl _}, which binds nothing (javac names it with the empty name).
     */
    private String comp(String decl, String name, Ty ty, List<Bind> b) {
        if (Gen.JAVA_22 && g.chance(15)) {
            UNNAMED.increment();
            return g.chance(50) ? "_" : decl + "_";
        }
        return bind(decl, name, ty, b);
    }

    /** A value of record {@code type} (Pt, Bx: static type Object; Sq, Rc, Nd: Sh). */
    private Node recordValue(Ctx c, String type) {
        return switch (type) {
            case "Pt" -> Node.expr(Ty.OBJ, "((Object) new Pt(", g.expr(c, Ty.INT, 1), ", ", g.expr(c, Ty.LONG, 1), "))");
            case "Bx" -> Node.expr(Ty.OBJ, "((Object) new Bx(", obj(c, 1), "))");
            case "Sq" -> Node.expr(Ty.SH, "((Sh) new Sq(", g.expr(c, Ty.INT, 1), "))");
            case "Rc" -> Node.expr(Ty.SH, "((Sh) new Rc(", g.expr(c, Ty.INT, 1), ", ", g.expr(c, Ty.INT, 1), "))");
            default -> Node.expr(Ty.SH, "((Sh) new Nd(", sh(c, 1), ", ", sh(c, 1), "))");
        };
    }

    /** {@code v} where an Object is wanted (an Sh value is one). */
    private static Node asObj(Node v) {
        return v.ty == Ty.OBJ ? v : Node.expr(Ty.OBJ, "((Object) ", v, ")");
    }

    /** {@code v} where a Sh is wanted: only the values of Sh patterns come here. */
    private static Node asSh(Node v) {
        if (v.ty != Ty.SH) {
            throw new IllegalStateException("not a Sh value: " + v.ty);
        }
        return v;
    }

    /**
     * The operand of an instanceof or a switch's selector: mostly {@code value} (what one of the
     * patterns matches, so that bodies run), else any value of the static type.
     */
    private Node operand(Ctx c, boolean onSh, Node value, int depth) {
        if (value != null && g.chance(70)) {
            return onSh ? asSh(value) : asObj(value);
        }
        return onSh ? sh(c, depth) : obj(c, depth);
    }

    /** A nested pattern testing {@code type} on a component declared {@code declared}: total only if the same. */
    private Pat component(Ctx c, String type, String declared, int depth) {
        Pat p = pat(c, type, depth, g.chance(20), true);
        // `var` stands for the component's declared type: a Sh pattern on Bx's Object component is `Sh v`
        // (as `var v` it would match everything, and a later `Bx(var w)` would be dominated; seed 4242
        // program 1128)
        // (likewise an unnamed `_`, which matches everything: `Sh _`; seed 20261213 programs 1536, 50052)
        String text = type.equals(declared) ? p.text : p.text.startsWith("var ") ? type + p.text.substring(3)
                : p.text.equals("_") ? type + " _" : p.text;
        return new Pat(text, p.binds, type.equals(declared) && p.total, p.value);
    }

    /** A pattern testing {@code type}, total for it (a type pattern or a record pattern with total components). */
    private Pat totalPat(Ctx c, String type) {
        for (int tries = 0; tries < 20; tries++) {
            Pat p = pat(c, type, 1, true);
            if (p.total) {
                return p;
            }
        }
        return pat(c, type, 0, false); // Bx(var o) / Nd(Sh a, Sh b)
    }

    /** A pattern testing {@code type} that is not total, if the type has one (Bx, Nd); else null. */
    private Pat partialPat(Ctx c, String type) {
        if (!type.equals("Bx") && !type.equals("Nd")) {
            return null;
        }
        for (int tries = 0; tries < 20; tries++) {
            Pat p = pat(c, type, 2, false);
            if (!p.total) {
                return p;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ switches

    /** One case label: its text (after "case"), guard, bindings, and a value it matches (null: none made). */
    private record Label(String head, Node guard, List<Bind> binds, Node value) {
        boolean binding() {
            return !binds.isEmpty();
        }
    }

    /**
     * The labels of a pattern switch over {@code onSh ? Sh : Object}, in an order javac accepts (no
     * label dominated by an earlier one), ending with what makes the switch exhaustive.
     */
    private List<Label> labels(Ctx c, boolean onSh, boolean colon) {
        List<String> pool = new ArrayList<>(onSh ? SH_TYPES : OBJ_TYPES);
        boolean sealedNoDefault = onSh && g.chance(45);
        List<String> types = new ArrayList<>();
        if (sealedNoDefault && g.chance(80)) {
            types.addAll(List.of("Sq", "Rc", "Nd")); // each covered below
        } else {
            int n = 1 + g.r.nextInt(3);
            for (int i = 0; i < n; i++) {
                String t = g.pickOf(pool.toArray(new String[0]));
                if (!types.contains(t)) {
                    types.add(t);
                }
            }
            types.sort((a, b) -> Integer.compare(pool.indexOf(a), pool.indexOf(b)));
            if (sealedNoDefault && !types.contains("Sh")) {
                types.add("Sh"); // an unconditional `case Sh s` makes it exhaustive
            }
        }
        List<Label> out = new ArrayList<>();
        for (String t : types) {
            int before = out.size();
            if (g.chance(35)) {
                Pat p = pat(c, t, 1, true);
                out.add(new Label(p.text, guard(c, p.binds), p.binds, p.value));
            }
            Pat partial = g.chance(40) ? partialPat(c, t) : null;
            if (partial != null) {
                out.add(new Label(partial.text, null, partial.binds, partial.value));
            }
            // the last type of a sealed switch without default is Sh: unconditional, so it is total
            boolean mustCover = sealedNoDefault || (onSh && t.equals("Sh"));
            if (mustCover || out.size() == before || g.chance(50)) {
                Pat p = totalPat(c, t);
                out.add(new Label(p.text, null, p.binds, p.value));
            }
        }
        for (Label l : out) {
            if (l.head.contains("(")) {
                RECORD_CASES.increment();
            }
        }
        boolean unconditional = onSh && types.contains("Sh");
        if (sealedNoDefault || unconditional) {
            SEALED_NO_DEFAULT.increment();
            if (g.chance(30)) {
                CASE_NULL.increment();
                out.add(g.chance(50) ? 0 : out.size(), new Label("null", null, List.of(), null));
            }
            return out;
        }
        int k = g.r.nextInt(100);
        if (k < 25) {
            CASE_NULL.increment();
            out.add(new Label("null, default", null, List.of(), null));
            return out;
        }
        if (g.chance(30)) {
            CASE_NULL.increment();
            // in the colon form, right before the default, so that it may fall through to it
            out.add(!colon && g.chance(50) ? 0 : out.size(), new Label("null", null, List.of(), null));
        }
        if (k < 80 || onSh) {
            out.add(new Label("default", null, List.of(), null));
        } else {
            String n = g.fresh("v");
            out.add(new Label("Object " + n, null, List.of(new Bind(n, Ty.OBJ)), null));
        }
        return out;
    }

    /**
     * A guard: no await, reading the bindings and effectively final locals only. Never a constant:
     * javac rejects a constant false guard and takes a constant true one for no guard, so that a
     * later label of the same type would be dominated.
     */
    private Node guard(Ctx c, List<Bind> binds) {
        GUARDS.increment();
        boolean saved = c.pure;
        c.pure = true;
        int mark = bind(c, binds);
        try {
            List<Bind> ints = binds.stream().filter(b -> b.ty == Ty.INT).toList();
            if (!ints.isEmpty() && g.chance(60)) {
                Node e = Node.expr(Ty.BOOL, "(" + g.pickOf(ints.toArray(new Bind[0])).name + g.pickOf(" > ", " < ", " >= "),
                        g.expr(c, Ty.INT, 1), ")");
                return g.chance(40) ? Node.expr(Ty.BOOL, "Fx.vb(" + g.id() + ", ", e, ")") : e;
            }
            return Node.expr(Ty.BOOL, "Fx.vb(" + g.id() + ", ", g.expr(c, Ty.BOOL, 2), ")");
        } finally {
            Gen.trim(c, mark);
            c.pure = saved;
        }
    }

    /** {@code case <head> [when <guard>]} (or {@code default}) appended to switch {@code s}. */
    private static void addHead(Node s, Label l) {
        s.parts.add(" " + (l.head.equals("default") ? "default" : "case " + l.head));
        if (l.guard != null) {
            s.parts.add(" when ");
            s.parts.add(l.guard);
        }
    }

    /** A pattern switch statement, arrow or colon form, over an Object or a Sh. */
    private Node switchStmt(Ctx c) {
        SWITCH_STMTS.increment();
        boolean onSh = g.chance(40);
        boolean colon = g.chance(40);
        List<Label> labels = labels(c, onSh, colon);
        Node s = Node.stmt("switch (", operand(c, onSh, g.pickOf(labels.toArray(new Label[0])).value, 2), ") {");
        List<Target> saved = c.targets;
        c.targets = new ArrayList<>(saved);
        c.targets.add(new Target(null, false));
        for (int i = 0; i < labels.size(); i++) {
            Label l = labels.get(i);
            addHead(s, l);
            boolean last = i == labels.size() - 1;
            if (!colon) {
                s.parts.add(" -> ");
                int k = g.r.nextInt(100);
                if (k < 15) {
                    int mark = bind(c, l.binds);
                    s.parts.add(Node.stmt("Fx.log(" + g.id() + ", ", g.expr(c, g.chance(50) ? Ty.INT : Ty.STR, 2), ");"));
                    Gen.trim(c, mark);
                } else if (k < 20 && !last) {
                    s.parts.add(Node.stmt("throw new FxUnchecked(\"t" + g.id() + "\");"));
                } else {
                    Node b = body(c, l.binds, null, 0);
                    if (!last && g.chance(15)) {
                        // not in the last case: a switch all of whose cases leave cannot complete
                        // normally, and the statement after it would be unreachable
                        b.parts.add(exit(c));
                    }
                    s.parts.add(b);
                }
                continue;
            }
            s.parts.add(": ");
            s.parts.add(body(c, l.binds, null, 0));
            // a group that is followed by one declaring bindings must not complete normally
            boolean fallOk = !last && !labels.get(i + 1).binding();
            if (!last && (!fallOk || g.chance(50))) {
                s.parts.add(" ");
                s.parts.add(g.chance(80) ? Node.stmt("break;") : exit(c));
            }
        }
        s.parts.add(" }");
        c.targets = saved;
        return s;
    }

    /** A pattern switch expression of type {@code t}; awaits in case bodies, yields after them. */
    private Node switchExpr(Ctx c, Ty t, int depth) {
        SWITCH_EXPRS.increment();
        // the same javac crash as in Gen.switchExpr: no try in a switch expression while a long is on the stack
        boolean savedNoTry = c.noTry;
        c.noTry |= c.wideOnStack > 0;
        boolean savedIn = c.inSwitchExpr;
        List<Target> savedTargets = c.targets;
        c.inSwitchExpr = true;
        c.targets = new ArrayList<>();
        boolean onSh = g.chance(40);
        boolean colon = g.chance(30);
        List<Label> labels = labels(c, onSh, colon);
        Node s = Node.expr(t, "switch (", operand(c, onSh, g.pickOf(labels.toArray(new Label[0])).value, depth), ") {");
        for (int i = 0; i < labels.size(); i++) {
            Label l = labels.get(i);
            addHead(s, l);
            boolean last = i == labels.size() - 1;
            if (!colon) {
                s.parts.add(" -> ");
                if (g.chance(45)) {
                    int mark = bind(c, l.binds);
                    s.parts.add(g.expr(c, t, depth));
                    s.parts.add(";");
                    Gen.trim(c, mark);
                } else {
                    s.parts.add(body(c, l.binds, t, depth));
                }
                continue;
            }
            s.parts.add(": ");
            boolean fallOk = !last && !labels.get(i + 1).binding();
            s.parts.add(body(c, l.binds, fallOk && g.chance(50) ? null : t, depth));
        }
        s.parts.add(" }");
        c.inSwitchExpr = savedIn;
        c.targets = savedTargets;
        c.noTry = savedNoTry;
        return Node.expr(t, "((", s, "))");
    }
}
