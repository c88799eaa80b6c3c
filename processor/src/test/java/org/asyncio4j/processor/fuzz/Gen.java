package org.asyncio4j.processor.fuzz;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.asyncio4j.processor.fuzz.Node.Ty;

/**
 * Generates one random, valid program: a class with a few {@code @Async} methods (static and
 * instance, returning {@code Task<Integer>} or {@code Task<String>}) that call each other with
 * bounded recursion. Statements and expressions cover the processor's construct list; awaits
 * appear at random expression positions. Every jump is guarded by an {@code if} so no statement
 * is unreachable, every loop is bounded by a counter the body cannot touch, and names are unique
 * in the whole program so the shrinker can move statements freely.
 */
final class Gen {
    /** Constructs that can be switched off (to exclude one while its processor bug is open). */
    enum F { LOOPS, LABELS, SWITCH_OLD, SWITCH_ARROW, SWITCH_EXPR, TRY, TWR, ASYNC_RES, CALLS, INSTANCE, FIELDS,
        ARRAYS, VAR, CHECKED_AWAIT, TERNARY, SHORT_CIRCUIT, COMPOUND, INCDEC, FOREACH, RETURN_TASK, THROW,
        CATCH_THROWABLE, ASSERT, STRINGS, LONGS, PATTERNS, LAMBDAS, EACH, GENERATORS, TASK_LOCALS, QUEUES,
        CALL_TYPES,
        /** Awaits of generic calls: {@code Fx.t(id, v)} (T from a lower bound) and {@code Fx.via(Fx.i(id, v))} (an equality). */
        GENERIC_CALLS,
        /** JDK 21+ only: record patterns in instanceof (`o instanceof Bx(Pt(var a, long b))`), see {@link PatternGen}. */
        RECORD_PATTERNS,
        /** JDK 21+ only: pattern switch statements and expressions (type and record patterns, guards, null). */
        PATTERN_SWITCH }

    static final Set<F> ALL = EnumSet.allOf(F.class);

    /** Top-level statements per method: 4 + [0, fuzz.stmts) (nested ones come on top). */
    static final int STMT_SPREAD = Integer.getInteger("fuzz.stmts", 6);

    /**
     * Record patterns and pattern switches are Java 21. On JDK 17 every check of the JDK 21 features
     * comes before any random draw for them, so a seed's programs stay exactly what they were.
     */
    static final boolean JAVA_21 = Runtime.version().feature() >= 21;
    /** Java 22's unnamed variables ({@code _}) in record patterns, from JDK 22 (PatternGen). */
    static final boolean JAVA_22 = Runtime.version().feature() >= 22;

    final Random r;
    final Set<F> on;
    /** The JDK 21 pattern features (used only when {@link #JAVA_21}). */
    final PatternGen pat = new PatternGen(this);
    int ids = 1;
    int names = 0;

    Gen(long seed, Set<F> features) {
        this.r = new Random(seed);
        this.on = features;
    }

    // ------------------------------------------------------------------ program

    static final class Method {
        String name;
        boolean isStatic;
        Ty ret;
        Node body;
        boolean throwsChecked;
        /** An async generator: returns AsyncIterable<Integer>, yields ints. */
        boolean generator;
    }

    static final class Program {
        String cls;
        long seed;
        List<Method> methods = new ArrayList<>();
        boolean rootStatic;
        /** Extra class members, one per line (the misuse generator adds some). */
        List<String> extraMembers = new ArrayList<>();
        String classHeaderSuffix = "";
        String classModifiers = "public ";
        /** Declares the records and the sealed interface the JDK 21 pattern features use ({@link PatternGen#TYPES}). */
        boolean records;

        Program copy() {
            Program p = new Program();
            p.extraMembers = new ArrayList<>(extraMembers);
            p.classHeaderSuffix = classHeaderSuffix;
            p.classModifiers = classModifiers;
            p.cls = cls;
            p.seed = seed;
            p.rootStatic = rootStatic;
            p.records = records;
            for (Method m : methods) {
                Method c = new Method();
                c.name = m.name;
                c.isStatic = m.isStatic;
                c.ret = m.ret;
                c.throwsChecked = m.throwsChecked;
                c.generator = m.generator;
                c.body = m.body.copy();
                p.methods.add(c);
            }
            return p;
        }

        int size() {
            int s = 0;
            for (Method m : methods) {
                s += m.body.size();
            }
            return s;
        }

        String render(boolean ref) {
            StringBuilder sb = new StringBuilder();
            sb.append("package fz;\n\n");
            sb.append("import org.asyncio4j.Task;\n");
            sb.append("import org.asyncio4j.CancelledError;\n");
            sb.append(ref ? "import org.asyncio4j.processor.fuzz.ref.Await;\n" : "import org.asyncio4j.Await;\n");
            sb.append("import org.asyncio4j.AsyncIterable;\n");
            sb.append("import org.asyncio4j.annotations.Async;\n");
            sb.append("import org.asyncio4j.processor.fuzz.Fx;\n");
            sb.append("import org.asyncio4j.processor.fuzz.FxChecked;\n");
            sb.append("import org.asyncio4j.processor.fuzz.FxUnchecked;\n\n");
            sb.append(classModifiers).append("class ").append(cls).append(" {").append(classHeaderSuffix).append('\n');
            sb.append("    int fld;\n");
            // receivers whose types the processor reads from elements (CALL_TYPES)
            sb.append("    final Fx.Src src = new Fx.Src();\n");
            sb.append("    static final Fx.Src SRC = new Fx.Src();\n");
            sb.append("    static final Fx.Box<Integer> IBOX = new Fx.Box<>();\n");
            for (String x : extraMembers) {
                sb.append("    ").append(x).append('\n');
            }
            sb.append("    int[] farr = new int[4];\n");
            if (records) {
                sb.append(PatternGen.TYPES);
            }
            for (Method m : methods) {
                if (m.generator) {
                    renderGenerator(sb, m, ref);
                    continue;
                }
                sb.append("\n    @Async\n    ").append(m.isStatic ? "static " : "")
                        .append(m.ret == Ty.STR ? "Task<String> " : "Task<Integer> ").append(m.name)
                        .append("(int d, int a)").append(m.throwsChecked ? " throws FxChecked " : " ");
                m.body.render(sb, 1, ref);
                sb.append('\n');
            }
            sb.append("}\n");
            return sb.toString();
        }
    }

    /**
     * A generator method. The reference is a plain method running the body on a {@link
     * org.asyncio4j.processor.fuzz.ref.RefGen} thread: its {@code return AsyncIterable.end();} statements
     * become {@code return;} in a separate body method (whose parameters may be reassigned).
     */
    static void renderGenerator(StringBuilder sb, Method m, boolean ref) {
        String st = m.isStatic ? "static " : "";
        String thr = m.throwsChecked ? " throws FxChecked " : " ";
        StringBuilder body = new StringBuilder();
        m.body.render(body, 1, ref);
        if (!ref) {
            sb.append("\n    @Async\n    ").append(st).append("AsyncIterable<Integer> ").append(m.name)
                    .append("(int d, int a)").append(thr).append(body).append('\n');
            return;
        }
        sb.append("\n    ").append(st).append("AsyncIterable<Integer> ").append(m.name).append("(int d, int a)")
                .append(thr).append("{\n        return org.asyncio4j.processor.fuzz.ref.RefGen.of(() -> ")
                .append(m.name).append("$body(d, a));\n    }\n");
        sb.append("\n    ").append(st).append("void ").append(m.name).append("$body(int d, int a)").append(thr)
                .append(body.toString().replace("return AsyncIterable.end();", "return;")).append('\n');
    }

