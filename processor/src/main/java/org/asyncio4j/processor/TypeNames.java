package org.asyncio4j.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.Set;

/**
 * Collects the simple names of every class a JavaPoet type mentions, so that the generated file can
 * ask JavaPoet to qualify them all: it then adds no import of its own that could clash with the
 * user's imports, which are copied into the file for the user's code.
 */
final class TypeNames {
    private TypeNames() {}

    static void collect(TypeName t, Set<String> out) {
        collect(t, out, 0);
    }

    private static void collect(TypeName t, Set<String> out, int depth) {
        if (depth > 16) {
            return; // recursive bounds (T extends Comparable<T>)
        }
        if (t instanceof ClassName c) {
            out.addAll(c.simpleNames());
        } else if (t instanceof ParameterizedTypeName p) {
            collect(p.rawType(), out, depth + 1);
            p.typeArguments().forEach(a -> collect(a, out, depth + 1));
        } else if (t instanceof ArrayTypeName a) {
            collect(a.componentType(), out, depth + 1);
        } else if (t instanceof WildcardTypeName w) {
            w.upperBounds().forEach(b -> collect(b, out, depth + 1));
            w.lowerBounds().forEach(b -> collect(b, out, depth + 1));
        } else if (t instanceof TypeVariableName v) {
            v.bounds().forEach(b -> collect(b, out, depth + 1));
        }
    }
}
