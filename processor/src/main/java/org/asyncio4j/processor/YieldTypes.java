package org.asyncio4j.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * A generator's elements must fit its element type: {@code Await.yield("x")} in an
 * {@code AsyncIterable<Integer>} generator compiles in the blueprint ({@code Await.yield} is generic)
 * but not in the generated machine. This stage reports it at the user's line for the arguments whose
 * type is known without attributing the body (literals, locals and parameters); any other argument
 * is checked by javac in the generated code.
 */
final class YieldTypes {
    private YieldTypes() {}

    static List<Diag> check(ClassModel.MethodModel mm, Typer typer, Types types, javax.lang.model.util.Elements elements) {
        List<Diag> out = new ArrayList<>();
        if (mm.tree.getBody() == null || !Reader.isGenerator(mm.element)) {
            return out;
        }
        List<? extends TypeMirror> args = ((DeclaredType) mm.element.getReturnType()).getTypeArguments();
        if (args.size() != 1) {
            return out;
        }
        TypeMirror element = args.get(0);
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
                if (Calls.isYield(node)) {
                    ExpressionTree arg = node.getArguments().get(0);
                    TypeMirror t = typeOf(arg, mm, typer, types, elements);
                    if (t != null && !fits(t, element, types)) {
                        out.add(new Diag(Diag.Tag.AsyncYieldType, node, "this generator's elements are " + element
                                + " (it returns AsyncIterable<" + element + ">), but Await.yield is given a " + t
                                + ". Yield a " + element + ", or change the generator's element type."));
                    }
                }
                return super.visitMethodInvocation(node, p);
            }
        }.scan(mm.tree.getBody(), null);
        return out;
    }

    private static boolean fits(TypeMirror t, TypeMirror element, Types types) {
        if (t.getKind() == TypeKind.NULL) {
            return true;
        }
        TypeMirror boxed = t.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) t).asType() : t;
        return types.isAssignable(boxed, element) || types.isAssignable(t, element);
    }

    /** The type of {@code e} when it is a literal or names a local or parameter; null when unknown. */
    private static TypeMirror typeOf(ExpressionTree e, ClassModel.MethodModel mm, Typer typer, Types types,
            javax.lang.model.util.Elements elements) {
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        TypeKind prim = switch (e.getKind()) {
            case INT_LITERAL -> TypeKind.INT;
            case LONG_LITERAL -> TypeKind.LONG;
            case FLOAT_LITERAL -> TypeKind.FLOAT;
            case DOUBLE_LITERAL -> TypeKind.DOUBLE;
            case BOOLEAN_LITERAL -> TypeKind.BOOLEAN;
            case CHAR_LITERAL -> TypeKind.CHAR;
            default -> null;
        };
        if (prim != null) {
            return types.getPrimitiveType(prim);
        }
        if (e.getKind() == com.sun.source.tree.Tree.Kind.NULL_LITERAL) {
            return types.getNullType();
        }
        if (e.getKind() == com.sun.source.tree.Tree.Kind.STRING_LITERAL) {
            return elements.getTypeElement("java.lang.String").asType();
        }
        if (e instanceof IdentifierTree id) {
            Local l = mm.resolver.refs.get(id);
            if (l == null) {
                return null;
            }
            try {
                TypeMirror t = typer.mirrorOf(l);
                return t.getKind() == TypeKind.ERROR || t.getKind() == TypeKind.NONE ? null : t;
            } catch (RuntimeException | AssertionError unknown) {
                return null; // javac could not say: the generated code's compile checks it
            }
        }
        return null;
    }
}