    Program program(String cls, long seed) {
        Program p = new Program();
        p.cls = cls;
        p.seed = seed;
        int n = 1 + r.nextInt(3);
        boolean checked = on.contains(F.CHECKED_AWAIT) && r.nextInt(3) == 0;
        for (int i = 0; i < n; i++) {
            Method m = new Method();
            m.name = "m" + i;
            m.isStatic = !on.contains(F.INSTANCE) || r.nextBoolean();
            m.ret = on.contains(F.STRINGS) && i > 0 && r.nextInt(3) == 0 ? Ty.STR : Ty.INT;
            m.throwsChecked = checked;
            p.methods.add(m);
        }
        p.rootStatic = p.methods.get(0).isStatic;
        p.records = JAVA_21 && (on.contains(F.RECORD_PATTERNS) || on.contains(F.PATTERN_SWITCH));
        if (on.contains(F.GENERATORS) && on.contains(F.EACH) && on.contains(F.FOREACH) && on.contains(F.LOOPS)
                && r.nextInt(100) < 40) {
            Method g = new Method();
            g.name = "gen0";
            g.isStatic = !on.contains(F.INSTANCE) || r.nextBoolean();
            g.ret = Ty.INT;
            g.throwsChecked = checked;
            g.generator = true;
            p.methods.add(g);
        }
        for (Method m : p.methods) {
            m.body = methodBody(p, m);
        }
        return p;
    }

    // ------------------------------------------------------------------ scope

    static final class Local {
        final String name;
        final Ty ty;
        final boolean array;
        final boolean assignable;
        /** Never assigned anywhere (a guard may read only such locals: JLS 14.11.1). */
        final boolean effFinal;

        Local(String name, Ty ty, boolean array, boolean assignable) {
            this(name, ty, array, assignable, false);
        }

        Local(String name, Ty ty, boolean array, boolean assignable, boolean effFinal) {
            this.name = name;
            this.ty = ty;
            this.array = array;
            this.assignable = assignable;
            this.effFinal = effFinal;
        }
    }

    /** Where a break/continue may go. */
    static final class Target {
        final String label; // null if unlabeled
        final boolean loop;

        Target(String label, boolean loop) {
            this.label = label;
            this.loop = loop;
        }
    }

    /** Generation context of one method. */
    final class Ctx {
        final Program p;
        final Method m;
        final List<Local> locals = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        /** Inside a switch expression: no return, no jumps out (Java forbids them). */
        boolean inSwitchExpr;
        /** Inside try/catch/finally or try-with-resources (any part). */
        int inTry;
        /** Generating an expression that javac evaluates while a long is on its operand stack. */
        int wideOnStack;
        /** No try statements here: see {@link #switchExpr}. */
        boolean noTry;
        int stmtBudget;
        int loopDepth;
        int nest;
        /** Generating the body of an async lambda (its functional method cannot throw FxChecked). */
        boolean inLambda;
        /**
         * Generating a case guard (JDK 21): no awaits (the processor refuses them), no calls of async
         * methods, no assignments, and only locals that are effectively final ({@link Local#effFinal}).
         */
        boolean pure;

        Ctx(Program p, Method m) {
            this.p = p;
            this.m = m;
        }
    }

    String fresh(String prefix) {
        return prefix + (names++);
    }

    int id() {
        return ids++;
    }

    boolean chance(int pct) {
        return r.nextInt(100) < pct;
    }

    private Node methodBody(Program p, Method m) {
        Ctx c = new Ctx(p, m);
        c.locals.add(new Local("a", Ty.INT, false, true));
        c.locals.add(new Local("d", Ty.INT, false, false, true));
        c.stmtBudget = 4 + r.nextInt(STMT_SPREAD);
        List<Node> stmts = new ArrayList<>();
        Node guard = m.generator ? Node.stmt("if (d > 2) return AsyncIterable.end();")
                : Node.stmt("if (d > 2) return Task.completed(" + (m.ret == Ty.STR ? "\"s\" + a" : "a") + ");");
        guard.fixed = true;
        stmts.add(guard);
        while (c.stmtBudget > 0) {
            stmts.add(stmt(c));
        }
        Node ret = m.generator ? Node.stmt("return AsyncIterable.end();") : Node.stmt("return ", retTask(c, m.ret), ";");
        ret.fixed = true;
        stmts.add(ret);
        return Node.block(stmts);
    }

    // ------------------------------------------------------------------ statements

    Node block(Ctx c, int max) {
        int mark = c.locals.size();
        List<Node> stmts = new ArrayList<>();
        int n = r.nextInt(max + 1);
        c.nest++;
        for (int i = 0; i < n && c.stmtBudget > 0; i++) {
            stmts.add(stmt(c));
        }
        c.nest--;
        trim(c, mark);
        return Node.block(stmts);
    }

    static void trim(Ctx c, int mark) {
        while (c.locals.size() > mark) {
            c.locals.remove(c.locals.size() - 1);
        }
    }

    Node stmt(Ctx c) {
        c.stmtBudget--;
        boolean deep = c.nest >= 4;
        if (c.m.generator && !c.inLambda && chance(20)) {
            return Node.stmt("Await.yield(", expr(c, Ty.INT, 2), ");");
        }
        if (!deep && c.loopDepth < 3 && !c.noTry && chance(10) && generatorFor(c) != null) {
            return loop(c, 5); // consume the program's generator
        }
        if (JAVA_21 && !deep && pat.on() && chance(9)) {
            return pat.stmt(c);
        }
        for (;;) {
            int k = r.nextInt(100);
            if (k < 14) {
                return decl(c);
            } else if (k < 30) {
                Node a = assign(c);
                if (a != null) {
                    return a;
                }
            } else if (k < 38) {
                return Node.stmt("Fx.log(" + id() + ", ", expr(c, anyTy(), 2), ");");
            } else if (k < 46 && !deep) {
                Node s = Node.stmt("if (", expr(c, Ty.BOOL, 2), ") ", block(c, 3));
                if (chance(40)) {
                    s.parts.add(" else ");
                    s.parts.add(block(c, 3));
                }
                return s;
            } else if (k < 56 && !deep && on.contains(F.LOOPS) && c.loopDepth < 3) {
                return loop(c);
            } else if (k < 62 && !deep && (on.contains(F.SWITCH_OLD) || on.contains(F.SWITCH_ARROW))) {
                return switchStmt(c);
            } else if (k < 70 && !deep && on.contains(F.TRY) && !c.noTry) {
                return tryStmt(c);
            } else if (k < 75 && !deep && on.contains(F.TWR) && !c.noTry) {
                return twr(c);
            } else if (k < 86) {
                Node j = jump(c);
                if (j != null) {
                    return j;
                }
            } else if (k < 92 && on.contains(F.CALLS)) {
                Node call = call(c, Ty.INT);
                if (call != null) {
                    return Node.stmt(call, ";");
                }
            } else if (k < 95 && !deep) {
                return Node.stmt(block(c, 3));
            } else if (k < 97 && on.contains(F.ASSERT)) {
                return Node.stmt("assert ", expr(c, Ty.BOOL, 2), " : ", expr(c, Ty.STR, 1), ";");
            } else if (k < 100 && on.contains(F.LAMBDAS) && !deep && c.nest < 3 && !c.inSwitchExpr) {
                return asyncLambda(c);
            }
        }
    }

