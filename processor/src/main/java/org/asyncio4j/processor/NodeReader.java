package org.asyncio4j.processor;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Part of the reading stage: turns the javac trees of one body into {@link Node}s, attaching what the
 * other reading stages resolved (Resolver's locals and captures, AwaitScan's await points and jump
 * targets, Calls' recognised calls, CallTypes' certain types). After this, nothing downstream reads
 * javac's trees for the body.
 */
final class NodeReader {
    /** javac's kind -> ours, by name; OTHER for the kinds the lowering does not tell apart. */
    private static final Map<Tree.Kind, Node.Kind> KINDS = new EnumMap<>(Tree.Kind.class);

    static {
        Map<String, Node.Kind> ours = new HashMap<>();
        for (Node.Kind k : Node.Kind.values()) {
            ours.put(k.name(), k);
        }
        for (Tree.Kind k : Tree.Kind.values()) {
            KINDS.put(k, ours.getOrDefault(k.name(), Node.Kind.OTHER));
        }
    }

    /** What the reading stages found about the body, by tree. */
    record Tables(Source src, Resolver resolver, AwaitScan scan, Calls calls, CallTypes.Body callTypes,
            Map<Tree, String> asyncLambdaCalls) {}

    private final Tables tables;
    private final Map<Tree, Node> nodes = new IdentityHashMap<>();
    /** The other way round, for the lazy questions to CallTypes. */
    private final Map<Node, Tree> trees = new IdentityHashMap<>();

    private NodeReader(Tables tables) {
        this.tables = tables;
    }

    /** The model of {@code body} (a block, or an expression lambda's body). */
    static Node read(Tree body, Tables tables) {
        NodeReader r = new NodeReader(tables);
        Node root = r.build(body);
        r.nodes.forEach(r::fill);
        r.nodes.forEach(r::resolve);
        r.nodes.values().forEach(NodeReader::constructedType);
        return root;
    }

    // ------------------------------------------------------------------ shape: one node per tree

