package org.asyncio4j.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Writes the declarations of a generated file (types, signatures, Javadoc) as text, in the layout
 * JavaPoet gave them before the processor stopped rendering through it (benchmarks/ANALYSIS.md, "W7
 * compile time, session of 2026-12-04 afternoon"): JavaPoet's types ({@link TypeName}) stay the
 * processor's model of a type; only the text is written here.
 *
 * <p>How a class name is written: its simple name(s) when it is the generated class, one of its
 * machines or a class of the same package; otherwise its canonical name, so that nothing the file
 * names can clash with the user's imports, which the file carries for the user's code. A type
 * variable in scope with the same simple name forces the canonical name. A signature longer than
 * 100 columns wraps before its first parameter, after a comma or before {@code throws}, continuation
 * lines two levels in.
 */
final class Declarations {
    static final int COLUMN_LIMIT = 100;
    private static final String INDENT = "    ";

    private final String packageName;
    private final String topLevel;
    private final Set<String> nested;
    /** The type variables in scope, innermost declaration last. */
    private final Deque<List<TypeVariableName>> typeVars = new ArrayDeque<>();

    Declarations(String packageName, String topLevel, Set<String> nested) {
        this.packageName = packageName;
        this.topLevel = topLevel;
        this.nested = nested;
    }

    void pushTypeVars(List<TypeVariableName> vars) {
        typeVars.addLast(vars);
    }

    void popTypeVars() {
        typeVars.removeLast();
    }

    private boolean typeVarNamed(String name) {
        for (List<TypeVariableName> vs : typeVars) {
            for (TypeVariableName v : vs) {
                if (v.name().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ types

    String type(TypeName t) {
        StringBuilder sb = new StringBuilder();
        type(t, sb);
        return sb.toString();
    }

    private void type(TypeName t, StringBuilder sb) {
        if (!t.annotations().isEmpty()) {
            sb.append(t); // not produced by the processor's types today; JavaPoet's own text, fully qualified
        } else if (t instanceof ClassName c) {
            sb.append(className(c));
        } else if (t instanceof ParameterizedTypeName p) {
            if (p.enclosingType() != null) {
                type(p.enclosingType(), sb);
                sb.append('.').append(p.rawType().simpleName());
            } else {
                sb.append(className(p.rawType()));
            }
            if (!p.typeArguments().isEmpty()) {
                sb.append('<');
                for (int i = 0; i < p.typeArguments().size(); i++) {
                    sb.append(i == 0 ? "" : ", ");
                    type(p.typeArguments().get(i), sb);
                }
                sb.append('>');
            }
        } else if (t instanceof ArrayTypeName a) {
            type(a.componentType(), sb);
            sb.append("[]");
        } else if (t instanceof WildcardTypeName w) {
            if (w.lowerBounds().size() == 1) {
                sb.append("? super ");
                type(w.lowerBounds().get(0), sb);
            } else if (w.upperBounds().get(0).equals(ClassName.OBJECT)) {
                sb.append('?');
            } else {
                sb.append("? extends ");
                type(w.upperBounds().get(0), sb);
            }
        } else if (t instanceof TypeVariableName v) {
            sb.append(v.name()); // also the processor's raw source text of a type (see MachineWriter.rawTypeField)
        } else {
            sb.append(t); // primitives and void: their keyword
        }
    }

    private String className(ClassName c) {
        String top = c.topLevelClassName().simpleName();
        if (typeVarNamed(top)) {
            return c.canonicalName();
        }
        ClassName resolved = null;
        for (ClassName s = c; s != null; s = s.enclosingClassName()) {
            resolved = resolve(s.simpleName());
            if (resolved != null && resolved.canonicalName().equals(s.canonicalName())) {
                List<String> names = c.simpleNames();
                return String.join(".", names.subList(s.simpleNames().size() - 1, names.size()));
            }
        }
        if (resolved != null) {
            return c.canonicalName(); // the simple name means something else here
        }
        if (packageName.equals(c.packageName())) {
            return String.join(".", c.simpleNames());
        }
        return c.canonicalName();
    }

    private ClassName resolve(String simpleName) {
        if (nested.contains(simpleName)) {
            return ClassName.get(packageName, topLevel, simpleName);
        }
        if (topLevel.equals(simpleName)) {
            return ClassName.get(packageName, simpleName);
        }
        return null;
    }

    /** {@code <T extends A & B, R>}, or nothing. */
    String typeVarsDecl(List<TypeVariableName> vars) {
        if (vars.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<");
        for (int i = 0; i < vars.size(); i++) {
            TypeVariableName v = vars.get(i);
            sb.append(i == 0 ? "" : ", ").append(v.name());
            for (int b = 0; b < v.bounds().size(); b++) {
                sb.append(b == 0 ? " extends " : " & ");
                type(v.bounds().get(b), sb);
            }
        }
        return sb.append('>').toString();
    }

    /** A parameter: its type (the last of a varargs method with {@code ...}) and name. */
    String parameter(String modifiers, TypeName type, String name, boolean varargs) {
        String t = varargs && type instanceof ArrayTypeName a ? type(a.componentType()) + "..." : type(type);
        return modifiers + t + " " + name;
    }

    // ------------------------------------------------------------------ layout

    /**
     * {@code head(params) throws exceptions {} at {@code level}, wrapped where it passes the column
     * limit: before the first parameter, after each comma and before {@code throws} and each exception.
     */
    static void signature(BodyText out, int level, String head, List<String> params, List<String> exceptions) {
        Wrapper w = new Wrapper(level);
        w.text(head + "(");
        w.zeroWidth();
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                w.text(",");
                w.space();
            }
            w.text(params.get(i));
        }
        w.text(")");
        for (int i = 0; i < exceptions.size(); i++) {
            if (i == 0) {
                w.space();
                w.text("throws");
            } else {
                w.text(",");
            }
            w.space();
            w.text(exceptions.get(i));
        }
        w.text(" {");
        out.raw(w.done());
    }

    /** JavaPoet's LineWrapper for one declaration line: a pending wrap point is decided by the text that follows it. */
    private static final class Wrapper {
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder pending = new StringBuilder();
        private final int wrapLevel;
        private int column;
        /** 0: no wrap point pending; 1: a space; 2: a zero-width one. */
        private int wrap;

        Wrapper(int level) {
            for (int i = 0; i < level; i++) {
                out.append(INDENT);
            }
            column = level * INDENT.length();
            wrapLevel = level + 2;
        }

        void text(String s) {
            if (wrap != 0) {
                if (column + s.length() <= COLUMN_LIMIT) {
                    pending.append(s);
                    column += s.length();
                    return;
                }
                out.append('\n');
                for (int i = 0; i < wrapLevel; i++) {
                    out.append(INDENT);
                }
                column = wrapLevel * INDENT.length() + pending.length();
                out.append(pending);
                pending.setLength(0);
                wrap = 0;
            }
            out.append(s);
            column += s.length();
        }

        private void flush() {
            if (wrap == 1) {
                out.append(' ');
            }
            out.append(pending);
            pending.setLength(0);
            wrap = 0;
        }

        void space() {
            if (wrap != 0) {
                flush();
            }
            column++; // the space is written, or turned into the line break, when the next text comes
            wrap = 1;
        }

        void zeroWidth() {
            if (wrap != 0) {
                flush();
            }
            wrap = 2;
        }

        String done() {
            if (wrap != 0) {
                flush();
            }
            return out.toString();
        }
    }

    /** A Javadoc comment at the writer's level; empty lines become " *". */
    static void javadoc(BodyText out, String text) {
        out.line("/**");
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String l : body.split("\n", -1)) {
            out.line(l.isEmpty() ? " *" : " * " + l);
        }
        out.line(" */");
    }

    /** A Java string literal of {@code s}, escaped as JavaPoet's {@code $S} did. */
    static String literal(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