    /**
     * An async lambda, called and awaited: a final local it captures, an IntFunction returning a task
     * whose body awaits (its own statements: jumps stay inside, returns complete its task), then
     * {@code Fx.log(id, Await.on(f.apply(e)))}. The reference runs the same lambda synchronously.
     */
    private Node asyncLambda(Ctx c) {
        String cap = fresh("c");
        String f = fresh("f");
        String p = fresh("p");
        Node capture = Node.stmt("final int " + cap + " = ", expr(c, Ty.INT, 2), ";");
        capture.fixed = true;
        Method lm = new Method();
        lm.name = c.m.name;
        lm.isStatic = c.m.isStatic;
        lm.ret = Ty.INT;
        lm.throwsChecked = false;
        Ctx lc = new Ctx(c.p, lm);
        lc.inLambda = true;
        lc.locals.add(new Local(p, Ty.INT, false, false, true));
        lc.locals.add(new Local(cap, Ty.INT, false, false, true));
        lc.locals.add(new Local("d", Ty.INT, false, false, true));
        lc.stmtBudget = 1 + r.nextInt(3);
        c.stmtBudget -= lc.stmtBudget;
        List<Node> body = new ArrayList<>();
        while (lc.stmtBudget > 0) {
            body.add(stmt(lc));
        }
        Node ret = Node.stmt("return ", retTask(lc, Ty.INT), ";");
        ret.fixed = true;
        body.add(ret);
        String param = chance(50) ? "(int " + p + ")" : p;
        Node decl = Node.stmt("java.util.function.IntFunction<Task<Integer>> " + f + " = " + param + " -> ",
                Node.block(body), ";");
        decl.fixed = true;
        Node use = Node.stmt("Fx.log(" + id() + ", Await.on(" + f + ".apply(", expr(c, Ty.INT, 1), ")));");
        use.fixed = true;
        return Node.block(new ArrayList<>(List.of(capture, decl, use)));
    }

    private Ty anyTy() {
        int k = r.nextInt(10);
        if (k < 6 || !on.contains(F.STRINGS) && k < 8) {
            return Ty.INT;
        }
        if (k < 8) {
            return Ty.STR;
        }
        return k == 8 && on.contains(F.LONGS) ? Ty.LONG : Ty.BOOL;
    }

    private static String tyName(Ty t) {
        return switch (t) {
            case INT -> "int";
            case LONG -> "long";
            case STR -> "String";
            case BOOL -> "boolean";
            default -> throw new IllegalArgumentException();
        };
    }

    private Node decl(Ctx c) {
        if (on.contains(F.TASK_LOCALS) && chance(10)) {
            return taskLocal(c);
        }
        if (on.contains(F.QUEUES) && chance(6)) {
            return queueLoop(c);
        }
        if (on.contains(F.CALL_TYPES) && chance(12)) {
            return callTypes(c);
        }
        if (on.contains(F.ARRAYS) && chance(12)) {
            String n = fresh("arr");
            Node s = Node.stmt("int[] " + n + " = {", expr(c, Ty.INT, 2), ", ", expr(c, Ty.INT, 1), ", ",
                    expr(c, Ty.INT, 1), ", ", expr(c, Ty.INT, 1), "};");
            c.locals.add(new Local(n, Ty.INT, true, true));
            return s;
        }
        if (on.contains(F.LONGS) && chance(8)) {
            // an int awaited straight into a long: widening the awaited value (not a Long read)
            String n = fresh("x");
            Node init = awaitOf(c, Ty.INT, 2); // before the local is in scope: it cannot read itself
            c.locals.add(new Local(n, Ty.LONG, false, true));
            return Node.stmt("long " + n + " = ", init, ";");
        }
        Ty t = anyTy();
        String n = fresh("x");
        Node init = expr(c, t, 3);
        Node s;
        // javac (17) cannot infer 'var' from some switch expressions with poly yields: explicit type then
        if (on.contains(F.VAR) && chance(35) && !containsSwitch(init)) {
            s = Node.stmt("var " + n + " = ", init, ";");
        } else if (chance(15)) {
            String n2 = fresh("x");
            s = Node.stmt(tyName(t) + " " + n + " = ", init, ", " + n2 + " = ", expr(c, t, 2), ";");
            c.locals.add(new Local(n2, t, false, true));
        } else {
            s = Node.stmt(tyName(t) + " " + n + " = ", init, ";");
        }
        c.locals.add(new Local(n, t, false, true));
        return s;
    }

    /**
     * A task held in a local declared with its type, awaited at once as the first operand of a sum
     * whose other operand may await too: {@code { Task<Integer> t = Fx.i(..); Fx.log(id, Await.on(t) + e); }}.
     * The processor reads such an await as {@code m.<Integer>awaited(..)} and spills it to a typed field
     * when {@code e} awaits. The await is the first thing evaluated after the declaration, so the task
     * is always awaited (no failure left unretrieved).
     */
    private Node taskLocal(Ctx c) {
        Ty t = on.contains(F.STRINGS) && chance(40) ? Ty.STR : on.contains(F.LONGS) && chance(30) ? Ty.LONG : Ty.INT;
        String n = fresh("t");
        String type = switch (t) {
            case INT -> "Integer";
            case LONG -> "Long";
            default -> "String";
        };
        String make = switch (t) {
            case INT -> "Fx.i(";
            case LONG -> "Fx.l(";
            default -> "Fx.s(";
        };
        String declared = chance(25) ? "Task<? extends " + type + ">" : "Task<" + type + ">";
        Node init = expr(c, t, 2);
        // the awaited Long is on javac's operand stack while 'rest' is evaluated (seed 20261207 program 2023)
        Node rest = t == Ty.LONG ? wide(c, t, 2) : expr(c, t, 2);
        return Node.stmt("{ " + declared + " " + n + " = " + make + id() + ", ", init, "); Fx.log(" + id() + ", Await.on("
                + n + ") + ", rest, "); }");
    }

