package org.asyncio4j.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.asyncio4j.processor.Cfg.Block;
import org.asyncio4j.processor.Cfg.Handler;

/**
 * The lowering's shared state and its emission helpers: the CFG being built, the current block and
 * exception handler, jump targets and open finally blocks, and the one way to render a tree back into
 * text (with locals as references). The lowering itself is split by construct family, each layer a
 * subclass: {@link ExprLowering} (expressions), {@link TryLowering} (try, catch, finally, resources),
 * {@link Lowering} (statements and the entry point). Methods a lower layer needs from a higher one are
 * declared abstract here.
 */
abstract class LoweringBase {
    static final String WITNESS = "org.asyncio4j.spi.Witness";
    static final String FOR_EACH = "org.asyncio4j.spi.ForEach";
    static final String ASYNC_CLOSEABLE = "org.asyncio4j.AsyncCloseable";

    /** What the lowering needs to know about the method and its class. */
    record Context(List<Local> locals, Set<Local> reassigned, String machine, String userSimpleName,
            String userQualifiedName, String asyncClassName, Set<String> staticAsyncNames, Set<String> fieldNames,
            String returnTypeText, boolean uncheckedResult, boolean generator) {}

    record Target(List<Node> statements, Block breakTo, Block continueTo, int finDepth, String yieldField) {}

    record Fin(Block entry, String finField, String exField) {}

    final Context context;
    final String machine;
    final Cfg cfg = new Cfg();
    Block cur;
    Handler handler;
    int nextId;
    final Deque<Target> targets = new ArrayDeque<>();
    final List<Fin> fins = new ArrayList<>();
    final Set<String> stableTexts = new java.util.HashSet<>();
    boolean witnessMode;
    /**
     * Locals declared inside a tree being restated for its type (a witness, or the task expression
     * of an awaited value): their declarations travel with the restated text, so they keep the
     * names they are written with there, and the copy does not count as a use. Otherwise a catch
     * parameter in such a tree was forced into a field that its verbatim declaration in the
     * executed code never wrote, and its catch body read null (fuzz seed 5150 program 517).
     */
    Set<Local> restatedOwn = Set.of();
    Node pendingLabel;
    /** The body's breaks, continues and yields (for {@link Completion}). */
    List<Node> jumps = List.of();
    Block returnBlock;
    String retField;
    int temps;
    int tries;
    int currentLine;

    final NodeText.Rewrites rewrites = new NodeText.Rewrites() {
        @Override
        public String local(Node id) {
            Local l = id.local;
            if (l == null) {
                return null;
            }
            if (restatedOwn.contains(l)) {
                return null;
            }
            return witnessMode ? l.witnessRef() : l.ref();
        }

        @Override
        public String qualifier(Node select) {
            if (context.staticAsyncNames().contains(select.name)) {
                String q = select.expression.qualifiedName();
                if (q != null && (q.equals(context.userSimpleName()) || q.equals(context.userQualifiedName()))) {
                    return context.asyncClassName();
                }
            }
            return null;
        }

        @Override
        public String opaque(Node lambdaOrClass) {
            // Markers in the text, not a side list: the lambda's text may be emitted in a later
            // block (an operand spilled before an await, a witness), which then needs the copies.
            Set<Local> c = lambdaOrClass.captures;
            if (c == null || c.isEmpty()) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            c.forEach(l -> sb.append(l.captureMark()));
            return sb.toString();
        }

        @Override
        public String replace(Node n) {
            String call = n.replacement;
            if (call == null) {
                return null;
            }
            String captures = opaque(n);
            return captures == null ? call : captures + call;
        }

        @Override
        public String binding(Node binding) {
            Local l = binding.local;
            return l == null || restatedOwn.contains(l) ? null : l.bindingRef();
        }
    };

    LoweringBase(Context context) {
        this.context = context;
        this.machine = context.machine();
    }

