package org.asyncio4j.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * One program as the checker sees it: its two renderings and how to run it. Made from a generated
 * {@link Gen.Program}, or read back from a regression file ({@link #parse}).
 */
record Case(String cls, String asyncText, String refText, boolean rootStatic, long seed, int arg) {

    static Case of(Gen.Program p) {
        return new Case(p.cls, p.render(false), p.render(true), p.rootStatic, p.seed, (int) Math.floorMod(p.seed, 5L));
    }

    /** The regression-file form: a header line, then the async text, then the reference text. */
    String file(String note) {
        return "# " + note.replace("\n", "\n# ") + "\n"
                + "#case cls=" + cls + " rootStatic=" + rootStatic + " seed=" + seed + " arg=" + arg + "\n"
                + "--- async\n" + asyncText + "--- ref\n" + refText;
    }

    static Case parse(String text) {
        String cls = null;
        boolean rootStatic = false;
        long seed = 0;
        int arg = 0;
        StringBuilder a = new StringBuilder();
        StringBuilder r = new StringBuilder();
        StringBuilder cur = null;
        for (String line : text.split("\n", -1)) {
            if (cur == null && line.startsWith("#case ")) {
                for (String kv : line.substring(6).trim().split(" ")) {
                    String[] p = kv.split("=", 2);
                    switch (p[0]) {
                        case "cls" -> cls = p[1];
                        case "rootStatic" -> rootStatic = Boolean.parseBoolean(p[1]);
                        case "seed" -> seed = Long.parseLong(p[1]);
                        case "arg" -> arg = Integer.parseInt(p[1]);
                        default -> throw new IllegalArgumentException("unknown key " + p[0]);
                    }
                }
            } else if (line.equals("--- async")) {
                cur = a;
            } else if (line.equals("--- ref")) {
                cur = r;
            } else if (cur != null) {
                cur.append(line).append('\n');
            }
        }
        if (cls == null) {
            throw new IllegalArgumentException("regression file without a '#case' line");
        }
        String async = trimLast(a);
        // hand-written regressions may give only the async text: the reference differs by one import
        String ref = r.length() > 0 ? trimLast(r)
                : async.replace("import org.asyncio4j.Await;", "import org.asyncio4j.processor.fuzz.ref.Await;");
        return new Case(cls, async, ref, rootStatic, seed, arg);
    }

    private static String trimLast(StringBuilder sb) {
        String s = sb.toString();
        return s.endsWith("\n\n") ? s.substring(0, s.length() - 1) : s;
    }

    static List<String> classes(List<Case> cs) {
        List<String> out = new ArrayList<>();
        for (Case c : cs) {
            out.add(c.cls);
        }
        return out;
    }
}
