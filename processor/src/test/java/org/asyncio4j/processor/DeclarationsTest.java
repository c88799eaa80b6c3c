package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Declarations} writes what JavaPoet wrote before the processor stopped rendering through it,
 * so that generated files did not change: checked here against JavaPoet itself (still on the class
 * path as the type model), on signatures that wrap at every possible place and on type names.
 */
class DeclarationsTest {
    /** Type text JavaPoet prints verbatim (a "type variable" named by the text), of a given length. */
    private static String typeOfLength(int n) {
        StringBuilder sb = new StringBuilder("java.util.List<");
        while (sb.length() < n - 1) {
            sb.append('X');
        }
        return sb.append('>').toString();
    }

    @Test
    void signaturesWrapWhereJavaPoetWrapsThem() {
        Random rnd = new Random(20261204);
        for (int c = 0; c < 500; c++) {
            String name = "m" + "x".repeat(rnd.nextInt(40));
            TypeName ret = TypeVariableName.get(typeOfLength(5 + rnd.nextInt(50)));
            int nParams = rnd.nextInt(5);
            MethodSpec.Builder b = MethodSpec.methodBuilder(name).returns(ret);
            List<String> params = new ArrayList<>();
            for (int i = 0; i < nParams; i++) {
                String t = typeOfLength(5 + rnd.nextInt(45));
                String p = "p" + i;
                b.addParameter(TypeVariableName.get(t), p);
                params.add(t + " " + p);
            }
            List<String> exceptions = new ArrayList<>();
            for (int i = rnd.nextInt(3); i > 0; i--) {
                String t = typeOfLength(5 + rnd.nextInt(30)).replace('<', 'E').replace('>', 'x').replace('.', 'e') + i;
                b.addException(TypeVariableName.get(t));
                exceptions.add(t);
            }
            String file = JavaFile.builder("p", TypeSpec.classBuilder("A").addMethod(b.build()).build())
                    .indent("    ").build().toString();
            String expected = file.substring(file.indexOf("    " + ret), file.indexOf(" {\n", file.indexOf(name + "(")) + 2);
            BodyText out = new BodyText("A.java", 1);
            Declarations.signature(out, 1, ret + " " + name, params, exceptions);
            assertEquals(expected + "\n", out.text(), "case " + c);
        }
    }

    @Test
    void classNamesAreQualifiedUnlessTheyAreTheFilesOwn() {
        Declarations d = new Declarations("p", "AsyncFoo", Set.of("RunMachine"));
        ClassName list = ClassName.get("java.util", "List");
        ClassName foo = ClassName.get("p", "Foo");
        assertEquals("java.util.List<java.lang.String>", d.type(ParameterizedTypeName.get(list, ClassName.get(String.class))));
        assertEquals("Foo.Inner", d.type(foo.nestedClass("Inner")));
        assertEquals("AsyncFoo", d.type(ClassName.get("p", "AsyncFoo")));
        assertEquals("RunMachine", d.type(ClassName.get("p", "AsyncFoo").nestedClass("RunMachine")));
        // a class of another package whose simple name is one of the file's own
        assertEquals("q.RunMachine", d.type(ClassName.get("q", "RunMachine")));
        assertEquals("java.util.Map<? extends java.lang.Number, ? super java.lang.Integer>[]",
                d.type(com.palantir.javapoet.ArrayTypeName.of(ParameterizedTypeName.get(ClassName.get("java.util", "Map"),
                        WildcardTypeName.subtypeOf(Number.class), WildcardTypeName.supertypeOf(Integer.class)))));
        assertEquals("java.util.List<?>", d.type(ParameterizedTypeName.get(list, WildcardTypeName.subtypeOf(Object.class))));
        // a type variable in scope hides a same-package class of that name
        d.pushTypeVars(List.of(TypeVariableName.get("Foo")));
        assertEquals("p.Foo", d.type(foo));
        d.popTypeVars();
        assertEquals("Foo", d.type(foo));
        assertEquals("<T extends java.lang.Comparable<T> & java.io.Serializable, R>", d.typeVarsDecl(List.of(
                TypeVariableName.get("T", ParameterizedTypeName.get(ClassName.get(Comparable.class), TypeVariableName.get("T")),
                        ClassName.get(java.io.Serializable.class)), TypeVariableName.get("R"))));
    }

    @Test
    void stringLiteralsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Declarations.literal("a\"b\\c\n\u0001"));
    }
}
