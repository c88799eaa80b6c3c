package org.asyncio4j.processor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The known blocking calls, read from {@code blocking-calls.txt} beside this class (data, so that
 * adding one is a line, not code). Matching is by the receiver's type (subtypes included) and the
 * method's name.
 */
final class BlockingCalls {
    record Rule(String type, List<String> methods, String instead) {
        boolean matchesName(String name) {
            for (String m : methods) {
                if (m.endsWith("*") ? name.startsWith(m.substring(0, m.length() - 1)) : name.equals(m)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final List<Rule> RULES = new ArrayList<>();
    static final List<String> EXEMPT = new ArrayList<>();

    static {
        try (InputStream in = BlockingCalls.class.getResourceAsStream("blocking-calls.txt")) {
            if (in == null) {
                throw new IllegalStateException("blocking-calls.txt is missing from the processor jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.startsWith("!")) {
                    EXEMPT.add(t.substring(1).strip());
                    continue;
                }
                int bar = t.indexOf('|');
                String[] head = t.substring(0, bar).strip().split("\\s+", 2);
                List<String> methods = new ArrayList<>();
                for (String m : head[1].split(",")) {
                    methods.add(m.strip());
                }
                RULES.add(new Rule(head[0], methods, t.substring(bar + 1).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Elements elements;
    private final Types types;
    /** Rule types and exemptions looked up once per round (null: not on the class path). */
    private final Map<String, TypeElement> typeCache = new HashMap<>();

    BlockingCalls(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** A cheap first test on the name alone: most calls in a body are not named like any rule. */
    static boolean mayBlock(String method) {
        for (Rule rule : RULES) {
            if (rule.matchesName(method)) {
                return true;
            }
        }
        return false;
    }

    private TypeElement type(String name) {
        return typeCache.computeIfAbsent(name, elements::getTypeElement);
    }

    /**
     * The most specific rule for {@code receiver.method(...)}, or null when the call is not known to
     * block (or the rule's type is not on the class path, or the receiver is an in-memory stream).
     */
    Rule match(TypeElement receiver, String method, int arity) {
        // Every class of a round asks about the same few calls (list.add, log.println...): the answer
        // depends on the receiver's class, the name and the arity only, so keep it for the round.
        return matches.computeIfAbsent(new Call(receiver, method, arity), c -> {
            Rule rule = match(receiver, method);
            return java.util.Optional.ofNullable(
                    rule == null || !callsRuleMethod(receiver, method, arity, type(rule.type())) ? null : rule);
        }).orElse(null);
    }

    private record Call(TypeElement receiver, String method, int arity) {}

    private final Map<Call, java.util.Optional<Rule>> matches = new HashMap<>();

    /**
     * False when the call {@code receiver.method(arity arguments)} can only be a method of the
     * receiver's own that merely shares the rule's name: {@code Asyncio.wait(tasks, when, timeout)}
     * is not {@code Object.wait}. True when a candidate is the rule type's method or overrides it, or
     * when no candidate has that arity (varargs: be safe and warn).
     */
    private boolean callsRuleMethod(TypeElement receiver, String method, int arity, TypeElement ruleType) {
        List<javax.lang.model.element.ExecutableElement> candidates = new ArrayList<>();
        for (javax.lang.model.element.Element e : elements.getAllMembers(receiver)) {
            if (e instanceof javax.lang.model.element.ExecutableElement x && x.getSimpleName().contentEquals(method)
                    && x.getParameters().size() == arity) {
                candidates.add(x);
            }
        }
        if (candidates.isEmpty()) {
            return true;
        }
        for (javax.lang.model.element.ExecutableElement c : candidates) {
            if (c.getEnclosingElement().equals(ruleType)) {
                return true;
            }
            for (javax.lang.model.element.Element m : ruleType.getEnclosedElements()) {
                if (m instanceof javax.lang.model.element.ExecutableElement rm && rm.getSimpleName().contentEquals(method)
                        && elements.overrides(c, rm, (TypeElement) c.getEnclosingElement())) {
                    return true;
                }
            }
        }
        return false;
    }

    private Rule match(TypeElement receiver, String method) {
        if (!mayBlock(method)) {
            return null;
        }
        for (String ex : EXEMPT) {
            TypeElement e = type(ex);
            if (e != null && isSubtype(receiver, e)) {
                return null;
            }
        }
        Rule best = null;
        TypeElement bestType = null;
        for (Rule rule : RULES) {
            if (!rule.matchesName(method)) {
                continue;
            }
            TypeElement t = type(rule.type());
            if (t == null || !isSubtype(receiver, t)) {
                continue;
            }
            if (best == null || isSubtype(t, bestType)) {
                best = rule;
                bestType = t;
            }
        }
        return best;
    }

    private boolean isSubtype(TypeElement a, TypeElement b) {
        return types.isSubtype(types.erasure(a.asType()), types.erasure(b.asType()));
    }
}
