package org.asyncio4j.processor;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The type of a call in an {@code @Async} body where the elements alone make it certain, without
 * attributing the body (TYPES.md: bodies are not attributed during processing, and attributing them
 * in place corrupts the user's trees). With it the generated code states the type of an awaited call
 * ({@code m.<String>awaited($await)}) and gives an operand spilled before a later await a field of its
 * own type, instead of restating the call for javac to infer ({@code Witness} reads).
 *
 * <p>Certain means: the receiver's static type is known exactly (a parameter of the {@code @Async}
 * method, a field, {@code this}, a local declared with its type written, a {@code new Foo(..)}, or a type
 * name for a static call), and <em>every</em> method of that name the receiver has that takes as many
 * arguments returns the same type once the receiver's type arguments are put in: whichever overload javac
 * picks, the type is that one. A generic method's type variables are put in where its arguments' certain
 * types decide them in any context ({@link CallInference}), or where the call writes them. Raw receivers
 * (whose members' types javac erases), type variables, captured wildcards and types the generated class
 * cannot name all give null, and the witness stays.
 */
final class CallTypes {
    private final Types types;
    private final TypeRefs refs;
    private final TypeElement owner;

    private final CallInference inference;

    CallTypes(Types types, TypeRefs refs, TypeElement owner) {
        this.types = types;
        this.inference = new CallInference(types);
        this.refs = refs;
        this.owner = owner;
    }

    /** The calls of one body: its locals, and which of them are the {@code @Async} method's parameters. */
    Body forBody(Resolver locals, MethodTree method, ExecutableElement element) {
        return new Body(locals, method, element);
    }

    final class Body {
        private final Resolver locals;
        private final MethodTree method;
        private final ExecutableElement element;
        private java.util.Set<String> localClassNames;

        private Body(Resolver locals, MethodTree method, ExecutableElement element) {
            this.locals = locals;
            this.method = method;
            this.element = element;
        }

        /**
         * The X of awaiting {@code task} when it is a call or a field whose type is certainly
         * {@code Task<X>}, {@code CompletionStage<X>} or {@code CompletableFuture<X>}; null otherwise.
         */
        String awaited(ExpressionTree task) {
            TypeMirror t = certain(task, CallInference.Use.AWAITED);
            return t instanceof DeclaredType ? AwaitedTypes.resultOf(asTask(t)) : null;
        }

        /**
         * The type of the iterator a for-each over {@code iterable} walks, when the iterable is a call, a
         * field or a local whose type is certain: {@code java.util.Iterator<X>} for an {@code Iterable<X>}
         * or an {@code X[]} of references, {@code ForEach}'s cursor for an array of primitives, and with
         * {@code async} (a {@code for (.. : Await.each(iterable))}), {@code org.asyncio4j.AsyncIterator<X>}
         * for an {@code AsyncIterable<X>}. Null otherwise (raw, or not nameable in the generated class).
         */
        String iterator(ExpressionTree iterable, boolean async) {
            TypeMirror t = certain(iterable, CallInference.Use.STANDALONE);
            return t == null ? null : iteratorOf(t, async);
        }

        /** The exact type of a call, a field read or a local, where certain in its {@code use}; null otherwise. */
        private TypeMirror certain(ExpressionTree e, CallInference.Use use) {
            e = unparenthesized(e);
            if (e instanceof MethodInvocationTree call) {
                return returnType(call, use);
            } else if (e instanceof IdentifierTree id) {
                Local l = locals.refs.get(id);
                return l != null ? localType(l) : fieldType(id.getName().toString());
            } else if (e instanceof MemberSelectTree ms) {
                return selectedField(ms);
            } else if (e instanceof LiteralTree lit) {
                return literal(lit);
            } else if (e instanceof NewClassTree nc && nc.getClassBody() == null && nc.getEnclosingExpression() == null) {
                return written(nc.getIdentifier()); // new Foo(..), new Foo<Bar>(..); not a diamond (inferred)
            } else if (e instanceof NewArrayTree na && na.getType() != null) {
                TypeMirror t = written(na.getType()); // new int[] {..}: int, one level; new int[n][]: int[], one level
                for (int i = Math.max(1, na.getDimensions().size()); t != null && i > 0; i--) {
                    t = types.getArrayType(t);
                }
                return t;
            }
            return null;
        }

        /** The type of a field read {@code x.f} (or {@code Type.f}), where certain. */
        private TypeMirror selectedField(MemberSelectTree ms) {
            Receiver r = receiver(unparenthesized(ms.getExpression()));
            if (r == null) {
                return null;
            }
            for (Element m : refs.members(r.element)) {
                if ((m.getKind() == ElementKind.FIELD || m.getKind() == ElementKind.ENUM_CONSTANT)
                        && m.getSimpleName().contentEquals(ms.getIdentifier())) {
                    if (r.staticOnly) {
                        return m.getModifiers().contains(Modifier.STATIC) ? m.asType() : null;
                    }
                    try {
                        return types.asMemberOf(r.type, m);
                    } catch (IllegalArgumentException notAMember) {
                        return null;
                    }
                }
            }
            return null;
        }

        /**
         * The declarable type of an operand that is a call or a field read, when certain and plain enough to be a field's
         * type that reads back exactly as the call would (no wildcards, which javac would capture
         * afresh at each read); null otherwise.
         */
        String spillType(ExpressionTree operand) {
            operand = unparenthesized(operand);
            TypeMirror t = null;
            if (operand instanceof MethodInvocationTree call) {
                t = returnType(call, CallInference.Use.IN_CONTEXT);
            } else if (operand instanceof IdentifierTree id && locals.refs.get(id) == null) {
                t = fieldType(id.getName().toString());
            } else if (operand instanceof MemberSelectTree ms) {
                t = selectedField(ms);
            }
            return t != null && AwaitedTypes.nameable(t) && declarable(t) ? TypeName.get(t).toString() : null;
        }

        /** The type of {@code call} used as {@code use}, where certain (see the class comment); null otherwise. */
        TypeMirror returnType(MethodInvocationTree call, CallInference.Use use) {
            ExpressionTree select = call.getMethodSelect();
            Call c = call(call, use);
            if (select instanceof IdentifierTree id) {
                return unqualified(id.getName().toString(), c);
            }
            if (!(select instanceof MemberSelectTree ms)) {
                return null;
            }
            String name = ms.getIdentifier().toString();
            ExpressionTree receiver = unparenthesized(ms.getExpression());
            if (receiver instanceof IdentifierTree rid && rid.getName().contentEquals("this")) {
                return unqualified(name, c);
            }
            Receiver r = receiver(receiver);
            return r == null ? null : agreed(r.type, r.element, name, r.staticOnly, c);
        }

        private Call call(MethodInvocationTree tree, CallInference.Use use) {
            return new Call(tree.getArguments().size(), use, () -> {
                List<TypeMirror> args = new java.util.ArrayList<>();
                for (ExpressionTree a : tree.getArguments()) {
                    args.add(certain(a, CallInference.Use.IN_CONTEXT)); // an argument has the invocation's context
                }
                return args;
            }, () -> {
                List<TypeMirror> explicit = new java.util.ArrayList<>();
                for (Tree t : tree.getTypeArguments()) {
                    explicit.add(written(t));
                }
                return explicit;
            });
        }

        /** What a receiver expression is: a value of a known type, or a type named for a static call. */
        private Receiver receiver(ExpressionTree e) {
            if (e instanceof IdentifierTree id) {
                String n = id.getName().toString();
                Local l = locals.refs.get(id);
                if (l != null) {
                    return value(localType(l));
                }
                if (n.equals("super")) {
                    return null;
                }
                TypeMirror field = fieldType(n);
                if (field != null) {
                    return value(field);
                }
                if (hasField(n) || refs.staticImportsField(n)) {
                    return null; // a field whose type is not exact here: never read a type name instead
                }
                TypeElement type = shadowed(n) ? null : refs.simpleName(n);
                return type == null ? null : new Receiver(null, type, true);
            }
            if (e instanceof MemberSelectTree ms) {
                if (ms.getExpression() instanceof IdentifierTree q && q.getName().contentEquals("this")) {
                    TypeMirror field = fieldType(ms.getIdentifier().toString());
                    return field == null ? null : value(field);
                }
                if (startsWithVariable(ms) || shadowed(leftmost(ms))) {
                    return null; // a.b.c where a is a variable: a field chain, not a type name
                }
                TypeElement type = refs.typeNamed(ms);
                return type == null ? null : new Receiver(null, type, true);
            }
            if (e instanceof MethodInvocationTree call) {
                TypeMirror t = returnType(call, CallInference.Use.STANDALONE); // a chain: a.reader().readLine()
                return t == null ? null : value(t);
            }
            return null;
        }

        /**
         * Whether a simple name written as a type may mean something the type lookup does not see: a
         * local class of the body, or a type variable of the method or of an enclosing class. Then the
         * lookup could find another class.
         */
        private boolean shadowed(String simpleName) {
            if (simpleName == null || localClassNames().contains(simpleName)) {
                return true;
            }
            for (TypeParameterElement tp : element.getTypeParameters()) {
                if (tp.getSimpleName().contentEquals(simpleName)) {
                    return true;
                }
            }
            for (Element e = owner; e instanceof TypeElement scope; e = e.getEnclosingElement()) {
                for (TypeParameterElement tp : scope.getTypeParameters()) {
                    if (tp.getSimpleName().contentEquals(simpleName)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static String leftmost(Tree t) {
            while (t instanceof MemberSelectTree s) {
                t = s.getExpression();
            }
            return t instanceof IdentifierTree id ? id.getName().toString() : null;
        }

        private boolean startsWithVariable(MemberSelectTree ms) {
            ExpressionTree e = ms;
            while (e instanceof MemberSelectTree s) {
                e = s.getExpression();
            }
            return !(e instanceof IdentifierTree id) || locals.refs.get(id) != null || hasField(id.getName().toString())
                    || refs.staticImportsField(id.getName().toString());
        }

        /** The names of the classes declared inside the method's body (its lambdas' bodies included). */
        private java.util.Set<String> localClassNames() {
            if (localClassNames == null) {
                java.util.Set<String> found = new java.util.HashSet<>();
                if (method != null && method.getBody() != null) {
                    new TreeScanner<Void, Void>() {
                        @Override
                        public Void visitClass(ClassTree node, Void p) {
                            found.add(node.getSimpleName().toString());
                            return super.visitClass(node, p);
                        }
                    }.scan(method.getBody(), null);
                }
                localClassNames = found;
            }
            return localClassNames;
        }

        /** The exact type of a local: a parameter of the method from its element, else a written non-generic class. */
        private TypeMirror localType(Local l) {
            if (l.kind == Local.Kind.PARAMETER && l.declPath != null && method != null
                    && l.declPath.getParentPath().getLeaf() == method) {
                int i = method.getParameters().indexOf(l.decl);
                List<? extends VariableElement> ps = element.getParameters();
                return i >= 0 && i < ps.size() ? ps.get(i).asType() : null;
            }
            Tree t = l.typeTree;
            if (t == null && l.decl instanceof VariableTree v && v.getInitializer() instanceof NewClassTree nc
                    && nc.getClassBody() == null && nc.getTypeArguments().isEmpty()) {
                t = nc.getIdentifier(); // var x = new Foo(..): the class is written there (not Foo<>: inferred)
            }
            return t == null ? null : written(t);
        }

        /**
         * The type a written type tree names: a primitive, an array, or a class with type arguments that are
         * themselves written classes or arrays (no wildcards or type variables: left to javac). Null when not
         * certain.
         */
        private TypeMirror written(Tree t) {
            if (t instanceof ParameterizedTypeTree p) {
                TypeElement te = refs.typeNamed(p.getType());
                if (te == null || te.getTypeParameters().size() != p.getTypeArguments().size()) {
                    return null; // unknown, or a diamond
                }
                TypeMirror[] args = new TypeMirror[p.getTypeArguments().size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = written(p.getTypeArguments().get(i));
                    if (args[i] == null) {
                        return null;
                    }
                }
                try {
                    return types.getDeclaredType(te, args);
                } catch (IllegalArgumentException outOfBounds) {
                    return null;
                }
            }
            if (t instanceof PrimitiveTypeTree p) {
                return types.getPrimitiveType(p.getPrimitiveTypeKind());
            }
            if (t instanceof ArrayTypeTree a) {
                TypeMirror c = written(a.getType());
                return c == null ? null : types.getArrayType(c);
            }
            if (t instanceof IdentifierTree || t instanceof MemberSelectTree) {
                if (shadowed(leftmost(t))) {
                    return null;
                }
                TypeElement te = refs.typeNamed(t);
                return te == null || !te.getTypeParameters().isEmpty() ? null : te.asType();
            }
            return null;
        }

        private Receiver value(TypeMirror t) {
            if (!(t instanceof DeclaredType d)) {
                return null;
            }
            TypeElement te = (TypeElement) d.asElement();
            if (!te.getTypeParameters().isEmpty() && d.getTypeArguments().isEmpty()) {
                return null; // raw: javac erases the types of its members
            }
            return new Receiver(d, te, false);
        }
    }

    /**
     * {@code t} seen as the {@code Task}, {@code CompletionStage} or {@code CompletableFuture} it is
     * ({@code Promise<String>} as {@code Task<String>}), which is what {@code Await.on} infers from; or
     * {@code t} itself.
     */
    private TypeMirror asTask(TypeMirror t) {
        DeclaredType task = Supertypes.find(types, t, AwaitedTypes::isTaskClass);
        return task != null ? task : t;
    }

    /** A literal's type; null for {@code null}, whose type no declaration can name. */
    private TypeMirror literal(LiteralTree lit) {
        return switch (lit.getKind()) {
            case INT_LITERAL -> types.getPrimitiveType(TypeKind.INT);
            case LONG_LITERAL -> types.getPrimitiveType(TypeKind.LONG);
            case FLOAT_LITERAL -> types.getPrimitiveType(TypeKind.FLOAT);
            case DOUBLE_LITERAL -> types.getPrimitiveType(TypeKind.DOUBLE);
            case BOOLEAN_LITERAL -> types.getPrimitiveType(TypeKind.BOOLEAN);
            case CHAR_LITERAL -> types.getPrimitiveType(TypeKind.CHAR);
            case STRING_LITERAL -> refs.stringType();
            default -> null;
        };
    }

    private String iteratorOf(TypeMirror t, boolean async) {
        if (!async && t instanceof ArrayType a) {
            TypeMirror c = a.getComponentType();
            if (c.getKind().isPrimitive()) {
                String k = c.getKind().name();
                return "org.asyncio4j.spi.ForEach." + k.charAt(0) + k.substring(1).toLowerCase(java.util.Locale.ROOT) + "Cursor";
            }
            return AwaitedTypes.nameable(c) ? "java.util.Iterator<" + TypeName.get(c) + ">" : null;
        }
        String iterable = async ? "org.asyncio4j.AsyncIterable" : "java.lang.Iterable";
        DeclaredType d = Supertypes.find(types, t, e -> e.getQualifiedName().contentEquals(iterable));
        if (d == null || d.getTypeArguments().size() != 1 || !AwaitedTypes.nameable(d.getTypeArguments().get(0))) {
            return null; // not iterable, raw, or an element type the generated class cannot name
        }
        return (async ? "org.asyncio4j.AsyncIterator<" : "java.util.Iterator<") + TypeName.get(d.getTypeArguments().get(0)) + ">";
    }

    /**
     * A call's arity and use, and its arguments' and written type arguments' types, looked up on first
     * need (only generic methods need them).
     */
    private static final class Call {
        final int arity;
        final CallInference.Use use;
        private final java.util.function.Supplier<List<TypeMirror>> argsLookup;
        private final java.util.function.Supplier<List<TypeMirror>> explicitLookup;
        private List<TypeMirror> args;
        private List<TypeMirror> explicit;

        Call(int arity, CallInference.Use use, java.util.function.Supplier<List<TypeMirror>> args,
                java.util.function.Supplier<List<TypeMirror>> explicit) {
            this.arity = arity;
            this.use = use;
            this.argsLookup = args;
            this.explicitLookup = explicit;
        }

        List<TypeMirror> args() {
            if (args == null) {
                args = argsLookup.get();
            }
            return args;
        }

        List<TypeMirror> explicit() {
            if (explicit == null) {
                explicit = explicitLookup.get();
            }
            return explicit;
        }
    }

    /**
     * For tests: the X an await of the unqualified call {@code name(..)} reads when the class has one method
     * of that name, called with arguments of uncertain types; null otherwise.
     */
    String awaitedOfUnqualified(String name) {
        int arity = -1;
        for (Element e = owner; e instanceof TypeElement scope; e = e.getEnclosingElement()) {
            for (Element m : refs.members(scope)) {
                if (m.getKind() == ElementKind.METHOD && m.getSimpleName().contentEquals(name)) {
                    if (arity >= 0) {
                        return null;
                    }
                    arity = ((ExecutableElement) m).getParameters().size();
                }
            }
        }
        if (arity < 0) {
            return null;
        }
        List<TypeMirror> uncertain = java.util.Collections.nCopies(arity, null);
        TypeMirror t = unqualified(name, new Call(arity, CallInference.Use.AWAITED, () -> uncertain, List::of));
        return t == null ? null : AwaitedTypes.resultOf(t);
    }

    private record Receiver(DeclaredType type, TypeElement element, boolean staticOnly) {}

    /**
     * The type of an unqualified call {@code name(..)}: the methods of that name in the class, its enclosing
     * classes and their supertypes that take as many arguments, which must be one (javac would pick a
     * method by the innermost class that has one), seen as a member of the class that has it (so
     * {@code Task<B>} of a base class {@code Base<Integer>} is {@code Task<Integer>}).
     */
    private TypeMirror unqualified(String name, Call call) {
        TypeMirror found = null;
        int count = 0;
        for (Element e = owner; e instanceof TypeElement scope; e = e.getEnclosingElement()) {
            for (Element m : refs.members(scope)) {
                if (m.getKind() == ElementKind.METHOD && m.getSimpleName().contentEquals(name)
                        && takes((ExecutableElement) m, call.arity)) {
                    if (++count > 1) {
                        return null;
                    }
                    found = typeOf((DeclaredType) scope.asType(), (ExecutableElement) m, call);
                }
            }
        }
        return found;
    }

    /** The one return type every method {@code name} of the receiver that takes as many arguments agrees on, or null. */
    private TypeMirror agreed(DeclaredType receiver, TypeElement element, String name, boolean staticOnly, Call call) {
        TypeMirror agreed = null;
        for (Element m : refs.members(element)) {
            if (m.getKind() != ElementKind.METHOD || !m.getSimpleName().contentEquals(name)) {
                continue;
            }
            ExecutableElement method = (ExecutableElement) m;
            if (staticOnly && !method.getModifiers().contains(Modifier.STATIC)) {
                return null;
            }
            if (!takes(method, call.arity)) {
                continue; // not applicable: javac does not consider it
            }
            TypeMirror t = typeOf(staticOnly ? null : receiver, method, call);
            if (t == null || (agreed != null && !types.isSameType(agreed, t))) {
                return null;
            }
            agreed = t;
        }
        return agreed;
    }

    /** Whether {@code method} can be called with {@code n} arguments. */
    private static boolean takes(ExecutableElement method, int n) {
        int p = method.getParameters().size();
        return method.isVarArgs() ? n >= p - 1 : n == p;
    }

    /**
     * The return type of {@code method} called as {@code call}, as a member of {@code receiver} (null: a
     * static call through its class), a generic method's as {@link CallInference} decides it; null if not
     * certain or not nameable.
     */
    private TypeMirror typeOf(DeclaredType receiver, ExecutableElement method, Call call) {
        ExecutableType mt;
        try {
            mt = (ExecutableType) (receiver == null ? method.asType() : types.asMemberOf(receiver, method));
        } catch (IllegalArgumentException notAMember) {
            return null;
        }
        TypeMirror t = mt.getTypeVariables().isEmpty() ? mt.getReturnType()
                : inference.returnType(mt, method.isVarArgs(), call.args(), call.explicit(), call.use);
        return t != null && AwaitedTypes.nameable(t) ? t : null;
    }

    /** The exact type of field {@code name} of the class or an enclosing class, as javac finds it; null if not exact. */
    private TypeMirror fieldType(String name) {
        FieldIn f = field(name);
        if (f == null) {
            return null;
        }
        try {
            return types.asMemberOf((DeclaredType) f.scope().asType(), f.field());
        } catch (IllegalArgumentException notAMember) {
            return null;
        }
    }

    private boolean hasField(String name) {
        return field(name) != null;
    }

    private record FieldIn(TypeElement scope, Element field) {}

    /** The field (or enum constant) a simple name means: in the innermost of the class and its enclosing classes that has one. */
    private FieldIn field(String name) {
        for (Element e = owner; e instanceof TypeElement scope; e = e.getEnclosingElement()) {
            for (Element m : refs.members(scope)) {
                if ((m.getKind() == ElementKind.FIELD || m.getKind() == ElementKind.ENUM_CONSTANT)
                        && m.getSimpleName().contentEquals(name)) {
                    return new FieldIn(scope, m);
                }
            }
        }
        return null;
    }

    /** A type a spill field can have and read back unchanged: primitive, array, or a class with no wildcard inside. */
    private static boolean declarable(TypeMirror t) {
        if (t.getKind().isPrimitive()) {
            return true;
        }
        if (t.getKind() == TypeKind.ARRAY) {
            return declarable(((ArrayType) t).getComponentType());
        }
        if (t.getKind() != TypeKind.DECLARED) {
            return false;
        }
        for (TypeMirror arg : ((DeclaredType) t).getTypeArguments()) {
            if (!declarable(arg)) {
                return false;
            }
        }
        return true;
    }

    private static ExpressionTree unparenthesized(ExpressionTree e) {
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        return e;
    }
}