    /**
     * The source line a state resumes at: that of its first instruction that came from a statement.
     * Clears, jumps and finally bookkeeping carry no line of their own, and the line current when
     * the block was opened may be the previous statement's (the state table said 16 for a return on 18).
     */
    static int resumeLine(Block b) {
        for (Cfg.Ins ins : b.code) {
            int l = ins instanceof Cfg.Code c ? c.line()
                    : ins instanceof Cfg.Decl d ? (d.init() == null ? 0 : d.line()) // 'int x;' runs nothing
                    : ins instanceof Cfg.Suspend s ? s.line()
                    : ins instanceof Cfg.Exit e ? e.line()
                    : ins instanceof Cfg.Branch br ? br.line()
                    : ins instanceof Cfg.Dispatch d ? d.line()
                    : 0;
            if (l > 0) {
                return l;
            }
        }
        return b.line;
    }

    // ================================================================== emission helpers

    int line(Node t) {
        int l = t.line;
        if (l > 0) {
            currentLine = l;
        }
        return currentLine;
    }

    Block newBlock() {
        return cfg.newBlock(handler);
    }

    void start(Block b) {
        if (cur != null && !cur.terminated) {
            add(new Cfg.Jump(b));
        }
        cur = b;
        if (b.id < 0) {
            b.id = nextId++;
        }
    }

    void add(Cfg.Ins ins) {
        if (cur.terminated) {
            // Unreachable code (after a jump in the source's own dead branch): start a dead block.
            Block dead = newBlock();
            cur = dead;
            dead.id = nextId++;
        }
        if (cur.code.isEmpty() && cur.line == 0) {
            cur.line = currentLine;
        }
        if (ins instanceof Cfg.Clear && !cur.code.isEmpty() && cur.code.get(cur.code.size() - 1).equals(ins)) {
            return; // a loop variable leaves the body's scope and the loop's at once: clear it once
        }
        cur.code.add(ins);
        if (Cfg.terminates(ins)) {
            cur.terminated = true;
        }
    }

    void code(String text, Node at) {
        int first = line(at);
        add(new Cfg.Code(javaText(text), first, lastLineIfOneForOne(text, at, first)));
    }

