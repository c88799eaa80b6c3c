package org.asyncio4j.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.asyncio4j.processor.Cfg.Block;
import org.asyncio4j.processor.Cfg.Handler;

/**
 * The lowering's shared state and its emission helpers: the CFG being built, the current block and
 * exception handler, jump targets and open finally blocks, counters, and the one way to render a node
 * back into text (with locals as references). One per body lowered; the lowerers of each construct
 * family ({@link Lowering} wires them) all write through it.
 */
final class LoweringState {
    static final String WITNESS = "org.asyncio4j.spi.Witness";
    static final String FOR_EACH = "org.asyncio4j.spi.ForEach";
    static final String ASYNC_CLOSEABLE = "org.asyncio4j.AsyncCloseable";

    /** What the lowering needs to know about the method and its class. */
    record Context(List<Local> locals, Set<Local> reassigned, String machine, String userSimpleName,
            String userQualifiedName, String asyncClassName, Set<String> staticAsyncNames, Set<String> fieldNames,
            String returnTypeText, boolean uncheckedResult, boolean generator) {}

    /**
     * What a break, continue or yield can leave (a loop and its label, a labeled statement, a switch, a
     * switch expression): the blocks they go to, how many finally blocks were open around it (those
     * opened since run first), and the field a switch expression's yields write (else null).
     */
    record Target(List<Node> statements, Block breakTo, Block continueTo, int finDepth, String yieldField) {}

    /** An open finally block: its entry, the field that says where to go after it, the pending exception's field. */
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
    /** While a case's guard is rendered: the bindings of its labels, read as the Java locals the pattern declares. */
    private Set<Local> caseBindings = Set.of();
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
            if (caseBindings.contains(l)) {
                return l.patternRef();
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

        @Override
        public String pattern(Node binding) {
            Local l = binding.local;
            return l == null || restatedOwn.contains(l) ? null : l.patternRef();
        }

        @Override
        public String store(Node binding) {
            Local l = binding.local;
            return l == null || restatedOwn.contains(l) ? null : l.storeRef();
        }
    };

    LoweringState(Context context) {
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

    /** A case guard's text, in which {@code bindings} (the case's own) are read before the dispatch stores them. */
    String guard(Node guard, Set<Local> bindings) {
        Set<Local> was = caseBindings;
        caseBindings = bindings;
        try {
            return render(guard);
        } finally {
            caseBindings = was;
        }
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

    void suspend(String task, Node at) {
        Block resume = newBlock();
        add(new Cfg.Suspend(javaText(task), resume, line(at)));
        start(resume);
    }

    /**
     * The statements a break or continue may name to leave {@code loop} (a loop or a switch): itself, and the
     * labeled statement just around it, whose label the lowering of the label left pending.
     */
    List<Node> loopStatements(Node loop) {
        List<Node> ts = new ArrayList<>();
        ts.add(loop);
        if (pendingLabel != null) {
            ts.add(pendingLabel);
            pendingLabel = null;
        }
        return ts;
    }

    /** The outcome of the await just suspended on (see MachineWriter's Suspend: the task is in a local). */
    String awaitedText() {
        return machine + ".awaited(" + MachineWriter.AWAITED + ")";
    }

}
