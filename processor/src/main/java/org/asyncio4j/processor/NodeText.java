package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one way the lowering turns the model back into code: copy the user's text of a node, with some
 * nodes replaced. Copying keeps the user's own spelling of every expression (no pretty-printer to get
 * wrong) and needs no type information.
 */
final class NodeText {
    private NodeText() {}

    /** What to rewrite while copying. */
    interface Rewrites {
        /** Text for an identifier naming a local, or null to keep it. */
        String local(Node identifier);

        /** Replacement for a static @Async call qualifier ({@code Foo} in {@code Foo.twice(x)}), or null. */
        String qualifier(Node select);

        /**
         * Called for every lambda or class body copied: its captures must be available as Java locals.
         * Returns text to insert before it (markers that travel with the text), or null.
         */
        String opaque(Node lambdaOrClass);

        /** Text replacing the whole of {@code n} (an async lambda becomes a call of its machine), or null. */
        String replace(Node n);

        /** Text for the name of a pattern binding declared by an instanceof, or null to keep it. */
        String binding(Node binding);

        /** Text for the name of a binding declared inside a record pattern or a case label, or null to keep it. */
        String pattern(Node binding);

        /** Text put after an instanceof with a record pattern, to store one of its bindings; null for none. */
        String store(Node binding);
    }

    private record Edit(int start, int end, String text) {}

    /** The text of {@code n} with {@code overrides} replacing nodes under it and the rewrites applied. */
    static String render(Node n, Map<Node, String> overrides, Rewrites rw) {
        String whole = overrides.get(n);
        if (whole == null) {
            whole = rw.replace(n);
        }
        if (whole != null) {
            return whole;
        }
        List<Edit> edits = new ArrayList<>();
        rewrite(n, overrides, rw, edits);
        if (n.start < 0 || n.end < n.start) {
            throw new IllegalStateException("no source position for " + n.kind + ": " + n.printed);
        }
        edits.removeIf(ed -> ed.start < 0);
        edits.sort(Comparator.comparingInt(Edit::start));
        StringBuilder sb = new StringBuilder();
        int base = continuationBase(n.file, n.start, n.end);
        int pos = n.start;
        for (Edit ed : edits) {
            if (ed.start < pos) {
                continue; // nested in an edit already applied
            }
            copy(sb, n.file, pos, ed.start, base);
            sb.append(ed.text);
            pos = ed.end;
        }
        copy(sb, n.file, pos, n.end, base);
        return sb.toString();
    }

    /**
     * How many leading whitespace characters to take off each continuation line of a copy of
     * {@code file[start, end)}: the indentation of the source line where it starts, so that the
     * writer can put the copy at its own level and its later lines keep only their indentation
     * relative to the first (a copied {@code if (..) {} block reads as written, not pushed right by
     * the user's own nesting). 0 for one line, and for a copy holding a text block, whose content's
     * indentation is part of the string's value when some lines are indented less than the first.
     */
    private static int continuationBase(CharSequence file, int start, int end) {
        boolean multiLine = false;
        for (int i = start; i < end; i++) {
            char c = file.charAt(i);
            if (c == '\n') {
                multiLine = true;
            } else if (c == '"' && i + 2 < end && file.charAt(i + 1) == '"' && file.charAt(i + 2) == '"') {
                return 0;
            }
        }
        if (!multiLine) {
            return 0;
        }
        int lineStart = start;
        while (lineStart > 0 && file.charAt(lineStart - 1) != '\n' && file.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        int base = 0;
        while (lineStart + base < start && isIndent(file.charAt(lineStart + base))) {
            base++;
        }
        return base;
    }

    /** Appends {@code file[from, to)}, dropping up to {@code base} indentation characters after each line break. */
    private static void copy(StringBuilder sb, CharSequence file, int from, int to, int base) {
        if (base == 0) {
            sb.append(file, from, to);
            return;
        }
        int i = from;
        while (i < to) {
            char c = file.charAt(i++);
            sb.append(c);
            if (c == '\n') {
                for (int k = 0; k < base && i < to && isIndent(file.charAt(i)); k++) {
                    i++;
                }
            }
        }
    }

    private static boolean isIndent(char c) {
        return c == ' ' || c == '\t';
    }

    /** The edits for {@code n} and what is under it, in the order they are found (parents first). */
    private static void collect(Node n, Map<Node, String> overrides, Rewrites rw, List<Edit> edits) {
        String o = overrides.get(n);
        if (o == null) {
            o = rw.replace(n);
        }
        if (o != null) {
            edits.add(new Edit(n.start, n.end, o));
            return;
        }
        rewrite(n, overrides, rw, edits);
    }

    /** The edits of {@code n} itself (a local's name, a qualifier...), then those under it. */
    private static void rewrite(Node n, Map<Node, String> overrides, Rewrites rw, List<Edit> edits) {
        switch (n.kind) {
            case IDENTIFIER -> {
                String r = rw.local(n);
                if (r != null) {
                    edits.add(new Edit(n.start, n.end, r));
                }
                return;
            }
            case MEMBER_SELECT -> {
                String q = rw.qualifier(n);
                if (q != null) {
                    edits.add(new Edit(n.expression.start, n.expression.end, q));
                    return;
                }
            }
            case LAMBDA_EXPRESSION, CLASS -> {
                String m = rw.opaque(n);
                if (m != null) {
                    edits.add(new Edit(n.start, n.start, m));
                }
            }
            case INSTANCE_OF -> {
                Node v = n.binding;
                String name = v == null ? null : rw.binding(v);
                if (name != null && v.start >= 0) {
                    // (x instanceof T <name>): parenthesised, so that the writer may add
                    // "&& (m.b = b$p) != null" after the name when the binding lives in a field
                    edits.add(new Edit(n.start, n.start, "("));
                    collect(n.expression, overrides, rw, edits);
                    edits.add(new Edit(v.start, v.end, v.type.text() + " " + name));
                    edits.add(new Edit(n.end, n.end, ")"));
                    return;
                }
                if (v == null && n.pattern != null && n.pattern.kind == Node.Kind.DECONSTRUCTION_PATTERN) {
                    // (x instanceof P(int a, var b) <stores>): the bindings are declared in the pattern
                    // (rewritten below) and stored after it, where the match is known
                    StringBuilder stores = new StringBuilder();
                    n.pattern.forEach(p -> {
                        String st = p.kind == Node.Kind.BINDING_PATTERN ? rw.store(p.binding) : null;
                        if (st != null) {
                            stores.append(st);
                        }
                    });
                    if (stores.length() > 0) {
                        edits.add(new Edit(n.start, n.start, "("));
                        for (Node c : n.children) {
                            collect(c, overrides, rw, edits);
                        }
                        edits.add(new Edit(n.end, n.end, stores + ")"));
                        return;
                    }
                }
            }
            case BINDING_PATTERN -> {
                // inside a record pattern or a case label: the variable's name only ('var b' keeps 'var')
                Node v = n.binding;
                String name = v == null ? null : rw.pattern(v);
                if (name != null && v.end >= 0) {
                    edits.add(new Edit(v.end - v.name.length(), v.end, name));
                    return;
                }
            }
            default -> { }
        }
        for (Node c : n.children) {
            collect(c, overrides, rw, edits);
        }
    }
}
