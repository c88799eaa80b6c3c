package org.asyncio4j.processor;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Every misuse the processor can see, as tagged errors pointing at the exact tree, with a fix. */
final class Validator {
    private Validator() {}

    static List<Diag> checkClass(ClassModel cm) {
        List<Diag> out = new ArrayList<>();
        TypeElement t = cm.type;
        Tree at = cm.tree;
        String n = cm.simpleName;
        if (t.getKind() != ElementKind.CLASS) {
            out.add(new Diag(Diag.Tag.AsyncClassFinal, at, "@Async methods must be in a class, but " + n + " is "
                    + article(t.getKind()) + ": the processor generates Async" + n.replace('.', '_')
                    + " as a subclass. Move the methods to a class."));
            return out;
        }
        if (t.getModifiers().contains(Modifier.FINAL)) {
            out.add(new Diag(Diag.Tag.AsyncClassFinal, at, "class " + n + " has @Async methods, so it must not be final:"
                    + " the processor generates Async" + n.replace('.', '_') + " as its subclass. Remove 'final'."));
        }
        if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
            out.add(new Diag(Diag.Tag.AsyncInnerClass, at, "@Async methods cannot be in a local or anonymous class:"
                    + " the generated subclass must be a top-level class. Move the methods to a top-level or static"
                    + " nested class."));
            return out;
        }
        for (Element e = t; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                out.add(new Diag(Diag.Tag.AsyncClassPrivate, at, "class " + n + " has @Async methods, so "
                        + (e == t ? "it" : "its enclosing class " + e.getSimpleName())
                        + " must not be private: the generated Async" + n.replace('.', '_')
                        + " (a top-level class in the same package) must extend it. Make it package-private or wider."));
                break;
            }
        }
        if (t.getNestingKind() == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)) {
            out.add(new Diag(Diag.Tag.AsyncInnerClass, at, "class " + n + " is an inner (non-static) class; a class with"
                    + " @Async methods must be top-level or static nested, because the generated Async"
                    + n.replace('.', '_') + " is a top-level class. Add 'static'."));
        }
        boolean ctor = false;
        for (ExecutableElement c : ElementFilter.constructorsIn(t.getEnclosedElements())) {
            if (!c.getModifiers().contains(Modifier.PRIVATE)) {
                ctor = true;
            }
        }
        if (!ctor) {
            out.add(new Diag(Diag.Tag.AsyncNoConstructor, at, "class " + n + " has only private constructors; the"
                    + " generated Async" + n.replace('.', '_') + " extends it and needs one it can call. Make a"
                    + " constructor package-private (or wider)."));
        }
        return out;
    }

    private static String article(ElementKind k) {
        String s = k.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return (s.startsWith("e") || s.startsWith("a") || s.startsWith("i") ? "an " : "a ") + s;
    }

    /** Why an @Async method cannot carry {@code mod}, and what to write instead. */
    private static String modifierReason(Modifier mod, String asyncName, boolean isStatic) {
        return switch (mod) {
            case PRIVATE -> (isStatic ? "callers reach it as " + asyncName + "." + "method(...), which must see it"
                    : "the generated " + asyncName + " overrides it with the state machine, and a private method cannot"
                    + " be overridden") + ". Make it package-private, protected or public.";
            case FINAL -> "the generated " + asyncName + " overrides it with the state machine. Remove 'final'.";
            case ABSTRACT, NATIVE -> "the processor compiles the method's body into a state machine, so it needs"
                    + " a body. Remove '" + mod + "' and give it one, or remove @Async.";
            case SYNCHRONIZED -> "the monitor would be released at the first await (the method returns to the"
                    + " loop there) and not held while it is suspended. Remove 'synchronized' and guard the body"
                    + " with an org.asyncio4j.sync.Lock: 'try (var held = Await.on(lock.acquire())) { ... }'.";
            default -> throw new IllegalArgumentException(mod.toString());
        };
    }

    static List<Diag> checkMethod(ClassModel cm, ClassModel.MethodModel mm) {
        List<Diag> out = new ArrayList<>();
        ExecutableElement m = mm.element;
        Tree at = mm.tree;
        String sig = cm.simpleName + "." + m.getSimpleName() + "()";
        for (Modifier mod : List.of(Modifier.PRIVATE, Modifier.FINAL, Modifier.ABSTRACT, Modifier.NATIVE, Modifier.SYNCHRONIZED)) {
            if (m.getModifiers().contains(mod)) {
                out.add(new Diag(Diag.Tag.AsyncMethodModifier, at, "@Async method " + sig + " must not be " + mod + ": "
                        + modifierReason(mod, cm.asyncName, m.getModifiers().contains(Modifier.STATIC))));
            }
        }
        TypeMirror ret = m.getReturnType();
        boolean isTask = ret.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) ret).asElement()).getQualifiedName().contentEquals("org.asyncio4j.Task");
        if (ret.getKind() == TypeKind.ERROR || Reader.isGenerator(m)) {
            isTask = true; // an error type is reported by javac itself; AsyncIterable<T> is a generator
        }
        if (!isTask || ((DeclaredType) ret).getTypeArguments().isEmpty() && ret.getKind() != TypeKind.ERROR) {
            out.add(new Diag(Diag.Tag.AsyncReturnType, mm.tree.getReturnType() != null ? mm.tree.getReturnType() : at,
                    "@Async method " + sig + " must return org.asyncio4j.Task<T>, not " + ret + ". Return"
                    + " Task<Void> (with 'return Task.completed();') if it has no result, or"
                    + " org.asyncio4j.AsyncIterable<T> for an async generator (one that uses Await.yield)."));
        }
        if (mm.scan != null) {
            out.addAll(mm.scan.diags);
            out.addAll(Bodies.validateLambdas(cm, m, new TreePath(mm.path, mm.tree.getBody()), mm.resolver, mm.scan));
        }
        if (mm.tree.getBody() != null) {
            out.addAll(privateUses(cm, mm));
            out.addAll(localClasses(mm.scan, mm.tree.getBody()));
            out.addAll(patternSwitches(cm.src, mm.scan, mm.tree.getBody()));
        }
        return out;
    }

    /**
     * Pattern switches that must be split into states. From javac 21 the lowering splits them, restating
     * the labels in its dispatch, so only an await in a guard is refused: the guard runs inside that
     * dispatch, which cannot suspend. On javac 17 patterns in switch are a preview of another shape
     * ({@code case String s && ...}), which the processor does not split: such a switch is refused.
     */
    static List<Diag> patternSwitches(Source src, AwaitScan scan, Tree body) {
        List<Diag> out = new ArrayList<>();
        if (scan == null) {
            return out;
        }
        new BodyScanner() {
            @Override
            public Void visitSwitch(com.sun.source.tree.SwitchTree node, Void p) {
                check(node, node.getCases());
                return super.visitSwitch(node, p);
            }

            @Override
            public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree node, Void p) {
                check(node, node.getCases());
                return super.visitSwitchExpression(node, p);
            }

            private void check(Tree sw, List<? extends com.sun.source.tree.CaseTree> cases) {
                if (!scan.needsLowering(sw)) {
                    return; // copied as it is: javac compiles it like the user's
                }
                for (com.sun.source.tree.CaseTree c : cases) {
                    if (CaseTrees.JAVA_21) {
                        Tree guard = CaseTrees.guard(c);
                        if (guard != null && scan.hasAwait.contains(guard)) {
                            out.add(new Diag(Diag.Tag.AsyncPatternSwitch, guard, "this case guard awaits: a guard is"
                                    + " tested while the switch chooses its case, which cannot suspend. Await before the"
                                    + " switch and test the result in the guard (var ok = Await.on(check(x)); ... case"
                                    + " Integer i when ok ->), or test it inside the case body with if."));
                        }
                        continue;
                    }
                    String text = src.slice(c);
                    if (c.getExpressions().isEmpty() && !text.startsWith("default")) {
                        int end = text.indexOf("->") >= 0 ? text.indexOf("->") : text.indexOf(':');
                        String label = (end > 0 ? text.substring(0, end) : text).strip();
                        out.add(new Diag(Diag.Tag.AsyncPatternSwitch, c, "'" + label + "': this switch awaits (or jumps"
                                + " out) inside, so it is split into states of the machine, and on javac 17, where"
                                + " patterns in switch are a preview, asyncio4j splits only switches on constants and"
                                + " enum names. Compile with javac 21 or later (where pattern switches that await are"
                                + " supported), test the patterns with if/else and instanceof, or await outside the"
                                + " switch (compute the task to await in the switch, then await it after)."));
                    }
                }
            }
        }.scan(body, null);
        return out;
    }

    /** A class declared among statements that are split into states would not be visible in the later states. */
    static List<Diag> localClasses(AwaitScan scan, Tree body) {
        List<Diag> out = new ArrayList<>();
        if (scan == null || scan.awaits.isEmpty()) {
            return out;
        }
        new BodyScanner() {
            @Override
            public Void visitBlock(com.sun.source.tree.BlockTree node, Void p) {
                if (scan.needsLowering(node)) {
                    for (Tree st : node.getStatements()) {
                        if (st instanceof com.sun.source.tree.ClassTree c) {
                            out.add(new Diag(Diag.Tag.AsyncLocalClass, c, "local class " + c.getSimpleName()
                                    + " is declared in a block that contains an await; the block is split into states of"
                                    + " the machine, where a local class is out of scope. Declare it as a (static) nested"
                                    + " class instead."));
                        }
                    }
                }
                return super.visitBlock(node, p);
            }
        }.scan(body, null);
        return out;
    }

    /** The generated class is a separate class: it cannot use the blueprint's private members. */
    private static List<Diag> privateUses(ClassModel cm, ClassModel.MethodModel mm) {
        List<Diag> out = new ArrayList<>();
        String fix = " is private, and the body of an @Async method runs in the generated subclass Async"
                + cm.simpleName.replace('.', '_') + ", which cannot see private members. Make it package-private"
                + " (or wider), as Dagger asks for injected members.";
        Set<Tree> reported = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (TreePath p : mm.resolver.freeIdentifiers) {
            Tree leaf = p.getLeaf();
            if (!(leaf instanceof IdentifierTree id)) {
                continue;
            }
            reported.add(leaf);
            String n = id.getName().toString();
            Tree parent = p.getParentPath().getLeaf();
            boolean isCall = parent instanceof MethodInvocationTree mi && mi.getMethodSelect() == leaf;
            boolean isNew = parent instanceof NewClassTree nc && nc.getIdentifier() == leaf;
            if (isCall && cm.privateMethods.contains(n)) {
                out.add(new Diag(Diag.Tag.AsyncPrivateMember, leaf, "method " + n + "()" + fix));
            } else if (!isCall && !isNew && cm.privateFields.contains(n)) {
                out.add(new Diag(Diag.Tag.AsyncPrivateMember, leaf, "field " + n + fix));
            } else if (!isCall && cm.privateTypes.contains(n)) {
                out.add(new Diag(Diag.Tag.AsyncPrivateMember, leaf, "class " + n + fix));
            }
        }
        // A private class named as a type, in the signature (the generated subclass overrides the method with
        // the same parameter and return types) or in a declaration, a cast, a type argument of the body
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                if (!reported.contains(node) && cm.privateTypes.contains(node.getName().toString())) {
                    out.add(new Diag(Diag.Tag.AsyncPrivateMember, node, "class " + node.getName() + fix));
                }
                return null;
            }

            @Override
            public Void visitMethod(com.sun.source.tree.MethodTree node, Void p) {
                scan(node.getReturnType(), p);
                scan(node.getParameters(), p);
                scan(node.getThrows(), p);
                return scan(node.getBody(), p);
            }
        }.scan(mm.tree, null);
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMemberSelect(MemberSelectTree node, Void p) {
                String q = node.getExpression().toString();
                String n = node.getIdentifier().toString();
                if (q.equals("this") || q.equals(cm.simpleName) || q.equals(cm.qualifiedName)) {
                    if (cm.privateFields.contains(n) || cm.privateMethods.contains(n) || cm.privateTypes.contains(n)) {
                        out.add(new Diag(Diag.Tag.AsyncPrivateMember, node,
                                (cm.privateMethods.contains(n) ? "method " + n + "()" : "member " + n) + fix));
                    }
                }
                if (q.equals("super") || q.endsWith(".super")) {
                    out.add(new Diag(Diag.Tag.AsyncSuperCall, node, "'" + node + "' cannot be used in an @Async body:"
                            + " the body runs in the generated subclass, where 'super' means " + cm.simpleName
                            + " itself. Call a helper method of " + cm.simpleName + " that does it instead."));
                }
                return super.visitMemberSelect(node, p);
            }
        }.scan(mm.tree.getBody(), null);
        return out;
    }

}
