package org.asyncio4j.processor;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user's source text and the one way the processor turns trees back into code: copy the
 * original text of a tree, with some sub-trees replaced. Copying keeps the user's own spelling of
 * every expression (no pretty-printer to get wrong) and needs no type information.
 */
final class Source {
    final CompilationUnitTree cu;
    final SourcePositions positions;
    final String text;
    final String fileName;

    Source(CompilationUnitTree cu, SourcePositions positions) {
        this.cu = cu;
        this.positions = positions;
        try {
            this.text = cu.getSourceFile().getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cu.getSourceFile().getName(), e);
        }
        String n = cu.getSourceFile().getName();
        this.fileName = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
    }

    long start(Tree t) {
        return positions.getStartPosition(cu, t);
    }

    long end(Tree t) {
        return positions.getEndPosition(cu, t);
    }

    boolean hasPosition(Tree t) {
        return t != null && start(t) >= 0 && end(t) > start(t);
    }

    /** The line of the last character of {@code t}, or 0 without a position. */
    int endLine(Tree t) {
        long e = end(t);
        return e <= 0 ? 0 : (int) cu.getLineMap().getLineNumber(e - 1);
    }

    int line(Tree t) {
        long s = start(t);
        return s < 0 ? 0 : (int) cu.getLineMap().getLineNumber(s);
    }

    String slice(Tree t) {
        long s = start(t);
        long e = end(t);
        if (s < 0 || e < s) {
            return t.toString(); // synthesized tree without positions: javac's printer
        }
        return text.substring((int) s, (int) e);
    }

    /** What to rewrite while copying. */
    interface Rewrites {
        /** Placeholder for an identifier naming a local, or null. */
        String local(IdentifierTree id);

        /** Replacement for a static @Async call qualifier ({@code Foo} in {@code Foo.twice(x)}), or null. */
        String qualifier(MemberSelectTree select);

        /**
         * Called for every lambda or class body copied: its captures must be available as Java locals.
         * Returns text to insert before it (markers that travel with the text), or null.
         */
        String opaque(Tree lambdaOrClass);

        /** Text replacing the whole of {@code t} (an async lambda becomes a call of its machine), or null. */
        default String replace(Tree t) {
            return null;
        }

        /** Placeholder for the name of a pattern binding declared by an instanceof, or null to keep it. */
        default String binding(VariableTree binding) {
            return null;
        }
    }

    private record Edit(long start, long end, String text) {}

    /** The text of {@code t} with {@code overrides} replacing sub-trees and the rewrites applied. */
    String render(Tree t, Map<Tree, String> overrides, Rewrites rw) {
        String whole = overrides.get(t);
        if (whole == null) {
            whole = rw.replace(t);
        }
        if (whole != null) {
            return whole;
        }
        List<Edit> edits = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree node, Void p) {
                if (node == null) {
                    return null;
                }
                String o = overrides.get(node);
                if (o == null) {
                    o = rw.replace(node);
                }
                if (o != null && node != t) {
                    edits.add(new Edit(start(node), end(node), o));
                    return null;
                }
                return super.scan(node, p);
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                String r = rw.local(node);
                if (r != null) {
                    edits.add(new Edit(start(node), end(node), r));
                }
                return null;
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree node, Void p) {
                String q = rw.qualifier(node);
                if (q != null) {
                    edits.add(new Edit(start(node.getExpression()), end(node.getExpression()), q));
                    return null;
                }
                return super.visitMemberSelect(node, p);
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
                return super.visitMethodInvocation(node, p);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
                mark(node);
                return super.visitLambdaExpression(node, p);
            }

            @Override
            public Void visitClass(ClassTree node, Void p) {
                mark(node);
                return super.visitClass(node, p);
            }

            private void mark(Tree opaque) {
                String m = rw.opaque(opaque);
                if (m != null) {
                    edits.add(new Edit(start(opaque), start(opaque), m));
                }
            }

            @Override
            public Void visitInstanceOf(InstanceOfTree node, Void p) {
                if (node.getPattern() instanceof BindingPatternTree bp) {
                    VariableTree v = bp.getVariable();
                    String name = rw.binding(v);
                    if (name != null && start(v) >= 0) {
                        // (x instanceof T <name>): parenthesised, so that the writer may add
                        // "&& (m.b = b$p) != null" after the name when the binding lives in a field
                        edits.add(new Edit(start(node), start(node), "("));
                        scan(node.getExpression(), p);
                        edits.add(new Edit(start(v), end(v), slice(v.getType()) + " " + name));
                        edits.add(new Edit(end(node), end(node), ")"));
                        return null;
                    }
                }
                return super.visitInstanceOf(node, p);
            }
        }.scan(t, null);
        long s = start(t);
        long e = end(t);
        if (s < 0 || e < s) {
            throw new IllegalStateException("no source position for " + t.getKind() + ": " + t);
        }
        edits.removeIf(ed -> ed.start < 0);
        edits.sort(Comparator.comparingLong(Edit::start));
        StringBuilder sb = new StringBuilder();
        long pos = s;
        for (Edit ed : edits) {
            if (ed.start < pos) {
                continue; // nested in an edit already applied
            }
            sb.append(text, (int) pos, (int) ed.start);
            sb.append(ed.text);
            pos = ed.end;
        }
        sb.append(text, (int) pos, (int) e);
        return sb.toString();
    }

    static boolean isPrimitiveName(String type) {
        return Set.of("int", "long", "double", "float", "boolean", "char", "short", "byte").contains(type.trim());
    }
}
