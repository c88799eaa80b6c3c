package org.asyncio4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * Compiles one body into a machine, and each async lambda in it (recursively) into a machine of its
 * own: the lambda's text in the enclosing body becomes a call of the lambda machine's entry method,
 * {@code (a) -> run$lambda$1(a, captured...)}, which starts the machine eagerly and returns its task,
 * as a call of an {@code @Async} method does.
 */
final class Bodies {
    /** What lowering one body needs besides its trees. */
    record Body(String entryName, String frameName, boolean isStatic, TreePath bodyPath, Resolver resolver,
            AwaitScan scan, List<TypeVariableName> methodTypeVars, TypeName result, List<TypeName> paramTypes,
            boolean uncheckedResult, boolean generator) {}

    /** A generated entry method for an async lambda, written by {@link ClassWriter}. */
    record LambdaEntry(String name, boolean isStatic, List<TypeVariableName> typeVars, TypeName result,
            List<ParameterSpec> params, String doc, MachineWriter.Output machine) {}

    private final ClassModel cm;
    private final ExecutableElement method;
    private final Typer typer;
    private final Map<String, Integer> machineNames;
    private final List<Diag> diags;
    final List<LambdaEntry> lambdas = new ArrayList<>();
    private int lambdaCount;

    Bodies(ClassModel cm, ExecutableElement method, Typer typer, Map<String, Integer> machineNames, List<Diag> diags) {
        this.cm = cm;
        this.method = method;
        this.typer = typer;
        this.machineNames = machineNames;
        this.diags = diags;
    }

    /** The tree of the {@code @Async} method these bodies belong to (its parameters' types are exact). */
    private com.sun.source.tree.MethodTree methodTree() {
        for (ClassModel.MethodModel mm : cm.methods) {
            if (mm.element.equals(method)) {
                return mm.tree;
            }
        }
        return null;
    }

    /** Lowers and writes {@code b}, then its async lambdas. */
    MachineWriter.Output compile(Body b) {
        NameAllocator alloc = new NameAllocator();
        for (String n : b.resolver().names) {
            alloc.newName(n, "user:" + n);
        }
        String m = alloc.newName("m", "machine");
        String base = Character.toUpperCase(b.entryName().charAt(0)) + b.entryName().substring(1).replace("$", "_") + "Machine";
        int count = machineNames.merge(base, 1, Integer::sum);
        String machineName = count == 1 ? base : base + count;
        String resumeName = b.entryName() + "$resume";

        Map<Tree, String> calls = new LinkedHashMap<>();
        List<LambdaExpressionTree> order = new ArrayList<>(b.scan().asyncLambdas);
        List<String> names = new ArrayList<>();
        List<List<Local>> captures = new ArrayList<>();
        for (LambdaExpressionTree lambda : order) {
            String name = method.getSimpleName() + "$lambda$" + (++lambdaCount);
            names.add(name);
            List<Local> captured = new ArrayList<>(b.resolver().captures.getOrDefault(lambda, Set.of()));
            captures.add(captured);
            calls.put(lambda, callText(lambda, name, captured));
        }
        Tree bodyTree = b.bodyPath().getLeaf();
        Node body = NodeReader.read(bodyTree, new NodeReader.Tables(cm.src, b.resolver(), b.scan(), cm.calls,
                cm.callTypes.forBody(b.resolver(), methodTree(), method), calls));
        LoweringState.Context cx = new LoweringState.Context(b.resolver().locals, b.resolver().reassigned, m, cm.simpleName,
                cm.qualifiedName, cm.asyncName, cm.staticAsyncNames, cm.fieldNames, b.result().toString(),
                b.uncheckedResult(), b.generator());
        Cfg cfg = bodyTree instanceof BlockTree ? new Lowering(cx).lower(body) : new Lowering(cx).lowerExpression(body);
        MachineWriter.Input in = new MachineWriter.Input(b.frameName(), b.isStatic(), cfg, b.resolver().locals, typer,
                cm.src.fileName, m, machineName, resumeName, ClassName.get(cm.packageName, cm.asyncName),
                ClassWriter.typeVars(cm.type.getTypeParameters()), b.methodTypeVars(), b.result(), b.paramTypes(),
                cm.qualifiedName, b.generator());
        MachineWriter.Output out = new MachineWriter(in).write(); // places this body's locals: captures now have types
        for (int i = 0; i < order.size(); i++) {
            lambda(b, order.get(i), names.get(i), captures.get(i));
        }
        return out;
    }

    /** {@code (a, b) -> name(a, b, c1, c2)}: the lambda's own parameters as the user wrote them, then its captures. */
    private String callText(LambdaExpressionTree lambda, String name, List<Local> captured) {
        boolean typed = !lambda.getParameters().isEmpty();
        List<String> params = new ArrayList<>();
        List<String> args = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (VariableTree p : lambda.getParameters()) {
            Tree t = p.getType();
            if (t == null || !cm.src.hasPosition(t)) {
                typed = false;
            }
            // an unnamed parameter ('_') cannot be passed on: named here, as its field is in the machine
            String written = Local.nameOf(p);
            names.add(written.equals(Local.UNNAMED) ? Local.unnamedParameter(names.size()) : written);
        }
        args.addAll(names);
        for (int i = 0; i < names.size(); i++) {
            VariableTree p = lambda.getParameters().get(i);
            params.add(typed ? cm.src.slice(p.getType()) + " " + names.get(i) : names.get(i));
        }
        for (Local c : captured) {
            args.add(c.name);
        }
        return "(" + String.join(", ", params) + ") -> " + name + "(" + String.join(", ", args) + ")";
    }