    /**
     * Awaits and spills whose types the processor states from elements ({@code CallTypes}): calls on a
     * field (instance or static), a chain through a method, a generic holder, and a call receiver
     * evaluated before an await in its arguments (kept in a field of its own type). The sink
     * {@code Fx.see} is overloaded (Object, int, long, String) and logs which one javac chose, so a
     * stated type that differs from the one javac infers for the source shows as a divergence.
     */
    private Node callTypes(Ctx c) {
        String field = c.m.isStatic ? "SRC" : pickOf("src", "this.src", "SRC");
        int site = id();
        return switch (r.nextInt(6)) {
            case 0 -> Node.stmt("Fx.see(" + site + ", Await.on(" + field + ".i(" + id() + ", ", expr(c, Ty.INT, 2), ")));");
            case 1 -> Node.stmt("Fx.see(" + site + ", Await.on(" + field + ".self(" + id() + ").i(" + id() + ", ",
                    expr(c, Ty.INT, 2), ")) + ", expr(c, Ty.INT, 1), ");");
            case 2 -> Node.stmt("Fx.see(" + site + ", Await.on(IBOX.get(" + id() + ", ", expr(c, Ty.INT, 2), ")));");
            case 3 -> Node.stmt("Fx.see(" + site + ", " + field + ".self(" + id() + ").add(" + id() + ", ",
                    expr(c, Ty.INT, 1), ", ", awaitOf(c, Ty.INT, 1), "));");
            case 4 -> on.contains(F.LONGS)
                    ? Node.stmt("Fx.see(" + site + ", Await.on(" + field + ".l(" + id() + ", ", expr(c, Ty.LONG, 2), ")));")
                    : Node.stmt("Fx.see(" + site + ", " + field + ".add(" + id() + ", ", awaitOf(c, Ty.INT, 1), ", ",
                            awaitOf(c, Ty.INT, 1), "));");
            default -> on.contains(F.STRINGS)
                    ? Node.stmt("Fx.see(" + site + ", Await.on(" + field + ".s(" + id() + ", ", expr(c, Ty.STR, 2), ")));")
                    : Node.stmt("Fx.see(" + site + ", Await.on(" + field + ".i(" + id() + ", ", expr(c, Ty.INT, 1), ")));");
        };
    }

    /**
     * Awaits of a queue's {@code get()} or {@code put(v)} with the queue in a local, a loop of them
     * ({@code Fx.q}, {@code Fx.pq}): the processor passes the receiver ({@code m.task(q, q.get())}) and
     * the queue reuses a getter or putter that waited, from one iteration to the next. The loop awaits
     * nothing else (see {@code Fx.q}).
     */
    private Node queueLoop(Ctx c) {
        String q = fresh("q");
        String i = fresh("i");
        int n = 1 + r.nextInt(4);
        Node s;
        if (chance(50)) {
            s = Node.stmt("{ org.asyncio4j.queue.AsyncQueue<Integer> " + q + " = Fx.q(" + id() + ", " + n + ", ",
                    expr(c, Ty.INT, 2), "); for (int " + i + " = 0; " + i + " < " + n + "; " + i + "++) { Fx.log(" + id()
                    + ", Await.on(" + q + ".get())); } }");
        } else {
            s = Node.stmt("{ org.asyncio4j.queue.AsyncQueue<Integer> " + q + " = Fx.pq(" + id() + ", " + n + "); for (int "
                    + i + " = 0; " + i + " < " + n + "; " + i + "++) { Await.on(" + q + ".put(" + i + " * 7)); } Fx.log("
                    + id() + ", Fx.taken(" + q + ")); }");
        }
        s.fixed = true;
        return s;
    }

    private static boolean containsSwitch(Node n) {
        for (Object p : n.parts) {
            if (p instanceof String str ? str.contains("switch") : containsSwitch((Node) p)) {
                return true;
            }
        }
        return false;
    }

    Local pick(Ctx c, Ty t, boolean array, boolean assignable) {
        List<Local> ok = new ArrayList<>();
        for (Local l : c.locals) {
            if (l.ty == t && l.array == array && (!assignable || l.assignable) && (!c.pure || l.effFinal)) {
                ok.add(l);
            }
        }
        return ok.isEmpty() ? null : ok.get(r.nextInt(ok.size()));
    }

    private Node assign(Ctx c) {
        int k = r.nextInt(10);
        if (k < 2 && on.contains(F.ARRAYS)) {
            Local a = pick(c, Ty.INT, true, false);
            if (a != null) {
                String op = on.contains(F.COMPOUND) ? pickOf("=", "+=", "-=", "*=") : "=";
                return Node.stmt(a.name + "[", index(c), "] " + op + " ", expr(c, Ty.INT, 2), ";");
            }
        }
        if (k == 2 && on.contains(F.FIELDS) && !c.m.isStatic) {
            if (chance(50)) {
                return Node.stmt("fld " + (on.contains(F.COMPOUND) ? pickOf("+=", "=", "-=") : "=") + " ",
                        expr(c, Ty.INT, 2), ";");
            }
            return Node.stmt("farr[", index(c), "] " + (on.contains(F.COMPOUND) ? "+=" : "=") + " ",
                    expr(c, Ty.INT, 2), ";");
        }
        Ty t = k < 7 ? Ty.INT : anyTy();
        Local l = pick(c, t, false, true);
        if (l == null) {
            return null;
        }
        if (t == Ty.INT && on.contains(F.INCDEC) && chance(20)) {
            return Node.stmt(pickOf(l.name + "++", l.name + "--", "++" + l.name, "--" + l.name) + ";");
        }
        String op = "=";
        if (on.contains(F.COMPOUND) && chance(50)) {
            op = switch (t) {
                case INT, LONG -> pickOf("+=", "-=", "*=", "^=", "|=");
                case STR -> "+=";
                case BOOL -> pickOf("&=", "|=");
                default -> "=";
            };
        }
        // a compound assignment loads the local before the right side is evaluated
        Node rhs = t == Ty.LONG && !op.equals("=") ? wide(c, t, 3) : expr(c, t, 3);
        return Node.stmt(l.name + " " + op + " ", rhs, ";");
    }

    /** {@code expr(c, t, depth)} evaluated while a long (a left operand) is on javac's operand stack. */
    Node wide(Ctx c, Ty t, int depth) {
        c.wideOnStack++;
        try {
            return expr(c, t, depth);
        } finally {
            c.wideOnStack--;
        }
    }

    private Node index(Ctx c) {
        return Node.expr(Ty.INT, "(", expr(c, Ty.INT, 2), ") & 3");
    }

    @SafeVarargs
    final <T> T pickOf(T... xs) {
        return xs[r.nextInt(xs.length)];
    }

    private Node loop(Ctx c) {
        return loop(c, -1);
    }

