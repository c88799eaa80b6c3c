package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Cfg} as readable text, for tests that pin what the lowering produces: the synthetic
 * fields, then each block in order with its exception handler and one line per instruction.
 * References to locals are written by the local's source name, so the listing does not depend on
 * {@link Slots} (which decides field names later): a plain use is {@code x}, a use inside a witness
 * {@code [w]x}, a declarable type {@code [T]x}, a capture mark {@code [c]x}, a pattern binding {@code [b]x}.
 */
final class CfgListing {
    private CfgListing() {}

    static String of(Cfg cfg) {
        StringBuilder sb = new StringBuilder();
        List<String> fields = new ArrayList<>();
        for (String[] f : cfg.syntheticFields) {
            fields.add(f[0] + " " + f[1]);
        }
        sb.append("fields: ").append(fields.isEmpty() ? "-" : String.join(", ", fields)).append('\n');
        for (Cfg.Block b : cfg.blocks) {
            sb.append(b).append(" (handler ")
                    .append(b.handler == null ? "-" : b.handler.target() + " " + b.handler.exField())
                    .append("):\n");
            for (Cfg.Ins ins : b.code) {
                sb.append("  ").append(line(ins).replace("\n", "\n    ")).append('\n');
            }
        }
        return sb.toString();
    }

    private static String line(Cfg.Ins ins) {
        if (ins instanceof Cfg.Code c) {
            return text(c.text());
        } else if (ins instanceof Cfg.Decl d) {
            return "decl " + d.local().name + (d.init() == null ? "" : " = " + text(d.init()));
        } else if (ins instanceof Cfg.Clear c) {
            return "clear " + c.local().name;
        } else if (ins instanceof Cfg.Jump j) {
            return "jump " + j.target();
        } else if (ins instanceof Cfg.Branch br) {
            return "branch " + text(br.cond()) + " -> " + br.target();
        } else if (ins instanceof Cfg.Suspend s) {
            return "suspend " + text(s.task()) + " -> " + s.resume();
        } else if (ins instanceof Cfg.Yield y) {
            return "yield " + text(y.value()) + " -> " + y.resume();
        } else if (ins instanceof Cfg.Exit e) {
            return "exit " + text(e.text());
        } else if (ins instanceof Cfg.FinSet f) {
            return "finset " + f.field() + " -> " + (f.target() == null ? "rethrow" : f.target().toString());
        } else if (ins instanceof Cfg.FinEnd f) {
            return "finend " + f.finField() + " " + f.exField();
        } else if (ins instanceof Cfg.Dispatch d) {
            List<String> cases = new ArrayList<>();
            for (int i = 0; i < d.labels().size(); i++) {
                JavaText label = d.labels().get(i);
                cases.add((label == null ? "default" : text(label)) + " -> " + d.targets().get(i));
            }
            return "dispatch " + text(d.selector()) + " [" + String.join(", ", cases) + "]"
                    + (d.fallback() == null ? "" : " else " + d.fallback());
        }
        throw new AssertionError("unknown instruction " + ins);
    }

    private static String text(JavaText t) {
        return t.render(r -> switch (r.use()) {
            case VALUE -> r.local().name;
            case WITNESS -> "[w]" + r.local().name;
            case TYPE -> "[T]" + r.local().name;
            case CAPTURE -> "[c]" + r.local().name;
            case BINDING -> "[b]" + r.local().name;
            case PATTERN -> "[p]" + r.local().name;
            case STORE -> " [store " + r.local().name + "]";
        });
    }
}
