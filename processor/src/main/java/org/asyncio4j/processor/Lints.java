package org.asyncio4j.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Warnings on an {@code @Async} body that compiles but misbehaves: a call that blocks the loop's
 * thread ([AsyncBlockingCall]) and a task that is started and dropped ([AsyncDroppedTask], Python's
 * "coroutine was never awaited"). Both are silenced by {@code @SuppressWarnings} with their key on
 * the method, the class or a local variable declaration around the call. Lambdas and classes in the
 * body are skipped: their code runs elsewhere (e.g. {@code Asyncio.toThread(() -> Files.readString(p))}).
 */
final class Lints {
    static final String BLOCKING = "asyncio4j-blocking";
    static final String DROPPED = "asyncio4j-dropped-task";
    static final String TASK = "org.asyncio4j.Task";
    /** Calls whose task is meant to be dropped: the group or the loop owns it. */
    private static final Set<String> FIRE_AND_FORGET = Set.of("org.asyncio4j.TaskGroup#spawn",
            "org.asyncio4j.Asyncio#createTask");

    private final ClassModel cm;
    private final ClassModel.MethodModel mm;
    private final Elements elements;
    private final Types types;
    private final TypeRefs refs;
    private final BlockingCalls blocking;
    private final List<Diag> out = new ArrayList<>();

    private Lints(ClassModel cm, ClassModel.MethodModel mm, Elements elements, Types types, TypeRefs refs,
            BlockingCalls blocking) {
        this.cm = cm;
        this.mm = mm;
        this.elements = elements;
        this.types = types;
        this.refs = refs;
        this.blocking = blocking;
    }

    /**
     * The warnings on every @Async method of a class. The name lookups are shared by its methods, the
     * member lists ({@code members}, see {@link TypeRefs#members}) and rule types ({@code blocking}) by
     * the classes of a round.
     */
    static List<Diag> check(ClassModel cm, Elements elements, Types types,
            java.util.Map<TypeElement, List<? extends Element>> members, BlockingCalls blocking) {
        TypeRefs refs = new TypeRefs(elements, cm.src.cu, cm.type, members);
        List<Diag> out = new ArrayList<>();
        for (ClassModel.MethodModel mm : cm.methods) {
            Lints l = new Lints(cm, mm, elements, types, refs, blocking);
            if (mm.tree.getBody() != null) {
                l.scan(new TreePath(mm.path, mm.tree.getBody()));
            }
            out.addAll(l.out);
        }
        return out;
    }

    private void scan(TreePath body) {
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void p) {
                return null;
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
                blockingCall(node, getCurrentPath());
                return super.visitMethodInvocation(node, p);
            }