    private Node build(Tree body) {
        Deque<Node> open = new ArrayDeque<>();
        Node[] root = new Node[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree t, Void p) {
                if (t == null) {
                    return null;
                }
                Node seen = nodes.get(t);
                if (seen != null) {
                    // javac shares one type tree (and modifiers) between the declarators of
                    // 'int i = 0, j = 1': one node, a child of both
                    open.peek().children.add(seen);
                    return null;
                }
                Node n = create(t);
                nodes.put(t, n);
                trees.put(n, t);
                if (open.isEmpty()) {
                    root[0] = n;
                } else {
                    open.peek().children.add(n);
                }
                open.push(n);
                super.scan(t, p);
                open.pop();
                return null;
            }
        }.scan(body, null);
        return root[0];
    }

    private Node create(Tree t) {
        Source src = tables.src();
        long s = src.start(t);
        long e = src.end(t);
        boolean positioned = s >= 0 && e >= s;
        // each position looked up once (the end position is a table lookup in javac)
        return new Node(KINDS.get(t.getKind()), src.text,
                positioned ? (int) s : -1, positioned ? (int) e : -1, src.lineOf(s), src.lineOf(e - 1),
                positioned ? null : t.toString());
    }

    private Node n(Tree t) {
        return t == null ? null : nodes.get(t);
    }

    private List<Node> list(List<? extends Tree> ts) {
        if (ts == null) {
            return null;
        }
        List<Node> out = new ArrayList<>(ts.size());
        for (Tree t : ts) {
            out.add(nodes.get(t));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ roles, with javac's names

    private void fill(Tree t, Node n) {
        if (t instanceof BlockTree b) {
            n.statements = list(b.getStatements());
        } else if (t instanceof VariableTree v) {
            n.name = Local.nameOf(v);
            n.type = n(v.getType());
            n.initializer = n(v.getInitializer());
        } else if (t instanceof ExpressionStatementTree es) {
            n.expression = n(es.getExpression());
        } else if (t instanceof IfTree i) {
            n.condition = n(i.getCondition());
            n.thenStatement = n(i.getThenStatement());
            n.elseStatement = n(i.getElseStatement());
        } else if (t instanceof WhileLoopTree w) {
            n.condition = n(w.getCondition());
            n.statement = n(w.getStatement());
        } else if (t instanceof DoWhileLoopTree d) {
            n.condition = n(d.getCondition());
            n.statement = n(d.getStatement());
        } else if (t instanceof ForLoopTree f) {
            n.forInit = list(f.getInitializer());
            n.condition = n(f.getCondition());
            n.update = list(f.getUpdate());
            n.statement = n(f.getStatement());
        } else if (t instanceof EnhancedForLoopTree f) {
            n.variable = n(f.getVariable());
            n.expression = n(f.getExpression());
            n.statement = n(f.getStatement());
        } else if (t instanceof LabeledStatementTree l) {
            n.name = l.getLabel().toString();
            n.statement = n(l.getStatement());
        } else if (t instanceof SwitchTree s) {
            n.expression = n(s.getExpression());
            n.cases = list(s.getCases());
        } else if (t instanceof SwitchExpressionTree s) {
            n.expression = n(s.getExpression());
            n.cases = list(s.getCases());
        } else if (t instanceof CaseTree c) {
            n.caseKind = c.getCaseKind() == CaseTree.CaseKind.RULE ? Node.CaseKind.RULE : Node.CaseKind.STATEMENT;
            n.expressions = list(caseExpressions(c));
            if (CaseTrees.JAVA_21) {
                n.labels = list(CaseTrees.labels(c));
                n.guard = n(CaseTrees.guard(c));
            }
            n.statements = c.getStatements() == null ? List.of() : list(c.getStatements());
            n.body = n(c.getBody());
        } else if (t instanceof TryTree tr) {
            n.resources = list(tr.getResources());
            n.block = n(tr.getBlock());
            n.catches = list(tr.getCatches());
            n.finallyBlock = n(tr.getFinallyBlock());
        } else if (t instanceof CatchTree c) {
            n.parameter = n(c.getParameter());
            n.block = n(c.getBlock());
        } else if (t instanceof ReturnTree r) {
            n.expression = n(r.getExpression());
        } else if (t instanceof ThrowTree th) {
            n.expression = n(th.getExpression());
        } else if (t instanceof YieldTree y) {
            n.expression = n(y.getValue());
        } else if (t instanceof AssertTree a) {
            n.condition = n(a.getCondition());
            n.detail = n(a.getDetail());
        } else if (t instanceof SynchronizedTree s) {
            n.expression = n(s.getExpression());
            n.block = n(s.getBlock());
        } else if (t instanceof MethodInvocationTree mi) {
            n.methodSelect = n(mi.getMethodSelect());
            n.arguments = list(mi.getArguments());
            n.typeArguments = list(mi.getTypeArguments());
        } else if (t instanceof MemberSelectTree ms) {
            n.expression = n(ms.getExpression());
            n.name = ms.getIdentifier().toString();
        } else if (t instanceof IdentifierTree id) {
            n.name = id.getName().toString();
        } else if (t instanceof NewClassTree nc) {
            n.enclosingExpression = n(nc.getEnclosingExpression());
            n.identifier = n(nc.getIdentifier());
            n.typeArguments = list(nc.getTypeArguments());
            n.arguments = list(nc.getArguments());
            n.classBody = n(nc.getClassBody());
        } else if (t instanceof NewArrayTree na) {
            n.type = n(na.getType());
            n.dimensions = list(na.getDimensions());
            n.initializers = list(na.getInitializers());
        } else if (t instanceof ArrayAccessTree aa) {
            n.expression = n(aa.getExpression());
            n.index = n(aa.getIndex());
        } else if (t instanceof BinaryTree b) {
            n.leftOperand = n(b.getLeftOperand());
            n.rightOperand = n(b.getRightOperand());
        } else if (t instanceof UnaryTree u) {
            n.expression = n(u.getExpression());
        } else if (t instanceof TypeCastTree tc) {
            n.type = n(tc.getType());
            n.expression = n(tc.getExpression());
        } else if (t instanceof InstanceOfTree io) {
            n.expression = n(io.getExpression());
            n.type = n(io.getType());
            n.pattern = n(io.getPattern());
            if (io.getPattern() instanceof BindingPatternTree bp) {
                n.binding = n(bp.getVariable());
            }
        } else if (t instanceof AssignmentTree a) {
            n.variable = n(a.getVariable());
            n.expression = n(a.getExpression());
        } else if (t instanceof CompoundAssignmentTree a) {
            n.variable = n(a.getVariable());
            n.expression = n(a.getExpression());
        } else if (t instanceof ConditionalExpressionTree c) {
            n.condition = n(c.getCondition());
            n.trueExpression = n(c.getTrueExpression());
            n.falseExpression = n(c.getFalseExpression());
        } else if (t instanceof ParenthesizedTree p) {
            n.expression = n(p.getExpression());
        } else if (t instanceof LiteralTree l) {
            n.value = l.getValue();
        } else if (t instanceof UnionTypeTree u) {
            n.typeAlternatives = list(u.getTypeAlternatives());
        } else if (t instanceof BindingPatternTree bp) {
            n.binding = n(bp.getVariable());
        } else if (t instanceof com.sun.source.tree.ParameterizedTypeTree pt) {
            n.typeArguments = list(pt.getTypeArguments());
        }
    }

    @SuppressWarnings("deprecation") // getExpressions: the labels of a case, on JDK 17 and later alike
    private static List<? extends Tree> caseExpressions(CaseTree c) {
        return c.getExpressions();
    }

    // ------------------------------------------------------------------ what the reading stages resolved

    private void resolve(Tree t, Node n) {
        Resolver resolver = tables.resolver();
        AwaitScan scan = tables.scan();
        Calls calls = tables.calls();
        if (t instanceof IdentifierTree id) {
            n.local = resolver.refs.get(id);
        } else {
            n.local = resolver.declarations.get(t);
        }
        n.captures = resolver.captures.get(t);
        n.hasAwait = scan.hasAwait.contains(t);
        n.needsLowering = scan.needsLowering(t);
        n.jumpTarget = n(scan.jumpTargets.get(t));
        n.replacement = tables.asyncLambdaCalls().get(t);
        if (t instanceof MethodInvocationTree mi) {
            n.isAwait = calls.isAwait(mi);
            n.isEach = calls.isEach(mi);
            n.isYield = Calls.isYield(mi);
            n.isTaskCompleted = Calls.isTaskCompleted(mi);
        }
        n.types = types;
        n.isExpression = t instanceof ExpressionTree;
    }

    private static void constructedType(Node v) {
        if (v.kind != Node.Kind.VARIABLE || v.local == null || v.initializer == null) {
            return;
        }
        Node nc = v.initializer;
        if (nc.kind != Node.Kind.NEW_CLASS || nc.classBody != null || nc.enclosingExpression != null) {
            return;
        }
        Node id = nc.identifier;
        if (id.kind == Node.Kind.PARAMETERIZED_TYPE && id.typeArguments.isEmpty()) {
            return; // diamond: the type arguments are inferred
        }
        v.local.constructedType = id.hasPosition() ? id.text() : null;
    }

    /** CallTypes, asked about the tree a node was read from. */
    private final Node.Types types = new Node.Types() {
        @Override
        public String awaited(Node task) {
            return tables.callTypes().awaited((ExpressionTree) treeOf(task));
        }

        @Override
        public String spill(Node operand) {
            return tables.callTypes().spillType((ExpressionTree) treeOf(operand));
        }

        @Override
        public String iterator(Node iterable, boolean async) {
            return tables.callTypes().iterator((ExpressionTree) treeOf(iterable), async);
        }
    };

    private Tree treeOf(Node n) {
        return trees.get(n);
    }
}