    /**
     * The last source line of {@code at} when {@code text} (its copy) has exactly one line per source
     * line, so that stack traces can name each line of a multi-line copy; 0 otherwise (a rewrite that
     * joined lines, such as an async lambda replaced by a call).
     */
    private int lastLineIfOneForOne(String text, Node at, int first) {
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                newlines++;
            }
        }
        if (newlines == 0 || at == null || at.line != first) {
            return 0;
        }
        int last = at.endLine;
        return last - first == newlines ? last : 0;
    }

    void exit(String text, Node at) {
        add(new Cfg.Exit(javaText(text), line(at)));
    }

    void jump(Block b) {
        add(new Cfg.Jump(b));
    }

    /**
     * {@code if (cond) goto target}. A constant condition ({@code while (true)}'s exit test, a
     * {@code for (;;)}) is decided here, so the generated code carries no {@code if (!(true))}.
     */
    void branch(String cond, Block target) {
        String c = cond.replace(" ", "");
        if (c.equals("!(true)") || c.equals("false") || c.equals("(false)")) {
            return; // never taken
        }
        if (c.equals("true") || c.equals("(true)") || c.equals("!(false)")) {
            jump(target);
            return;
        }
        add(new Cfg.Branch(javaText(cond), target, currentLine));
    }

    String field(String prefix, String type) {
        String name = prefix + (++temps);
        cfg.syntheticFields.add(new String[] {name, type});
        return name;
    }

    /** The lowering's text (locals spelled as {@link Local#ref()} and siblings) as the typed text later stages read. */
    JavaText javaText(String text) {
        return JavaText.parse(text, context.locals());
    }

    String machineField(String fieldName) {
        return machine + "." + fieldName;
    }

    String render(Node t) {
        return NodeText.render(t, Map.of(), rewrites);
    }

    String render(Node t, Map<Node, String> overrides) {
        return NodeText.render(t, overrides, rewrites);
    }

    /**
     * The typed result of an await: {@code Witness.of(m.awaited($await), false ? <task expression> : null)}.
     * javac infers T from the restated task expression, which is never evaluated (a constant-false
     * conditional compiles to its other operand only); no lambda, so nothing is allocated at run time,
     * javac attributes it once, and the locals it names need not be effectively final.
     */
    String awaitedValue(Node await) {
        if (targetTyped.contains(await)) {
            return awaitedText();
        }
        String type = awaitedTypeOf(await.arguments.get(0));
        if (type != null) {
            return machine + ".<" + type + ">awaited(" + MachineWriter.AWAITED + ")";
        }
        return WITNESS + ".of(" + awaitedText() + ", false ? " + restated(await.arguments.get(0)) + " : null)";
    }

    /**
     * The result type of awaiting {@code arg} where the source states it ({@link AwaitedTypes}): a local
     * declared {@code Task<X>} (as written, so it may name the method's type variables); else a call
     * ({@code fetch(..)}, {@code this.fetch(..)}, {@code q.get()}) or field whose type the elements make
     * certain ({@link CallTypes}). Null otherwise.
     */
    String awaitedTypeOf(Node arg) {
        arg = arg.unparenthesized();
        String stated = arg.kind == Node.Kind.IDENTIFIER ? AwaitedTypes.ofLocal(arg.local) : null;
        return stated != null ? stated : arg.awaitedType();
    }

    /**
     * Awaits whose value needs no witness: the whole right side of an assignment to, or of the
     * declaration of, a variable whose written type is a reference type (javac infers
     * {@code awaited}'s type argument from it, as in {@code m.x = m.awaited($await)}), or a statement on
     * its own (the value is dropped). Not for primitive targets: {@code double d = Await.on(intTask)}
     * widens an Integer, but a target-typed read would infer Double and fail its cast.
     */
    final Set<Node> targetTyped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    void findTargetTyped(Node body) {
        body.forEachInBody(n -> {
            if (n.kind == Node.Kind.VARIABLE) {
                if (n.local != null && referenceTyped(n.local)) {
                    addIfAwait(n.initializer);
                }
            } else if (n.kind == Node.Kind.ASSIGNMENT) {
                Node v = n.variable;
                Local l = v.kind == Node.Kind.IDENTIFIER ? v.local : null;
                if (l != null && referenceTyped(l)) {
                    addIfAwait(n.expression);
                }
            } else if (n.kind == Node.Kind.EXPRESSION_STATEMENT) {
                addIfAwait(n.expression);
            }
        });
    }

    private void addIfAwait(Node e) {
        if (e != null && e.unparenthesized().isAwait) {
            targetTyped.add(e.unparenthesized());
        }
    }

    /** A local declared with a written reference type (not {@code var}, not a primitive, not a multi-catch). */
    private static boolean referenceTyped(Local l) {
        return l.written == Local.Written.REFERENCE;
    }

    /** The text of {@code t} once more, for its type only (see {@link #restatedOwn}). */
    String restated(Node t) {
        Set<Local> was = restatedOwn;
        restatedOwn = declaredIn(t);
        try {
            return render(t);
        } finally {
            restatedOwn = was;
        }
    }

    String witness(String value, Node original) {
        boolean was = witnessMode;
        witnessMode = true;
        String text = restated(original);
        witnessMode = was;
        return WITNESS + ".as(" + value + ", () -> " + text + ")";
    }

    Set<Local> declaredIn(Node t) {
        Set<Local> out = new HashSet<>();
        t.forEachInBody(n -> {
            if (n.kind == Node.Kind.VARIABLE && n.local != null) {
                out.add(n.local);
            }
        });
        return out;
    }

    static boolean hasAwait(Node t) {
        return t != null && t.hasAwait;
    }

    static String paren(String c) {
        String t = c.strip();
        return t.startsWith("(") && t.endsWith(")") && balanced(t.substring(1, t.length() - 1)) ? t : "(" + t + ")";
    }

    static boolean balanced(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    // ================================================================== expressions

    void suspendOn(Node await) {
        Node arg = await.arguments.get(0);
        Node delay = directSleep(arg);
        if (delay != null) {
            // The machine itself becomes the timer entry: no sleep object (Coroutine.sleep(Duration)).
            suspend(machine + ".sleep(" + expr(delay) + ")", await);
            return;
        }
        String task = expr(arg);
        String receiver = directReceiver(arg);
        suspend(receiver == null ? task : receiver + ", " + task, await);
    }

    /**
     * For {@code Await.on(q.get())} or {@code Await.on(q.put(x))} where {@code q} is a local, a
     * parameter or a field ({@code q} or {@code this.q}): the text of {@code q}, so the machine
     * awaits {@code m.task(q, q.get())}. The task then went nowhere but into this await, and the
     * runtime's queue may reuse its getter or putter for the next wait (Coroutine.task(Object,
     * Task)): a steady hand-off allocates nothing. Null for anything else (a call through a method
     * of the user's could have kept the task). Reading {@code q} twice is safe: a variable read has
     * no side effect, and {@code q} is read before the arguments in both places.
     */
    private String directReceiver(Node arg) {
        Node mi = arg.unparenthesized();
        if (mi.kind != Node.Kind.METHOD_INVOCATION || !mi.typeArguments.isEmpty()
                || mi.methodSelect.kind != Node.Kind.MEMBER_SELECT
                || !(mi.methodSelect.name.equals("get") ? mi.arguments.isEmpty()
                        : mi.methodSelect.name.equals("put") && mi.arguments.size() == 1)) {
            return null;
        }
        Node q = mi.methodSelect.expression;
        boolean variable;
        if (q.kind == Node.Kind.IDENTIFIER) {
            String n = q.name;
            // A name that is a variable in scope means the variable (JLS 6.5.2), never a type.
            variable = !n.equals("this") && !n.equals("super") && (q.local != null || context.fieldNames().contains(n));
        } else {
            variable = q.kind == Node.Kind.MEMBER_SELECT && q.expression.kind == Node.Kind.IDENTIFIER
                    && q.expression.name.equals("this") && context.fieldNames().contains(q.name);
        }
        return variable ? expr(q) : null;
    }

    /**
     * For {@code Await.on(Asyncio.sleep(d))}: {@code d}, so the machine awaits {@code m.sleep(d)}, which
     * puts the machine itself in the timer heap instead of making a sleep object; the sleep went nowhere
     * but into this await. Null for anything else (a kept sleep, {@code sleep(d, result)}, a static import).
     * {@code Asyncio} is matched by name, as {@code Await} is ({@link Calls#isAwait}), unless it is a variable.
     */
    private Node directSleep(Node arg) {
        Node mi = arg.unparenthesized();
        if (mi.kind != Node.Kind.METHOD_INVOCATION || mi.arguments.size() != 1 || !mi.typeArguments.isEmpty()
                || mi.methodSelect.kind != Node.Kind.MEMBER_SELECT || !mi.methodSelect.name.equals("sleep")) {
            return null;
        }
        Node q = mi.methodSelect.expression;
        boolean asyncio = q.kind == Node.Kind.IDENTIFIER
                ? q.name.equals("Asyncio") && q.local == null && !context.fieldNames().contains("Asyncio")
                : "org.asyncio4j.Asyncio".equals(q.qualifiedName());
        return asyncio ? mi.arguments.get(0) : null;
    }

    void suspend(String task, Node at) {
        Block resume = newBlock();
        add(new Cfg.Suspend(javaText(task), resume, line(at)));
        start(resume);
    }

    /** The outcome of the await just suspended on (see MachineWriter's Suspend: the task is in a local). */
    String awaitedText() {
        return machine + ".awaited(" + MachineWriter.AWAITED + ")";
    }

    // ================================================================== provided by the layers above

    /** The text of {@code e}, valid at the current point (awaits inside it emitted before): {@link ExprLowering}. */
    abstract String expr(Node e);

    /** Lowers the statements of a block: {@link Lowering}. */
    abstract void block(Node b, boolean methodBody);

    /** Lowers one statement: {@link Lowering}. */
    abstract void stmt(Node s, boolean lastInBlock);

    /** Declares a local: {@link Lowering}. */
    abstract void variable(Node v);

    /** Clears the hoisted reference locals declared in {@code t} when it is left: {@link Lowering}. */
    abstract void clearDeclaredIn(Node t);

    /** The text of a case label: {@link Lowering}. */
    abstract String caseLabel(Node c);
}
