package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.asyncio4j.processor.Cfg.Block;
import org.asyncio4j.processor.Cfg.Ins;

/**
 * The slots stage: after lowering, decides where each local of a method lives (a Java local of the
 * resume method, or a field of the machine), the field's name, and its type. A local used in one
 * block only stays a Java local; one that lives across an await is in more than one block.
 */
final class Slots {
    private Slots() {}

    /**
     * Places every local of one method: {@link Local#hoisted} (a field of the machine) when it is a
     * parameter, is used in more than one block, is named by a witness, or must be separated from a
     * same-named local; then its field name and declarable type (asking the Typer only for hoisted
     * {@code var} locals and multi-catch parameters).
     */
    static void decide(Cfg cfg, List<Local> locals, Typer typer) {
        Set<Local> declaredByDecl = new HashSet<>();
        // A pattern binding is a Java local only inside the statement whose instanceof declares it;
        // the lowering may split one source expression into several statements of one block
        // (a && b whose left side awaits: `$b = (x instanceof T t); if (!$b) ...; $b = t.ok();`).
        Map<Local, Ins> bindingDeclaredIn = new HashMap<>();
        Map<Local, Set<Ins>> bindingUsedIn = new HashMap<>();
        for (Block b : cfg.blocks) {
            for (Ins ins : b.code) {
                for (JavaText t : texts(ins)) {
                    for (JavaText.Ref ref : t.refs()) {
                        Local l = ref.local();
                        l.blocks.set(b.id);
                        if (ref.use() == JavaText.Use.WITNESS) {
                            l.forceHoist = true;
                        }
                        if (l.kind == Local.Kind.BINDING) {
                            if (ref.use() == JavaText.Use.BINDING || ref.use() == JavaText.Use.PATTERN
                                    || ref.use() == JavaText.Use.STORE) {
                                bindingDeclaredIn.put(l, ins);
                            } else {
                                bindingUsedIn.computeIfAbsent(l, k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(ins);
                            }
                        }
                    }
                }
                if (ins instanceof Cfg.Decl d) {
                    d.local().blocks.set(b.id);
                    declaredByDecl.add(d.local());
                }
                for (Local c : captures(ins)) {
                    c.blocks.set(b.id);
                }
            }
        }
        bindingUsedIn.forEach((l, uses) -> {
            Ins decl = bindingDeclaredIn.get(l);
            if (uses.size() > 1 || !uses.contains(decl)) {
                l.forceHoist = true; // used by a statement other than the one declaring it
            }
        });
        separateSameNamedLocals(cfg, locals, declaredByDecl);
        Set<String> reserved = Set.of("state", "self", "LINES");
        Set<String> taken = new HashSet<>(reserved);
        for (String[] f : cfg.syntheticFields) {
            taken.add(f[0]);
        }
        for (Local l : locals) {
            l.hoisted = l.kind == Local.Kind.PARAMETER || l.forceHoist || l.blocks.cardinality() > 1;
            if (l.hoisted) {
                if (l.typeText == null) {
                    l.typeText = l.constructedType; // written right there: no speculative attribution
                }
                if (l.typeText == null) {
                    l.typeText = typer.typeOf(l);
                }
                String f = l.name.equals(Local.UNNAMED) ? "unnamed" : l.name; // '_' names no field
                for (int i = 2; taken.contains(f); i++) {
                    f = l.name + "$" + i;
                }
                taken.add(f);
                l.fieldName = f;
            } else if (l.typeText == null && l.kind == Local.Kind.CATCH) {
                l.typeText = typer.typeOf(l); // multi-catch: its cast needs the lub even when local
            } else if (l.typeText == null) {
                l.typeText = "var";
            }
            l.primitive = Local.isPrimitiveName(l.typeText);
        }
    }

    /**
     * Locals of sibling scopes in the source ({ int a; ... } { int a; ... }) may be flattened into one
     * block, where Java rejects the second declaration. Such locals that the writer declares (Decl)
     * become fields, which get distinct names; one may stay local. A local declared inside copied
     * text (a nested block without await) keeps its declaration, so it is the one left local.
     */
    private static void separateSameNamedLocals(Cfg cfg, List<Local> locals, Set<Local> declaredByDecl) {
        for (Block b : cfg.blocks) {
            Map<String, List<Local>> byName = new LinkedHashMap<>();
            for (Local l : locals) {
                // unnamed variables ('_') may share a scope: Java declares each anew
                boolean staysLocal = l.kind != Local.Kind.PARAMETER && !l.forceHoist && l.blocks.cardinality() <= 1
                        && !l.name.equals(Local.UNNAMED);
                if (staysLocal && l.blocks.get(b.id)) {
                    byName.computeIfAbsent(l.name, k -> new ArrayList<>()).add(l);
                }
            }
            for (List<Local> same : byName.values()) {
                if (same.size() < 2) {
                    continue;
                }
                boolean keepOne = same.stream().allMatch(declaredByDecl::contains);
                for (Local l : same) {
                    if (!declaredByDecl.contains(l)) {
                        continue;
                    }
                    if (keepOne) {
                        keepOne = false;
                    } else {
                        l.forceHoist = true;
                    }
                }
            }
        }
    }

    static List<JavaText> texts(Ins ins) {
        List<JavaText> out = new ArrayList<>();
        if (ins instanceof Cfg.Code c) {
            out.add(c.text());
        } else if (ins instanceof Cfg.Decl d && d.init() != null) {
            out.add(d.init());
        } else if (ins instanceof Cfg.Branch b) {
            out.add(b.cond());
        } else if (ins instanceof Cfg.Suspend s) {
            out.add(s.task());
        } else if (ins instanceof Cfg.Yield y) {
            out.add(y.value());
        } else if (ins instanceof Cfg.Exit e) {
            out.add(e.text());
        } else if (ins instanceof Cfg.Dispatch d) {
            out.add(d.selector());
            for (JavaText label : d.labels()) {
                if (label != null) {
                    out.add(label);
                }
            }
        }
        return out;
    }

    /** Locals captured by lambdas or classes in the instruction's text (CAPTURE references). */
    static List<Local> captures(Ins ins) {
        List<Local> out = new ArrayList<>();
        for (JavaText t : texts(ins)) {
            for (JavaText.Ref ref : t.refs()) {
                if (ref.use() == JavaText.Use.CAPTURE) {
                    out.add(ref.local());
                }
            }
        }
        return out;
    }
}
