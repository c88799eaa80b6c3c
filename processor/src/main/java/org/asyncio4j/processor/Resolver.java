package org.asyncio4j.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves every identifier of an {@code @Async} body that names a parameter or local variable,
 * by Java's scoping rules, without attributing the body (attribution during processing corrupts
 * the user's trees, see TYPES.md). Locals cannot shadow locals in Java, so a scope stack suffices.
 *
 * <p>Lambda bodies and local/anonymous class bodies are opaque: their text is copied unchanged, and
 * the method locals they capture are recorded per outermost opaque tree (the writer declares a
 * final copy before the statement when such a local lives in a field).
 */
final class Resolver extends TreePathScanner<Void, Void> {
    /** Marks a name declared inside an opaque region (lambda parameter, inner local): shadows method locals. */
    private static final Local OPAQUE = new Local(-1, "<opaque>", Local.Kind.LOCAL, null, null, null);

    final List<Local> locals = new ArrayList<>();
    final Map<IdentifierTree, Local> refs = new IdentityHashMap<>();
    final Map<Tree, Local> declarations = new IdentityHashMap<>();
    final Map<Tree, Set<Local>> captures = new IdentityHashMap<>();
    /** Locals assigned (=, op=, ++, --) after their declaration. */
    final Set<Local> reassigned = new LinkedHashSet<>();
    /** Every simple name in the body: synthetic names must avoid them. */
    final Set<String> names = new LinkedHashSet<>();
    /**
     * Identifiers used as expressions that are not locals (fields, types, packages...), for the
     * validator; lambda bodies included (they are copied into the generated class too), the bodies of
     * local and anonymous classes not (their own members may carry those names).
     */
    final List<TreePath> freeIdentifiers = new ArrayList<>();

    private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
    private Tree opaqueRoot;
    private int opaqueDepth;
    private int classDepth;

    void resolve(TreePath methodPath, List<String> paramNames) {
        MethodTree m = (MethodTree) methodPath.getLeaf();
        scopes.push(new HashMap<>());
        for (int i = 0; i < m.getParameters().size(); i++) {
            VariableTree p = m.getParameters().get(i);
            Local l = new Local(locals.size(), Local.nameOf(p), Local.Kind.PARAMETER, p,
                    new TreePath(methodPath, p), p.getType());
            locals.add(l);
            declarations.put(p, l);
            scopes.peek().put(l.name, l);
            names.add(l.name);
        }
        if (m.getBody() != null) {
            scan(new TreePath(methodPath, m.getBody()), null);
        }
        scopes.pop();
    }

    /**
     * Resolves an async lambda's body as the body of a method of its own: its parameters, then the
     * enclosing body's locals it captures (passed to its machine as parameters, in this order).
     */
    void resolveLambda(TreePath lambdaPath, List<Local> captured) {
        LambdaExpressionTree lambda = (LambdaExpressionTree) lambdaPath.getLeaf();
        scopes.push(new HashMap<>());
        for (VariableTree p : lambda.getParameters()) {
            Tree type = p.getType();
            boolean implicit = type == null || positionless(type);
            // an unnamed parameter ('_') is passed to the machine like the others: it needs a name there
            String name = Local.nameOf(p);
            int at = lambda.getParameters().indexOf(p);
            Local l = new Local(locals.size(), name.equals(Local.UNNAMED) ? Local.unnamedParameter(at) : name,
                    Local.Kind.PARAMETER, p,
                    new TreePath(lambdaPath, p), implicit ? null : type);
            locals.add(l);
            declarations.put(p, l);
            scopes.peek().put(l.name, l);
            names.add(l.name);
        }
        for (Local c : captured) {
            Local l = new Local(locals.size(), c.name, Local.Kind.PARAMETER, c.decl, c.declPath, c.typeTree);
            l.typeText = c.typeText;
            locals.add(l);
            scopes.peek().put(l.name, l);
            names.add(l.name);
        }
        scan(new TreePath(lambdaPath, lambda.getBody()), null);
        scopes.pop();
    }