    /** A loop of kind {@code forced} (5: Await.each), or of a random kind when negative. */
    private Node loop(Ctx c, int forced) {
        String label = on.contains(F.LABELS) && chance(40) ? fresh("L") : null;
        String i = fresh("i");
        int bound = r.nextInt(4);
        // An Await.each loop is a try/finally in the reference (its close), so it is a try for javac's
        // switch-expression crash above (seed 20261122 program 1011): none where tries are not allowed.
        int kind = forced >= 0 ? forced : r.nextInt(on.contains(F.FOREACH) ? on.contains(F.EACH) && !c.noTry ? 6 : 5 : 3);
        c.loopDepth++;
        List<Target> saved = c.targets;
        c.targets = new ArrayList<>(saved);
        c.targets.add(new Target(label, true));
        String lab = label == null ? "" : label + ": ";
        Node s;
        int mark = c.locals.size();
        switch (kind) {
            case 0 -> { // for, awaits possibly in init, condition and update
                Node init = chance(30) ? awaitOf(c, Ty.INT, Node.expr(Ty.INT, "0")) : Node.expr(Ty.INT, "0");
                Node cond = chance(30) ? Node.expr(Ty.BOOL, i + " < ", awaitOf(c, Ty.INT, Node.expr(Ty.INT, "" + bound)))
                        : Node.expr(Ty.BOOL, i + " < " + bound);
                Node upd = chance(25) ? Node.expr(Ty.INT, i + " += ", awaitOf(c, Ty.INT, Node.expr(Ty.INT, "1")))
                        : Node.expr(Ty.INT, i + "++");
                init.fixed = cond.fixed = upd.fixed = true;
                c.locals.add(new Local(i, Ty.INT, false, false));
                s = Node.stmt(lab + "for (int " + i + " = ", init, "; ", cond, "; ", upd, ") ", block(c, 4));
            }
            case 1 -> { // while, counter bumped in the condition so continue cannot skip it
                c.locals.add(new Local(i, Ty.INT, false, false));
                Node cond = Node.expr(Ty.BOOL, i + "++ < " + bound);
                cond.fixed = true;
                Node extra = chance(40) && on.contains(F.SHORT_CIRCUIT) ? expr(c, Ty.BOOL, 2) : null;
                Node w = extra == null ? Node.stmt(lab + "while (", cond, ") ", block(c, 4))
                        : Node.stmt(lab + "while (", cond, " && ", extra, ") ", block(c, 4));
                s = Node.stmt("{ int " + i + " = 0; ", w, " }");
            }
            case 2 -> { // do/while
                c.locals.add(new Local(i, Ty.INT, false, false));
                Node cond = Node.expr(Ty.BOOL, "++" + i + " < " + bound);
                cond.fixed = true;
                Node extra = chance(40) && on.contains(F.SHORT_CIRCUIT) ? expr(c, Ty.BOOL, 2) : null;
                Node body = block(c, 4);
                Node w = extra == null ? Node.stmt(lab + "do ", body, " while (", cond, ");")
                        : Node.stmt(lab + "do ", body, " while (", cond, " && ", extra, ");");
                s = Node.stmt("{ int " + i + " = 0; ", w, " }");
            }
            case 3 -> { // for-each over an array
                Local arr = on.contains(F.ARRAYS) ? pick(c, Ty.INT, true, false) : null;
                Node src = arr != null ? Node.expr(Ty.VOID, arr.name)
                        : Node.expr(Ty.VOID, "new int[] {", expr(c, Ty.INT, 2), ", ", expr(c, Ty.INT, 1), "}");
                src.fixed = arr != null;
                c.locals.add(new Local(i, Ty.INT, false, true));
                s = Node.stmt(lab + "for (int " + i + " : ", src, ") ", block(c, 4));
            }
            case 5 -> { // async for over an AsyncIterable: Await.each, of a source or of the program's generator
                Method g = generatorFor(c);
                Node src = g != null && (forced == 5 || chance(60))
                        ? Node.expr(Ty.VOID, g.name + "(d + 1, ", expr(c, Ty.INT, 1), ")")
                        : Node.expr(Ty.VOID, "Fx.each(" + id() + ", ", expr(c, Ty.INT, 2), ", ", expr(c, Ty.INT, 1), ")");
                c.locals.add(new Local(i, Ty.INT, false, true));
                String ty = on.contains(F.VAR) && chance(30) ? "var" : chance(50) ? "int" : "Integer";
                // The loop closes its iterator in a finally, so 'return task' in its body is a return inside a
                // try (see retTask): the close runs while a returned pending task still runs (seed 20261207
                // program 9656), which the synchronous reference cannot model.
                c.inTry++;
                Node body = block(c, 4);
                c.inTry--;
                s = new Node.Each(lab, ty, i, src, body);
            }
            default -> { // for-each over an Iterable, var element
                Node src = Node.expr(Ty.VOID, "Fx.list(" + id() + ", ", expr(c, Ty.INT, 2), ", ", expr(c, Ty.INT, 1), ")");
                c.locals.add(new Local(i, Ty.INT, false, true));
                s = Node.stmt(lab + "for (" + (on.contains(F.VAR) && chance(50) ? "var " : "Integer ") + i + " : ", src,
                        ") ", block(c, 4));
            }
        }
        trim(c, mark);
        c.targets = saved;
        c.loopDepth--;
        return s;
    }

    private Node switchStmt(Ctx c) {
        boolean arrow = on.contains(F.SWITCH_ARROW) && (!on.contains(F.SWITCH_OLD) || r.nextBoolean());
        List<Target> saved = c.targets;
        c.targets = new ArrayList<>(saved);
        c.targets.add(new Target(null, false));
        Node s = Node.stmt("switch ((", expr(c, Ty.INT, 2), ") & 3) {");
        int cases = 1 + r.nextInt(3);
        for (int i = 0; i < cases; i++) {
            String label = i == cases - 1 && chance(60) ? "default" : "case " + i;
            if (arrow) {
                s.parts.add(" " + label + " -> ");
                s.parts.add(block(c, 3));
            } else {
                // classic: a block per case keeps declarations local; may fall through
                s.parts.add(" " + label + ": ");
                s.parts.add(block(c, 3));
                if (chance(60)) {
                    s.parts.add(" break;");
                }
            }
        }
        s.parts.add(" }");
        c.targets = saved;
        return s;
    }

    private static final String[] CATCHES = {"FxUnchecked", "FxUnchecked | ArithmeticException", "RuntimeException",
        "Exception", "CancelledError", "Error", "Throwable"};

    private Node tryStmt(Ctx c) {
        c.inTry++;
        Node s = Node.stmt("try ", block(c, 4));
        boolean any = catches(c, s);
        if (!any || chance(50)) {
            s.parts.add(" finally ");
            s.parts.add(block(c, 3));
        }
        c.inTry--;
        return s;
    }

    /** Adds catch clauses (in an order javac accepts: subclasses first); true if any. */
    private boolean catches(Ctx c, Node s) {
        boolean any = false;
        int start = r.nextInt(CATCHES.length);
        boolean hadUnchecked = false;
        for (int i = start; i < CATCHES.length; i++) {
            if (!chance(i == start ? 70 : 30)) {
                continue;
            }
            String ty = CATCHES[i];
            if (ty.startsWith("FxUnchecked")) {
                if (hadUnchecked) {
                    continue;
                }
                hadUnchecked = true;
            }
            if ((ty.equals("Throwable") || ty.equals("CancelledError") || ty.equals("Error"))
                    && !on.contains(F.CATCH_THROWABLE)) {
                continue;
            }
            String e = fresh("e");
            s.parts.add(" catch (" + ty + " " + e + ") ");
            s.parts.add(catchBody(c, e, !ty.contains("Throwable") && !ty.equals("Exception") || !c.m.throwsChecked));
            any = true;
        }
        return any;
    }