    private void lambda(Body outer, LambdaExpressionTree lambda, String name, List<Local> captured) {
        TreePath lambdaPath = pathOf(outer.bodyPath(), lambda);
        List<Local> copies = new ArrayList<>();
        for (Local c : captured) {
            String type = c.typeText == null || c.typeText.equals("var") ? typer.typeOf(c) : c.typeText;
            Local copy = new Local(c.index, c.name, c.kind, c.decl, c.declPath, c.typeTree);
            copy.typeText = type;
            copies.add(copy);
        }
        Resolver r = new Resolver();
        r.hasPosition = cm.src::hasPosition;
        r.resolveLambda(lambdaPath, copies);
        List<TypeName> paramTypes = new ArrayList<>();
        List<ParameterSpec> params = new ArrayList<>();
        for (Local l : r.locals) {
            if (l.kind != Local.Kind.PARAMETER) {
                if (l.typeTree != null && l.typeTree.getKind() != Tree.Kind.UNION_TYPE) {
                    l.typeText = cm.src.slice(l.typeTree);
                }
                continue;
            }
            boolean unnamed = l.decl instanceof VariableTree v && Local.nameOf(v).equals(Local.UNNAMED);
            if (l.typeText == null) {
                // an unnamed parameter ('_') is never read, and javac enters it in no scope to type it
                l.typeText = l.typeTree != null ? cm.src.slice(l.typeTree) : unnamed ? "java.lang.Object" : typer.typeOf(l);
            }
            TypeName t = TypeVariableName.get(l.typeText); // the type as written: printed verbatim
            paramTypes.add(t);
            params.add(ParameterSpec.builder(t, l.name).build());
        }
        TreePath bodyPath = new TreePath(lambdaPath, lambda.getBody());
        AwaitScan scan = new AwaitScan(cm.calls, lambda.getBody(), lp -> cm.lambdaTargets.classify(lp, method, r));
        scan.scan(bodyPath, null);
        if (!scan.diags.isEmpty()) {
            diags.addAll(scan.diags);
            return;
        }
        List<TypeVariableName> typeVars = new ArrayList<>(ClassWriter.typeVars(method.getTypeParameters()));
        Set<String> taken = new HashSet<>();
        cm.type.getTypeParameters().forEach(t -> taken.add(t.getSimpleName().toString()));
        typeVars.forEach(t -> taken.add(t.name()));
        String rName = "R";
        for (int i = 2; taken.contains(rName); i++) {
            rName = "R" + i;
        }
        TypeVariableName result = TypeVariableName.get(rName);
        typeVars.add(result);
        boolean isStatic = outer.isStatic();
        int line = cm.src.line(lambda);
        String frame = "lambda$" + method.getSimpleName() + "$" + name.substring(name.lastIndexOf('$') + 1);
        Body b = new Body(name, frame, isStatic, bodyPath, r, scan, typeVars, result, paramTypes, true, false);
        MachineWriter.Output machine = compile(b);
        lambdas.add(new LambdaEntry(name, isStatic, typeVars, result, params,
                "The async lambda at " + cm.src.fileName + ":" + line + " in {@code " + method.getSimpleName() + "}.", machine));
    }

    /**
     * The misuse inside async lambda bodies (an await in a Runnable nested in one, in an anonymous
     * class...), found before anything is lowered, like the errors of method bodies: each lambda's
     * body is resolved and scanned as it will be when its machine is written.
     */
    static List<Diag> validateLambdas(ClassModel cm, ExecutableElement method, TreePath bodyPath, Resolver resolver,
            AwaitScan scan) {
        List<Diag> out = new ArrayList<>();
        for (LambdaExpressionTree lambda : scan.asyncLambdas) {
            TreePath lambdaPath = pathOf(bodyPath, lambda);
            Resolver r = new Resolver();
            r.hasPosition = cm.src::hasPosition;
            r.resolveLambda(lambdaPath, new ArrayList<>(resolver.captures.getOrDefault(lambda, Set.of())));
            TreePath inner = new TreePath(lambdaPath, lambda.getBody());
            AwaitScan s = new AwaitScan(cm.calls, lambda.getBody(), lp -> cm.lambdaTargets.classify(lp, method, r));
            s.scan(inner, null);
            out.addAll(s.diags);
            // an async lambda's body is split into states like a method's: the same rules hold
            out.addAll(Validator.localClasses(s, lambda.getBody()));
            out.addAll(Validator.patternSwitches(cm.src, s, lambda.getBody()));
            out.addAll(validateLambdas(cm, method, inner, r, s));
        }
        return out;
    }

    private static TreePath pathOf(TreePath within, Tree target) {
        TreePath[] found = new TreePath[1];
        new TreePathScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void p) {
                if (found[0] != null) {
                    return null;
                }
                if (tree == target) {
                    found[0] = new TreePath(getCurrentPath(), tree);
                    return null;
                }
                return super.scan(tree, p);
            }
        }.scan(within, null);
        if (found[0] == null) {
            throw new IllegalStateException("async lambda not found in its body");
        }
        return found[0];
    }
}
