package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Java source text in which the method's locals are typed references, not names: what the lowering
 * hands to the later stages inside {@link Cfg} instructions. Whether a local is a Java local or a
 * field of the machine (and under which name) is decided after lowering ({@link Slots}), so the
 * lowering cannot write the final text; the writer renders each reference once the slots are known.
 */
final class JavaText {
    /** How a reference is written once its local's slot is known. */
    enum Use {
        /** The local's value: {@code x} or {@code m.x}. */
        VALUE,
        /** The value inside a witness lambda: as VALUE, and it forces the local into a field. */
        WITNESS,
        /** The local's declarable type (known after typing). */
        TYPE,
        /** Placed before a lambda or class that captures the local: renders as nothing; the writer declares a final copy. */
        CAPTURE,
        /** The name of a pattern binding in {@code x instanceof T name}. */
        BINDING,
        /**
         * A binding of a record pattern or a case label, where it is declared and in the case's guard: the
         * Java local the pattern declares ({@code name$p} when the binding lives in a field).
         */
        PATTERN,
        /** After an instanceof with a record pattern: stores a binding that lives in a field (else nothing). */
        STORE
    }

    sealed interface Part permits Lit, Ref {}

    record Lit(String text) implements Part {}

    record Ref(Local local, Use use) implements Part {}

    final List<Part> parts;

    private JavaText(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Reads the lowering's intermediate text, in which references are spelled by {@link Local#ref()}
     * and its siblings, into parts. This is the one place that knows that spelling besides
     * {@link Local}: nothing after the lowering sees a marker.
     */
    static JavaText parse(String marked, List<Local> locals) {
        List<Part> parts = new ArrayList<>();
        int lit = 0;
        for (int i = 0; i < marked.length(); i++) {
            Use use = useOf(marked.charAt(i));
            if (use == null) {
                continue;
            }
            int end = marked.indexOf('\u0002', i);
            if (end < 0) {
                throw new IllegalStateException("unterminated local reference in lowered text: " + marked);
            }
            if (i > lit) {
                parts.add(new Lit(marked.substring(lit, i)));
            }
            parts.add(new Ref(locals.get(Integer.parseInt(marked.substring(i + 1, end))), use));
            i = end;
            lit = end + 1;
        }
        if (lit < marked.length()) {
            parts.add(new Lit(marked.substring(lit)));
        }
        return new JavaText(parts);
    }

    private static Use useOf(char c) {
        return switch (c) {
            case '\u0001' -> Use.VALUE;
            case '\u0003' -> Use.WITNESS;
            case '\u0004' -> Use.TYPE;
            case '\u0005' -> Use.CAPTURE;
            case '\u0006' -> Use.BINDING;
            case '\u0007' -> Use.PATTERN;
            case '\u0008' -> Use.STORE;
            default -> null;
        };
    }

    List<Ref> refs() {
        List<Ref> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Ref r) {
                out.add(r);
            }
        }
        return out;
    }

    /** The text with each reference written by {@code ref}. */
    String render(Function<Ref, String> ref) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(p instanceof Lit l ? l.text() : ref.apply((Ref) p));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render(r -> "<" + r.use() + " " + r.local() + ">");
    }
}