            @Override
            public Void visitExpressionStatement(ExpressionStatementTree node, Void p) {
                if (node.getExpression() instanceof MethodInvocationTree mi) {
                    droppedTask(mi, getCurrentPath());
                }
                return super.visitExpressionStatement(node, p);
            }
        }.scan(body, null);
    }

    // ------------------------------------------------------------------ blocking calls

    private void blockingCall(MethodInvocationTree call, TreePath path) {
        ExpressionTree sel = call.getMethodSelect();
        String name;
        TypeElement receiver;
        String shown;
        if (sel instanceof IdentifierTree id) {
            name = id.getName().toString();
            if (!BlockingCalls.mayBlock(name)) {
                return;
            }
            TypeElement imported = refs.staticImportOf(name);
            receiver = imported != null ? imported : cm.type;
            shown = imported != null ? imported.getSimpleName() + "." + name : name;
        } else if (sel instanceof MemberSelectTree ms) {
            name = ms.getIdentifier().toString();
            if (!BlockingCalls.mayBlock(name)) {
                return;
            }
            receiver = refs.receiver(ms.getExpression(), mm.element, mm.resolver);
            shown = receiver == null ? name : receiver.getSimpleName() + "." + name;
        } else {
            return;
        }
        if (receiver == null) {
            return;
        }
        BlockingCalls.Rule rule = blocking.match(receiver, name, call.getArguments().size());
        if (rule == null || suppressed(path, BLOCKING)) {
            return;
        }
        out.add(Diag.warning(Diag.Tag.AsyncBlockingCall, call, shown + "(...) blocks the thread it runs on, which in"
                + " an @Async method is the event loop's: every other task stalls until it returns. Instead: "
                + rule.instead() + ". (If it is meant, add @SuppressWarnings(\"" + BLOCKING + "\") to the method"
                + " or to the local variable declaration.)"));
    }

    // ------------------------------------------------------------------ dropped tasks

    private void droppedTask(MethodInvocationTree call, TreePath path) {
        if (cm.calls.isAwait(call)) {
            return;
        }
        ExpressionTree sel = call.getMethodSelect();
        String name;
        TypeElement receiver;
        if (sel instanceof IdentifierTree id) {
            name = id.getName().toString();
            if (isAsyncMethodOfThisClass(name)) {
                report(call, path, name);
                return;
            }
            TypeElement imported = refs.staticImportOf(name);
            receiver = imported != null ? imported : cm.type;
        } else if (sel instanceof MemberSelectTree ms) {
            name = ms.getIdentifier().toString();
            String q = ms.getExpression().toString();
            if ((q.equals("this") || q.equals(cm.asyncName) || q.equals(cm.simpleName)) && isAsyncMethodOfThisClass(name)) {
                report(call, path, q + "." + name);
                return;
            }
            receiver = refs.receiver(ms.getExpression(), mm.element, mm.resolver);
        } else {
            return;
        }
        if (receiver == null || FIRE_AND_FORGET.stream().anyMatch(f -> isFireAndForget(f, receiver, name))) {
            return;
        }
        if (returnsOnlyTasks(receiver, name, call.getArguments().size())) {
            report(call, path, receiver.getSimpleName() + "." + name);
        }
    }

    private boolean isAsyncMethodOfThisClass(String name) {
        for (ClassModel.MethodModel m : cm.methods) {
            if (m.element.getSimpleName().contentEquals(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean isFireAndForget(String rule, TypeElement receiver, String name) {
        int hash = rule.indexOf('#');
        TypeElement t = elements.getTypeElement(rule.substring(0, hash));
        return t != null && rule.substring(hash + 1).equals(name)
                && types.isSubtype(types.erasure(receiver.asType()), types.erasure(t.asType()));
    }

    /** True when every method of that name and arity on {@code receiver} returns a Task. */
    private boolean returnsOnlyTasks(TypeElement receiver, String name, int arity) {
        TypeElement task = elements.getTypeElement(TASK);
        if (task == null) {
            return false;
        }
        boolean any = false;
        for (Element e : refs.members(receiver)) {
            if (e.getKind() != ElementKind.METHOD || !e.getSimpleName().contentEquals(name)) {
                continue;
            }
            ExecutableElement m = (ExecutableElement) e;
            if (m.getParameters().size() != arity && !m.isVarArgs()) {
                continue;
            }
            TypeMirror r = m.getReturnType();
            if (r.getKind() != TypeKind.DECLARED || !types.isSubtype(types.erasure(r), types.erasure(task.asType()))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private void report(MethodInvocationTree call, TreePath path, String shown) {
        if (suppressed(path, DROPPED)) {
            return;
        }
        out.add(Diag.warning(Diag.Tag.AsyncDroppedTask, call, "the task of " + shown + "(...) is dropped: it is"
                + " neither awaited, stored, passed on nor returned, so its result and any failure are lost and"
                + " nothing waits for it. Await it (Await.on(...)), keep it, or start it on purpose with"
                + " Asyncio.createTask / a TaskGroup. (If it is meant, add @SuppressWarnings(\"" + DROPPED + "\").)"));
    }

    // ------------------------------------------------------------------ @SuppressWarnings

    /** True when a declaration around {@code path} (local, method, class) suppresses {@code key}. */
    static boolean suppressed(TreePath path, String key) {
        for (TreePath p = path; p != null; p = p.getParentPath()) {
            ModifiersTree mods = p.getLeaf() instanceof VariableTree v ? v.getModifiers()
                    : p.getLeaf() instanceof MethodTree m ? m.getModifiers()
                    : p.getLeaf() instanceof ClassTree c ? c.getModifiers() : null;
            if (mods != null && suppresses(mods, key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean suppresses(ModifiersTree mods, String key) {
        for (AnnotationTree a : mods.getAnnotations()) {
            String n = a.getAnnotationType().toString();
            if (!n.equals("SuppressWarnings") && !n.equals("java.lang.SuppressWarnings")) {
                continue;
            }
            for (ExpressionTree arg : a.getArguments()) {
                ExpressionTree v = arg instanceof AssignmentTree as ? as.getExpression() : arg;
                List<? extends ExpressionTree> values = v instanceof NewArrayTree na ? na.getInitializers() : List.of(v);
                for (ExpressionTree x : values) {
                    if (x instanceof LiteralTree lit && key.equals(lit.getValue())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