    private Node catchBody(Ctx c, String e, boolean mayRethrow) {
        List<Node> stmts = new ArrayList<>();
        stmts.add(Node.stmt("Fx.log(" + id() + ", " + e + ");"));
        Node b = block(c, 2);
        stmts.addAll(b.kids());
        if (mayRethrow && chance(30)) {
            stmts.add(Node.stmt("if (", expr(c, Ty.BOOL, 1), ") throw " + e + ";"));
        }
        return Node.block(stmts);
    }

    private Node twr(Ctx c) {
        c.inTry++;
        try {
            return twr0(c);
        } finally {
            c.inTry--;
        }
    }

    private Node twr0(Ctx c) {
        Node.Twr t = new Node.Twr(id());
        int n = 1 + r.nextInt(2);
        List<Local> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean async = on.contains(F.ASYNC_RES) && r.nextBoolean();
            String name = fresh("r");
            String ty = on.contains(F.VAR) && chance(40) ? "var" : async ? "Fx.ARes" : "Fx.Res";
            t.resDecl.add(ty + " " + name);
            t.resAsync.add(async);
            int site = id();
            Node init = chance(25)
                    ? Node.expr(Ty.VOID, "Fx." + (async ? "ares(" : "res(") + site + " + 0 * ", expr(c, Ty.INT, 2), ")")
                    : Node.expr(Ty.VOID, "Fx." + (async ? "ares(" : "res(") + site + ")");
            init.fixed = true;
            t.parts.add(init);
            Local l = new Local(name, Ty.VOID, false, false);
            c.locals.add(l);
            added.add(l);
        }
        List<Node> body = new ArrayList<>();
        for (Local l : added) {
            if (chance(50)) {
                body.add(Node.stmt("Fx.log(" + id() + ", " + l.name + ".get());"));
            }
        }
        body.addAll(block(c, 3).kids());
        t.parts.add(Node.block(body));
        c.locals.removeAll(added);
        if (chance(40)) {
            int before = t.parts.size();
            Node tmp = Node.stmt();
            catches(c, tmp);
            for (int i = 0; i < tmp.parts.size(); i += 2) {
                t.catchHeads.add(((String) tmp.parts.get(i)).substring(1));
                t.parts.add(tmp.parts.get(i + 1));
            }
            assert t.parts.size() >= before;
        }
        if (chance(30)) {
            t.hasFinally = true;
            t.parts.add(block(c, 2));
        }
        return t;
    }

    private Node jump(Ctx c) {
        int k = r.nextInt(10);
        Node cond = expr(c, Ty.BOOL, 2);
        if (k < 3 && !c.inSwitchExpr) {
            if (c.m.generator) {
                return Node.stmt("if (", cond, ") return AsyncIterable.end();");
            }
            return Node.stmt("if (", cond, ") return ", retTask(c, c.m.ret), ";");
        }
        if (k < 5 && on.contains(F.THROW)) {
            // Inside a switch expression the condition goes through Fx.vb: JDK 17's javac crashes
            // ("Internal error: stack sim error", JDK-8276836, fixed in 19) on a switch expression
            // that can only complete by a constant-true throw while an operand is on the stack,
            // in the user's own code before any processor runs (seed 20261122 program 1226).
            Node guard = c.inSwitchExpr ? Node.expr(Ty.BOOL, "Fx.vb(" + id() + ", ", cond, ")") : cond;
            if (chance(25) && c.nest < 3) {
                // an if/else that throws in both branches: it cannot complete normally, so the lowering
                // must add nothing after it in its state (found by the http module's author)
                List<Node> then = new ArrayList<>(block(c, 2).kids());
                then.add(Node.stmt("throw new FxUnchecked(\"t" + id() + "\");"));
                Node inner = Node.stmt("if (", expr(c, Ty.BOOL, 2), ") ", Node.block(then),
                        " else { throw new FxUnchecked(\"t" + id() + "\"); }");
                return Node.stmt("if (", guard, ") ", Node.block(new ArrayList<>(List.of(inner))));
            }
            if (c.m.throwsChecked && chance(40)) {
                return Node.stmt("if (", guard, ") throw new FxChecked(\"t" + id() + "\");");
            }
            return Node.stmt("if (", guard, ") throw new FxUnchecked(\"t" + id() + "\");");
        }
        if (c.targets.isEmpty()) {
            return null;
        }
        Target t = c.targets.get(r.nextInt(c.targets.size()));
        boolean cont = t.loop && chance(50);
        if (t.label != null && chance(70)) {
            return Node.stmt("if (", cond, ") " + (cont ? "continue " : "break ") + t.label + ";");
        }
        // unlabeled: goes to the innermost loop (continue) or loop/switch (break)
        Target inner = c.targets.get(c.targets.size() - 1);
        if (cont) {
            for (int i = c.targets.size() - 1; i >= 0; i--) {
                if (c.targets.get(i).loop) {
                    return Node.stmt("if (", cond, ") continue;");
                }
            }
            return null;
        }
        return inner != null ? Node.stmt("if (", cond, ") break;") : null;
    }

    Node retTask(Ctx c, Ty t) {
        // 'return task' inside try: the generated code runs the finally blocks / closes when the
        // (maybe pending) task is returned, and the task's failure is not caught by the enclosing
        // catch (JavaScript's 'return p' vs 'return await p'); the synchronous reference cannot
        // model that, so only Task.completed(v) there. See FUZZING.md.
        int k = c.inTry > 0 ? 9 : r.nextInt(10);
        if (on.contains(F.RETURN_TASK) && k < 2) {
            return Node.expr(Ty.VOID, t == Ty.STR ? "Fx.s(" : "Fx.i(", "" + id(), ", ", expr(c, t, 2), ")");
        }
        if (on.contains(F.CALLS) && k < 3) {
            Node call = callTask(c, t);
            if (call != null) {
                return call;
            }
        }
        return Node.expr(Ty.VOID, "Task.completed(", expr(c, t, 3), ")");
    }

    // ------------------------------------------------------------------ expressions

    /** {@code Await.on(<a task of type t with value v>)}. */
    Node awaitOf(Ctx c, Ty t, Node v) {
        String f = switch (t) {
            case INT -> "Fx.i(";
            case LONG -> "Fx.l(";
            case STR -> "Fx.s(";
            case BOOL -> "Fx.b(";
            default -> throw new IllegalArgumentException();
        };
        String close = ")";
        if (on.contains(F.GENERIC_CALLS) && chance(15)) {
            // the processor types these by CallInference where v's type is certain, else through a witness
            if (r.nextBoolean()) {
                f = "Fx.t(";
            } else {
                f = "Fx.via(" + f;
                close = "))";
            }
        }
        if (c.m.throwsChecked && chance(30)) {
            return Node.expr(t, "Await.on(" + f + id() + ", ", v, close + ", FxChecked.class)");
        }
        return Node.expr(t, "Await.on(" + f + id() + ", ", v, close + ")");
    }

    private Node awaitOf(Ctx c, Ty t, int depth) {
        return awaitOf(c, t, expr(c, t, depth));
    }

    /** A call of a generated method returning {@code Task<t>}: {@code m1(d + 1, e)}. */
    private Node callTask(Ctx c, Ty t) {
        return callTask(c, t, false);
    }

    /**
     * javac 17's Trees.getScope crashes on an unqualified instance call inside a {@code ?:} passed as an
     * argument, when a {@code var} declared after it must be typed (the processor reports
     * [AsyncVarNeedsType] there; DiagnosticsTest pins it). On JDK 17 such calls are written {@code this.m1(...)},
     * the fix that error names; later JDKs get the unqualified form.
     */
    private static final boolean JAVAC_17 = Runtime.version().feature() == 17;
    // (the same failure hits a lambda parameter without a written type, which the Typer types too)

    /** The program's generator, if this context may call it. */
    private Method generatorFor(Ctx c) {
        for (Method m : c.p.methods) {
            if (m.generator && (m.isStatic || !c.m.isStatic) && !(c.inLambda && m.throwsChecked)) {
                return m;
            }
        }
        return null;
    }

    private Node callTask(Ctx c, Ty t, boolean inConditional) {
        List<Method> ok = new ArrayList<>();
        for (Method m : c.p.methods) {
            if (!m.generator && m.ret == t && (!m.isStatic ? !c.m.isStatic : true) && !(c.inLambda && m.throwsChecked)) {
                ok.add(m);
            }
        }
        if (ok.isEmpty()) {
            return null;
        }
        Method m = ok.get(r.nextInt(ok.size()));
        String self = inConditional && JAVAC_17 && !m.isStatic ? "this." : "";
        return Node.expr(Ty.VOID, self + m.name + "(d + 1, ", expr(c, Ty.INT, 1), ")");
    }

    private Node call(Ctx c, Ty t) {
        Node task = callTask(c, t, false);
        if (task == null) {
            return null;
        }
        if (on.contains(F.TERNARY) && chance(35)) {
            // await of a conditional of tasks, whose condition may itself await
            Node other = callTask(c, t, true);
            Node first = callTask(c, t, true);
            return Node.expr(t, "Await.on(", expr(c, Ty.BOOL, 1), " ? ", first, " : ", other, ")");
        }
        return Node.expr(t, "Await.on(", task, ")");
    }

    Node expr(Ctx c, Ty t, int depth) {
        if (depth <= 0 || chance(25)) {
            return leaf(c, t);
        }
        if (JAVA_21 && !c.pure && depth >= 2 && pat.on() && chance(5)) {
            Node e = pat.expr(c, t, depth - 1);
            if (e != null) {
                return e;
            }
        }
        int k = r.nextInt(100);
        if (k < 28 && !c.pure) {
            return awaitOf(c, t, depth - 1);
        }
        if (k < 36) {
            String v = switch (t) {
                case INT -> "Fx.vi(";
                case LONG -> "Fx.vl(";
                case STR -> "Fx.vs(";
                default -> "Fx.vb(";
            };
            return Node.expr(t, v + id() + ", ", expr(c, t, depth - 1), ")");
        }
        if (k < 42 && on.contains(F.TERNARY)) {
            return Node.expr(t, "(", expr(c, Ty.BOOL, depth - 1), " ? ", expr(c, t, depth - 1), " : ",
                    expr(c, t, depth - 1), ")");
        }
        if (k < 47 && on.contains(F.CALLS) && !c.pure) {
            Node call = call(c, t);
            if (call != null) {
                return call;
            }
        }
        if (k < 51 && on.contains(F.SWITCH_EXPR) && depth >= 2 && !c.pure) {
            return switchExpr(c, t, depth - 1);
        }
        return switch (t) {
            case INT -> intOp(c, depth - 1);
            case LONG -> longOp(c, depth - 1);
            case STR -> strOp(c, depth - 1);
            case BOOL -> boolOp(c, depth - 1);
            default -> throw new IllegalArgumentException();
        };
    }

    private Node intOp(Ctx c, int depth) {
        int k = r.nextInt(10);
        if (k < 4) {
            return Node.expr(Ty.INT, "(", expr(c, Ty.INT, depth), " " + pickOf("+", "-", "*", "^", "&", "|") + " ",
                    expr(c, Ty.INT, depth), ")");
        }
        if (k < 5) {
            return Node.expr(Ty.INT, "Fx.f(" + id() + ", ", expr(c, Ty.INT, depth), ", ", expr(c, Ty.INT, depth), ")");
        }
        if (k < 6) {
            return Node.expr(Ty.INT, "(", expr(c, Ty.INT, depth), " " + pickOf("/", "%") + " " + (1 + r.nextInt(4)) + ")");
        }
        if (k < 7 && on.contains(F.ARRAYS) && !c.pure) {
            Local a = pick(c, Ty.INT, true, false);
            if (a != null) {
                return Node.expr(Ty.INT, a.name + "[", index(c), "]");
            }
            if (on.contains(F.FIELDS) && !c.m.isStatic) {
                return Node.expr(Ty.INT, "farr[", index(c), "]");
            }
        }
        if (k < 8 && on.contains(F.STRINGS)) {
            return Node.expr(Ty.INT, expr(c, Ty.STR, depth), ".length()");
        }
        if (k < 9 && (on.contains(F.INCDEC) || on.contains(F.COMPOUND)) && !c.pure) {
            Local l = pick(c, Ty.INT, false, true);
            if (l != null) {
                if (on.contains(F.COMPOUND) && chance(50)) {
                    return Node.expr(Ty.INT, "(" + l.name + " " + pickOf("+=", "-=") + " ", expr(c, Ty.INT, depth), ")");
                }
                if (on.contains(F.INCDEC)) {
                    return Node.expr(Ty.INT, "(" + pickOf(l.name + "++", "++" + l.name, l.name + "--") + ")");
                }
            }
        }
        if (on.contains(F.LONGS) && chance(30)) {
            return Node.expr(Ty.INT, "(int) (", expr(c, Ty.LONG, depth), " % 1000)");
        }
        if (on.contains(F.PATTERNS) && chance(25)) {
            String b = fresh("b");
            return Node.expr(Ty.INT, "((java.lang.Object) (", expr(c, Ty.INT, depth), ") instanceof Integer " + b
                    + " ? " + b + " * 2 + ", expr(c, Ty.INT, depth), " : ", expr(c, Ty.INT, depth), ")");
        }
        return Node.expr(Ty.INT, "(-(", expr(c, Ty.INT, depth), "))"); // not "yield -(x)": javac rejects it
    }

    private Node longOp(Ctx c, int depth) {
        if (chance(50)) {
            return Node.expr(Ty.LONG, "(", expr(c, Ty.LONG, depth), " " + pickOf("+", "*", "-") + " ",
                    wide(c, Ty.INT, depth), ")");
        }
        return Node.expr(Ty.LONG, "(long) ", expr(c, Ty.INT, depth));
    }

    private Node strOp(Ctx c, int depth) {
        if (chance(60)) {
            // javac flattens a chain of concatenations onto its operand stack: the left side may
            // have left a long there
            Node left = expr(c, Ty.STR, depth);
            Ty rt = anyTy();
            return Node.expr(Ty.STR, "(", left, " + ", on.contains(F.LONGS) ? wide(c, rt, depth) : expr(c, rt, depth), ")");
        }
        if (chance(50)) {
            return Node.expr(Ty.STR, "Integer.toString(", expr(c, Ty.INT, depth), ")");
        }
        return Node.expr(Ty.STR, "(\"<\" + ", expr(c, anyTy(), depth), " + \">\")");
    }

    private Node boolOp(Ctx c, int depth) {
        int k = r.nextInt(10);
        if (k < 3 && on.contains(F.SHORT_CIRCUIT)) {
            return Node.expr(Ty.BOOL, "(", expr(c, Ty.BOOL, depth), pickOf(" && ", " || "), expr(c, Ty.BOOL, depth), ")");
        }
        if (k < 4) {
            return Node.expr(Ty.BOOL, "!", expr(c, Ty.BOOL, depth));
        }
        if (k < 5 && on.contains(F.STRINGS)) {
            return Node.expr(Ty.BOOL, expr(c, Ty.STR, depth), ".isEmpty()");
        }
        if (k < 6 && on.contains(F.LONGS)) {
            return Node.expr(Ty.BOOL, "(", expr(c, Ty.LONG, depth), " > ", wide(c, Ty.INT, depth), ")");
        }
        if (k < 7 && on.contains(F.PATTERNS)) {
            // a pattern binding used after an await on the same side of the &&: it must survive
            // the suspension (a binding that lives in a field)
            String b = fresh("b");
            return Node.expr(Ty.BOOL, "((java.lang.Object) (", expr(c, Ty.INT, depth), ") instanceof Integer " + b
                    + " && " + b + " + ", expr(c, Ty.INT, depth), " > ", expr(c, Ty.INT, depth), ")");
        }
        return Node.expr(Ty.BOOL, "(", expr(c, Ty.INT, depth), pickOf(" < ", " >= ", " <= "), expr(c, Ty.INT, depth), ")");
    }

    private Node switchExpr(Ctx c, Ty t, int depth) {
        // javac (JDK 17 and still 25.0.3) crashes in Gen.doHandleSwitchExpression (NPE in
        // Code.newLocal) when a switch expression that contains a try is evaluated while a long is
        // on the operand stack (`3L - switch (k) { default -> { try {...} finally {...} yield 4; } }`),
        // in the user's own code, before any processor runs (seed 424242 program 2477). Such a
        // switch expression gets no try statements.
        boolean savedNoTry = c.noTry;
        c.noTry |= c.wideOnStack > 0;
        boolean saved = c.inSwitchExpr;
        List<Target> savedTargets = c.targets;
        c.inSwitchExpr = true;
        c.targets = new ArrayList<>();
        Node s = Node.expr(t, "switch ((", expr(c, Ty.INT, depth), ") & 3) {");
        int cases = 1 + r.nextInt(3);
        boolean classic = on.contains(F.SWITCH_OLD) && chance(30);
        for (int i = 0; i < cases; i++) {
            String label = i == cases - 1 ? "default" : "case " + i;
            if (classic) {
                List<Node> stmts = new ArrayList<>(block(c, 2).kids());
                if (chance(30)) {
                    // through Fx.vb: JDK 17's javac (not 25) fails an assertion in Items.LocalItem on a
                    // constant-true `if (true) yield ...` in a switch expression that is the condition
                    // of a ?: whose branch declares a pattern binding, in the user's own code
                    // (seed 31337 program 865)
                    stmts.add(Node.stmt("if (Fx.vb(" + id() + ", ", expr(c, Ty.BOOL, 1), ")) yield ", expr(c, t, depth), ";"));
                }
                // On JDK 17 a boolean yield goes through Fx.vb too: its javac fails the same assertion on a
                // constant `yield false;` in a classic switch expression left of an && whose right side
                // declares a pattern binding (seed 20261204 program 4117; user's own code, JDK 25 compiles it)
                stmts.add(t == Ty.BOOL && JAVAC_17
                        ? Node.stmt("yield Fx.vb(" + id() + ", ", expr(c, t, depth), ");")
                        : Node.stmt("yield ", expr(c, t, depth), ";"));
                s.parts.add(" " + label + ": ");
                s.parts.add(Node.block(stmts));
            } else if (chance(50)) {
                s.parts.add(" " + label + " -> ");
                // the same JDK 17 assertion with an arrow case's constant `default -> false;` (seed 20261204
                // program 81451: dead code after `if (true) throw` in the user's method, so javac 17 never
                // generated it there; the machine's case label makes it live, and javac 17 then crashes on it)
                s.parts.add(t == Ty.BOOL && JAVAC_17 ? Node.expr(t, "Fx.vb(" + id() + ", ", expr(c, t, depth), ")")
                        : expr(c, t, depth));
                s.parts.add(";");
            } else {
                List<Node> stmts = new ArrayList<>(block(c, 2).kids());
                // the same JDK 17 assertion in an arrow case's block (seed 20261204 program 55149)
                stmts.add(t == Ty.BOOL && JAVAC_17
                        ? Node.stmt("yield Fx.vb(" + id() + ", ", expr(c, t, depth), ");")
                        : Node.stmt("yield ", expr(c, t, depth), ";"));
                s.parts.add(" " + label + " -> ");
                s.parts.add(Node.block(stmts));
            }
        }
        s.parts.add(" }");
        c.inSwitchExpr = saved;
        c.targets = savedTargets;
        c.noTry = savedNoTry;
        return Node.expr(t, "((", s, "))"); // "yield (switch" is read as a call of a method yield: javac rejects it
    }

    Node leaf(Ctx c, Ty t) {
        if (chance(50)) {
            Local l = pick(c, t, false, false);
            if (l != null) {
                return Node.expr(t, l.name);
            }
        }
        if (t == Ty.INT && on.contains(F.FIELDS) && !c.m.isStatic && chance(15)) {
            return Node.expr(t, "fld");
        }
        return literal(t, r);
    }

    static Node literal(Ty t, Random r) {
        return switch (t) {
            case INT -> Node.expr(t, "" + (r.nextInt(7) - 1));
            case LONG -> Node.expr(t, (r.nextInt(5) + 1) + "L");
            case STR -> Node.expr(t, "\"" + (char) ('a' + r.nextInt(4)) + "\"");
            case BOOL -> Node.expr(t, r.nextBoolean() ? "true" : "false");
            // cast: a selector or instanceof operand of type Integer or Sq would reject other patterns
            case OBJ -> Node.expr(t, "((Object) (" + (r.nextInt(7) - 1) + "))");
            case SH -> Node.expr(t, "((Sh) new Sq(" + (r.nextInt(7) - 1) + "))");
            default -> throw new IllegalArgumentException();
        };
    }
}
