package org.asyncio4j.processor;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;

/**
 * A parameter or local variable of an {@code @Async} body. The lowering decides whether it stays a
 * Java local of the resume method (used in one basic block only) or is hoisted to a field of the
 * machine (it lives across an await, or a witness lambda refers to it).
 */
final class Local {
    enum Kind { PARAMETER, LOCAL, CATCH, RESOURCE, FOR_EACH, BINDING }

    final int index;
    final String name;
    final Kind kind;
    /** The declaring VariableTree (null for parameters read from elements). */
    final Tree decl;
    final TreePath declPath;
    /** The declared type's tree, or null for {@code var} (and parameters). */
    final Tree typeTree;

    /** What kind of type the declaration writes, read once from {@link #typeTree}. */
    enum Written { NONE, PRIMITIVE, UNION, REFERENCE }

    final Written written;

    /**
     * The declaration writes a class or type variable name, or an array of such or of a primitive, with no
     * type arguments and no annotations anywhere ({@code String}, {@code Foo.Bar}, {@code T}, {@code long[]}):
     * then any value assignable to it has a type that is a subtype of it.
     */
    final boolean writtenPlain;

    /**
     * For {@code var x = new Foo<Bar>(...)}: {@code Foo<Bar>}, the type written right there (no need for
     * the Typer's speculative attribution, a few ms each, the processor's main cost on big files); null
     * for anything else, a diamond included (its type arguments are inferred). Set by {@link NodeReader}.
     */
    String constructedType;

    /**
     * For a pattern binding: the path of its first use. A {@code var} binding ({@code P(var y)}) is typed
     * from there, where it is in scope; at its declaration it is not yet.
     */
    TreePath firstUse;

    /** Source text of a declarable type (set by the reader: explicit text, or the inferred type). */
    String typeText;
    boolean primitive;
    boolean forceHoist;
    boolean hoisted;
    String fieldName;
    /** The CFG blocks whose code mentions this local (filled by the writer). */
    final java.util.BitSet blocks = new java.util.BitSet();

    Local(int index, String name, Kind kind, Tree decl, TreePath declPath, Tree typeTree) {
        this.index = index;
        this.name = name;
        this.kind = kind;
        this.decl = decl;
        this.declPath = declPath;
        this.typeTree = typeTree;
        this.written = typeTree == null ? Written.NONE
                : typeTree.getKind() == Tree.Kind.PRIMITIVE_TYPE ? Written.PRIMITIVE
                : typeTree.getKind() == Tree.Kind.UNION_TYPE ? Written.UNION : Written.REFERENCE;
        this.writtenPlain = written == Written.REFERENCE && plain(typeTree);
    }

    private static boolean plain(Tree t) {
        while (t instanceof com.sun.source.tree.ArrayTypeTree a) {
            t = a.getType();
        }
        return t.getKind() == Tree.Kind.IDENTIFIER || t.getKind() == Tree.Kind.MEMBER_SELECT
                || t.getKind() == Tree.Kind.PRIMITIVE_TYPE;
    }

    /** Java 22's unnamed variables ({@code int _ = f();}, {@code catch (E _)}, {@code case Point(var x, _)}). */
    static final String UNNAMED = "_";

    /** A declaration's name as written: javac gives an unnamed variable the empty name, its source says {@code _}. */
    static String nameOf(com.sun.source.tree.VariableTree v) {
        String name = v.getName().toString();
        return name.isEmpty() ? UNNAMED : name;
    }

    /** The name the generated code gives an async lambda's unnamed parameter {@code at} (0-based). */
    static String unnamedParameter(int at) {
        return "unnamed$" + at;
    }

    static boolean isPrimitiveName(String type) {
        return java.util.Set.of("int", "long", "double", "float", "boolean", "char", "short", "byte").contains(type.trim());
    }

    boolean isVar() {
        return typeTree == null && kind != Kind.PARAMETER;
    }

    /** Placeholder put in generated text; replaced by {@code name} or {@code m.field} at the end. */
    String ref() {
        return "\u0001" + index + "\u0002";
    }

    /** Placeholder for a reference inside a witness lambda: forces the local into a field. */
    String witnessRef() {
        return "\u0003" + index + "\u0002";
    }

    /**
     * Marker put before a lambda or class that captures this local: the writer removes it and, if the
     * local lives in a field, declares a final copy before the statement that carries the text
     * (wherever the text travels: spilled operands, witnesses).
     */
    String captureMark() {
        return "\u0005" + index + "\u0002";
    }

    /** Placeholder for the name of a pattern binding in {@code x instanceof T name}. */
    String bindingRef() {
        return "\u0006" + index + "\u0002";
    }

    /** Placeholder for a binding where its record pattern or case label declares it, or its guard reads it. */
    String patternRef() {
        return "\u0007" + index + "\u0002";
    }

    /** Placeholder put after an instanceof with a record pattern: stores the binding if it lives in a field. */
    String storeRef() {
        return "\u0008" + index + "\u0002";
    }

    /** Placeholder for this local's declarable type, known only once the writer has asked the Typer. */
    String typeRef() {
        return "\u0004" + index + "\u0002";
    }

    @Override
    public String toString() {
        return name + "#" + index;
    }
}
