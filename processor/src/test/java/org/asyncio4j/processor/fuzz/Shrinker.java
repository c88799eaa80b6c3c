package org.asyncio4j.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asyncio4j.processor.fuzz.Node.K;
import org.asyncio4j.processor.fuzz.Node.Ty;

/**
 * Delta debugging over the program tree: repeatedly tries every one-step simplification (drop a
 * statement, replace a statement by the statements of one of its blocks, replace an expression by
 * a literal or by a sub-expression of the same type), compiles all of them in one batch, and keeps
 * the smallest that still fails the same way. Candidates that no longer compile as plain Java are
 * simply not failures of that kind, so no scope bookkeeping is needed.
 */
final class Shrinker {
    private Shrinker() {}

    static Gen.Program shrink(Gen.Program p, String kind, int maxRounds) {
        Gen.Program cur = p;
        for (int round = 0; round < maxRounds; round++) {
            List<Gen.Program> cands = variants(cur);
            if (cands.isEmpty()) {
                break;
            }
            cands.sort((x, y) -> Integer.compare(x.size(), y.size()));
            Gen.Program best = null;
            // batches of candidates, smallest first: the first batch with a failure wins
            for (int from = 0; from < cands.size() && best == null; from += 150) {
                List<Gen.Program> batch = cands.subList(from, Math.min(cands.size(), from + 150));
                List<Case> cases = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    Gen.Program b = batch.get(i);
                    b.cls = p.cls + "_s" + i;
                    cases.add(Case.of(b));
                }
                List<Check.Failure> fs = Check.check(cases, new Check.Stats());
                int bestSize = Integer.MAX_VALUE;
                for (Check.Failure f : fs) {
                    if (!f.kind().equals(kind)) {
                        continue;
                    }
                    int i = Integer.parseInt(f.c().cls().substring(f.c().cls().lastIndexOf("_s") + 2));
                    if (batch.get(i).size() < bestSize) {
                        bestSize = batch.get(i).size();
                        best = batch.get(i);
                    }
                }
            }
            if (best == null) {
                break;
            }
            cur = best;
        }
        Gen.Program out = cur.copy();
        out.cls = p.cls;
        return out;
    }

    /** A node together with where it sits. */
    private record Slot(Node parent, int index, Node node) {}

    private static void collect(Node parent, int index, Node n, List<Slot> out) {
        out.add(new Slot(parent, index, n));
        for (int i = 0; i < n.parts.size(); i++) {
            if (n.parts.get(i) instanceof Node k) {
                collect(n, i, k, out);
            }
        }
    }

    static List<Gen.Program> variants(Gen.Program p) {
        List<Gen.Program> out = new ArrayList<>();
        for (int mi = 0; mi < p.methods.size(); mi++) {
            int count = slots(p, mi).size();
            for (int si = 0; si < count; si++) {
                for (int op = 0; op < 8; op++) {
                    Gen.Program c = p.copy();
                    if (apply(slots(c, mi).get(si), op)) {
                        out.add(c);
                    }
                }
            }
        }
        // dropping a whole method other than the root (calls to it then fail to compile: harmless)
        for (int mi = 1; mi < p.methods.size(); mi++) {
            Gen.Program c = p.copy();
            c.methods.remove(mi);
            out.add(c);
        }
        return out;
    }

    private static List<Slot> slots(Gen.Program p, int mi) {
        List<Slot> s = new ArrayList<>();
        collect(null, -1, p.methods.get(mi).body, s);
        return s;
    }

    /** Applies simplification {@code op} at {@code s}; false if it does not apply. */
    private static boolean apply(Slot s, int op) {
        Node n = s.node();
        Node parent = s.parent();
        if (parent == null || n.fixed) {
            return false;
        }
        if (n.k == K.STMT && parent.k == K.BLOCK) {
            if (op == 0) {
                parent.parts.remove(s.index());
                return true;
            }
            // unwrap: the statements of the (op-1)-th block found inside this statement
            List<Node> blocks = new ArrayList<>();
            findBlocks(n, blocks);
            if (op - 1 < blocks.size()) {
                parent.parts.remove(s.index());
                parent.parts.addAll(s.index(), blocks.get(op - 1).parts);
                return true;
            }
            return false;
        }
        if (n.k == K.EXPR && n.ty != Ty.VOID) {
            if (op == 0) {
                if (n.parts.size() == 1 && n.parts.get(0) instanceof String) {
                    return false; // already a leaf
                }
                parent.parts.set(s.index(), Gen.literal(n.ty, new Random(n.parts.size())));
                return true;
            }
            List<Node> same = new ArrayList<>();
            for (Node k : n.kids()) {
                if (k.k == K.EXPR && k.ty == n.ty) {
                    same.add(k);
                }
            }
            if (op - 1 < same.size()) {
                parent.parts.set(s.index(), same.get(op - 1));
                return true;
            }
        }
        return false;
    }

    private static void findBlocks(Node n, List<Node> out) {
        for (Node k : n.kids()) {
            if (k.k == K.BLOCK) {
                out.add(k);
            } else if (k.k == K.STMT) {
                findBlocks(k, out);
            }
        }
    }
}
