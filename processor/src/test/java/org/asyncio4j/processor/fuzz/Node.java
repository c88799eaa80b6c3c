package org.asyncio4j.processor.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The generated program's tree: just enough structure to render it twice (async and reference)
 * and to shrink it. A node is a sequence of parts: literal text and child nodes. Expressions know
 * their type (so the shrinker can replace one by a literal or by a child of the same type);
 * blocks are lists of statements (so the shrinker can drop or unwrap statements).
 */
class Node {
    enum K { EXPR, STMT, BLOCK }

    /** OBJ: an Object; SH: the program's sealed interface {@code Sh} (JDK 21 patterns, {@link PatternGen}). */
    enum Ty { INT, LONG, STR, BOOL, VOID, OBJ, SH }

    final K k;
    final Ty ty;
    final List<Object> parts;
    /** A leaf the shrinker must not touch (a name, a counter: replacing it breaks the program). */
    boolean fixed;

    Node(K k, Ty ty, Object... parts) {
        this.k = k;
        this.ty = ty;
        this.parts = new ArrayList<>(Arrays.asList(parts));
    }

    static Node expr(Ty ty, Object... parts) {
        return new Node(K.EXPR, ty, parts);
    }

    static Node stmt(Object... parts) {
        return new Node(K.STMT, Ty.VOID, parts);
    }

    static Node block(List<Node> stmts) {
        return new Node(K.BLOCK, Ty.VOID, stmts.toArray());
    }