    private Local lookup(String name) {
        for (Map<String, Local> s : scopes) {
            Local l = s.get(name);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    private void push() {
        scopes.push(new HashMap<>());
    }

    private void pop() {
        scopes.pop();
    }

    private void enterOpaque(Tree t) {
        if (opaqueDepth++ == 0) {
            opaqueRoot = t;
            captures.put(t, new LinkedHashSet<>());
        }
    }

    private void exitOpaque() {
        if (--opaqueDepth == 0) {
            opaqueRoot = null;
        }
    }

    // ------------------------------------------------------------------ scopes

    @Override
    public Void visitBlock(BlockTree node, Void p) {
        push();
        super.visitBlock(node, p);
        pop();
        return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void p) {
        push();
        super.visitForLoop(node, p);
        pop();
        return null;
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void p) {
        scan(node.getExpression(), p);
        push();
        scan(node.getVariable(), p);
        scan(node.getStatement(), p);
        pop();
        return null;
    }

    @Override
    public Void visitCatch(CatchTree node, Void p) {
        push();
        super.visitCatch(node, p);
        pop();
        return null;
    }

    @Override
    public Void visitTry(TryTree node, Void p) {
        push();
        scan(node.getResources(), p);
        scan(node.getBlock(), p);
        pop();
        scan(node.getCatches(), p);
        scan(node.getFinallyBlock(), p);
        return null;
    }

    @Override
    public Void visitSwitch(SwitchTree node, Void p) {
        scan(node.getExpression(), p);
        push(); // a classic switch block is one scope across its cases
        scan(node.getCases(), p);
        pop();
        return null;
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree node, Void p) {
        scan(node.getExpression(), p);
        push();
        scan(node.getCases(), p);
        pop();
        return null;
    }

    @Override
    public Void visitCase(CaseTree node, Void p) {
        // Constant labels are constants or enum names, never locals: not scanned. Patterns declare
        // bindings, which the guard and the case's statements read (javac 21 and later).
        boolean rule = node.getCaseKind() == CaseTree.CaseKind.RULE;
        if (rule) {
            push();
            scanPatterns(node, p);
            scan(node.getBody(), p);
            pop();
        } else {
            scanPatterns(node, p);
            scan(node.getStatements(), p);
        }
        return null;
    }

    private void scanPatterns(CaseTree node, Void p) {
        if (!CaseTrees.JAVA_21) {
            return;
        }
        for (Tree label : CaseTrees.labels(node)) {
            if (label.getKind().name().equals("PATTERN_CASE_LABEL")) {
                scan(label, p);
            }
        }
        scan(CaseTrees.guard(node), p);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        enterOpaque(node);
        push();
        for (VariableTree v : node.getParameters()) {
            scopes.peek().put(v.getName().toString(), OPAQUE);
            names.add(v.getName().toString());
        }
        scan(node.getBody(), p);
        pop();
        exitOpaque();
        return null;
    }

    @Override
    public Void visitClass(ClassTree node, Void p) {
        classDepth++;
        try {
            return visitClassBody(node, p);
        } finally {
            classDepth--;
        }
    }

    private Void visitClassBody(ClassTree node, Void p) {
        enterOpaque(node);
        push();
        for (Tree member : node.getMembers()) {
            if (member instanceof VariableTree v) {
                scopes.peek().put(v.getName().toString(), OPAQUE);
            }
        }
        names.add(node.getSimpleName().toString());
        scan(node.getMembers(), p);
        pop();
        exitOpaque();
        return null;
    }

    @Override
    public Void visitMethod(MethodTree node, Void p) {
        // a method of a local or anonymous class (always inside an opaque region)
        push();
        for (VariableTree v : node.getParameters()) {
            scopes.peek().put(v.getName().toString(), OPAQUE);
        }
        scan(node.getBody(), p);
        pop();
        return null;
    }

    // ------------------------------------------------------------------ declarations

    @Override
    public Void visitVariable(VariableTree node, Void p) {
        scan(node.getInitializer(), p);
        String name = Local.nameOf(node);
        names.add(name);
        if (opaqueDepth > 0) {
            scopes.peek().put(name, OPAQUE);
            return null;
        }
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        Local.Kind kind = switch (parent.getKind()) {
            case CATCH -> Local.Kind.CATCH;
            case TRY -> Local.Kind.RESOURCE;
            case ENHANCED_FOR_LOOP -> Local.Kind.FOR_EACH;
            case BINDING_PATTERN -> Local.Kind.BINDING;
            default -> Local.Kind.LOCAL;
        };
        Tree type = node.getType();
        // `var` has no type tree in the source (javac synthesizes one without a position)
        boolean isVar = type == null || positionless(type);
        Local l = new Local(locals.size(), name, kind, node, getCurrentPath(), isVar ? null : type);
        locals.add(l);
        declarations.put(node, l);
        scopes.peek().put(name, l);
        return null;
    }

    /** Set by the reader: tells whether a tree has a real source position. */
    java.util.function.Predicate<Tree> hasPosition = t -> true;

    private boolean positionless(Tree t) {
        return !hasPosition.test(t);
    }

    // ------------------------------------------------------------------ references

    @Override
    public Void visitIdentifier(IdentifierTree node, Void p) {
        String name = node.getName().toString();
        names.add(name);
        Local l = lookup(name);
        if (l == null) {
            if (classDepth == 0) {
                freeIdentifiers.add(getCurrentPath());
            }
            return null;
        }
        if (l == OPAQUE) {
            return null;
        }
        if (opaqueDepth > 0) {
            captures.get(opaqueRoot).add(l);
        } else {
            refs.put(node, l);
            if (l.kind == Local.Kind.BINDING && l.firstUse == null) {
                l.firstUse = getCurrentPath();
            }
            noteAssignment(l);
        }
        return null;
    }

    private void noteAssignment(Local l) {
        TreePath parent = getCurrentPath().getParentPath();
        Tree pl = parent.getLeaf();
        Tree self = getCurrentPath().getLeaf();
        boolean written = switch (pl.getKind()) {
            case ASSIGNMENT -> ((com.sun.source.tree.AssignmentTree) pl).getVariable() == self;
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
            default -> pl instanceof com.sun.source.tree.CompoundAssignmentTree c && c.getVariable() == self;
        };
        if (written) {
            reassigned.add(l);
        }
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void p) {
        names.add(node.getIdentifier().toString());
        return scan(node.getExpression(), p);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void p) {
        return scan(node.getQualifierExpression(), p);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
        ExpressionTree select = node.getMethodSelect();
        if (select instanceof IdentifierTree id) {
            names.add(id.getName().toString());
            if (classDepth == 0) {
                freeIdentifiers.add(new TreePath(getCurrentPath(), select));
            }
        } else {
            scan(select, p);
        }
        scan(node.getArguments(), p);
        return null;
    }

    @Override
    public Void visitNewClass(NewClassTree node, Void p) {
        scan(node.getEnclosingExpression(), p);
        if (classDepth == 0) {
            freeIdentifiers.add(new TreePath(getCurrentPath(), node.getIdentifier()));
        }
        scan(node.getArguments(), p);
        scan(node.getClassBody(), p);
        return null;
    }

    @Override
    public Void visitNewArray(NewArrayTree node, Void p) {
        scan(node.getDimensions(), p);
        scan(node.getInitializers(), p);
        return null;
    }

    @Override
    public Void visitTypeCast(TypeCastTree node, Void p) {
        return scan(node.getExpression(), p);
    }

    @Override
    public Void visitInstanceOf(InstanceOfTree node, Void p) {
        scan(node.getExpression(), p);
        Tree pattern = node.getPattern();
        if (pattern != null) {
            scan(pattern, p);
        }
        return null;
    }

    @Override
    public Void visitAnnotation(com.sun.source.tree.AnnotationTree node, Void p) {
        return null;
    }
}