    /** Children (nodes among the parts). */
    List<Node> kids() {
        List<Node> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Node n) {
                out.add(n);
            }
        }
        return out;
    }

    int size() {
        int s = 1;
        for (Node n : kids()) {
            s += n.size();
        }
        return s;
    }

    Node copy() {
        Node c = shallow();
        c.parts.clear();
        for (Object p : parts) {
            c.parts.add(p instanceof Node n ? n.copy() : p);
        }
        c.fixed = fixed;
        return c;
    }

    Node shallow() {
        return new Node(k, ty);
    }

    /** Renders into {@code out}; {@code ref} selects the reference variant (differs only for TWR). */
    void render(StringBuilder out, int indent, boolean ref) {
        if (k == K.BLOCK) {
            out.append("{\n");
            for (Object p : parts) {
                pad(out, indent + 1);
                ((Node) p).render(out, indent + 1, ref);
                out.append('\n');
            }
            pad(out, indent);
            out.append('}');
            return;
        }
        for (Object p : parts) {
            if (p instanceof Node n) {
                n.render(out, indent, ref);
            } else {
                out.append((String) p);
            }
        }
    }

    static void pad(StringBuilder out, int indent) {
        for (int i = 0; i < indent; i++) {
            out.append("    ");
        }
    }

    /**
     * The reference form of an exit that awaits ({@code async with}, {@code async for}):
     * {@code { <prelude> Throwable $p = null; try { <body> } catch (Throwable $t) { $p = $t; throw $t; }
     * finally { Await.on(<closeable>.closeAsync($p)); } }}. The prelude writes whole lines at indent
     * + 1 (after the padding), the body at indent + 2 without a final newline.
     */
    static void closingRegion(StringBuilder out, int indent, String closeable, Runnable prelude, Runnable body) {
        String p = "$p" + closeable;
        String t = "$t" + closeable;
        out.append("{\n");
        pad(out, indent + 1);
        prelude.run();
        pad(out, indent + 1);
        out.append("Throwable ").append(p).append(" = null;\n");
        pad(out, indent + 1);
        out.append("try {\n");
        pad(out, indent + 2);
        body.run();
        out.append('\n');
        pad(out, indent + 1);
        out.append("} catch (Throwable ").append(t).append(") {\n");
        pad(out, indent + 2);
        out.append(p).append(" = ").append(t).append(";\n");
        pad(out, indent + 2);
        out.append("throw ").append(t).append(";\n");
        pad(out, indent + 1);
        out.append("} finally {\n");
        pad(out, indent + 2);
        out.append("Await.on(").append(closeable).append(".closeAsync(").append(p).append("));\n");
        pad(out, indent + 1);
        out.append("}\n");
        pad(out, indent);
        out.append('}');
    }

    /**
     * try-with-resources. Async mode renders it as written. The reference variant desugars each
     * AsyncCloseable resource into what the processor promises (API.md): the block runs, then
     * {@code Await.on(r.closeAsync(pending))} where pending is the exception leaving the block or
     * null, a failure of that task replacing the pending one. Sync resources stay plain Java TWR.
     * Parts: [res0 init, res1 init, ..., body block, catch blocks..., finally block?].
     */
    static final class Twr extends Node {
        final List<String> resDecl = new ArrayList<>(); // "Fx.Res r3" / "var r4"
        final List<Boolean> resAsync = new ArrayList<>();
        final List<String> catchHeads = new ArrayList<>(); // "catch (Exception e5) "
        boolean hasFinally;
        final int id;

        Twr(int id) {
            super(K.STMT, Ty.VOID);
            this.id = id;
        }

        @Override
        Node shallow() {
            Twr t = new Twr(id);
            t.resDecl.addAll(resDecl);
            t.resAsync.addAll(resAsync);
            t.catchHeads.addAll(catchHeads);
            t.hasFinally = hasFinally;
            return t;
        }

        private Node part(int i) {
            return (Node) parts.get(i);
        }

        @Override
        void render(StringBuilder out, int indent, boolean ref) {
            int n = resDecl.size();
            boolean tail = !catchHeads.isEmpty() || hasFinally;
            if (!ref || !resAsync.contains(true)) {
                out.append("try (");
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "; " : "").append(resDecl.get(i)).append(" = ");
                    part(i).render(out, indent, ref);
                }
                out.append(") ");
                part(n).render(out, indent, ref);
            } else {
                if (tail) {
                    out.append("try {\n");
                    indent++;
                    pad(out, indent);
                }
                renderRef(out, indent, 0);
                if (tail) {
                    indent--;
                    out.append('\n');
                    pad(out, indent);
                    out.append('}');
                }
            }
            int i = n + 1;
            for (String h : catchHeads) {
                out.append(' ').append(h);
                part(i++).render(out, indent, ref);
            }
            if (hasFinally) {
                out.append(" finally ");
                part(i).render(out, indent, ref);
            }
        }

        /** Resources from {@code r} on, nested as JLS 14.20.3 does, async ones desugared. */
        private void renderRef(StringBuilder out, int indent, int r) {
            int n = resDecl.size();
            if (r == n) {
                part(n).render(out, indent, true);
                return;
            }
            String decl = resDecl.get(r);
            String name = decl.substring(decl.lastIndexOf(' ') + 1);
            if (!resAsync.get(r)) {
                out.append("try (").append(decl).append(" = ");
                part(r).render(out, indent, true);
                out.append(") {\n");
                pad(out, indent + 1);
                renderRef(out, indent + 1, r + 1);
                out.append('\n');
                pad(out, indent);
                out.append('}');
                return;
            }
            closingRegion(out, indent, name, () -> {
                out.append("final ").append(decl).append(" = ");
                part(r).render(out, indent + 1, true);
                out.append(";\n");
            }, () -> renderRef(out, indent + 2, r + 1));
        }
    }

    /**
     * {@code for (T x : Await.each(source)) body}. The reference variant is what the processor
     * promises: a while loop awaiting {@code hasNext()}, inside a try whose finally awaits
     * {@code closeAsync(pending)} (pending: the exception leaving the loop, or null; a failure of the
     * close replacing it). Parts: [source expression, body block].
     */
    static final class Each extends Node {
        final String label; // "L3: " or ""
        final String varType; // "int", "Integer" or "var"
        final String var;

        Each(String label, String varType, String var, Node source, Node body) {
            super(K.STMT, Ty.VOID, source, body);
            this.label = label;
            this.varType = varType;
            this.var = var;
        }

        private Each(String label, String varType, String var) {
            super(K.STMT, Ty.VOID);
            this.label = label;
            this.varType = varType;
            this.var = var;
        }

        @Override
        Node shallow() {
            return new Each(label, varType, var);
        }

        @Override
        void render(StringBuilder out, int indent, boolean ref) {
            Node source = (Node) parts.get(0);
            Node body = (Node) parts.get(1);
            if (!ref) {
                out.append(label).append("for (").append(varType).append(' ').append(var).append(" : Await.each(");
                source.render(out, indent, false);
                out.append(")) ");
                body.render(out, indent, false);
                return;
            }
            String it = "$it" + var;
            closingRegion(out, indent, it, () -> {
                out.append("final org.asyncio4j.AsyncIterator<Integer> ").append(it).append(" = (");
                source.render(out, indent + 1, true);
                out.append(").iterator();\n");
            }, () -> {
                out.append(label).append("while (Await.on(").append(it).append(".hasNext())) {\n");
                pad(out, indent + 3);
                out.append(varType).append(' ').append(var).append(" = ").append(it).append(".next();\n");
                pad(out, indent + 3);
                body.render(out, indent + 3, true);
                out.append('\n');
                pad(out, indent + 2);
                out.append('}');
            });
        }
    }
}
