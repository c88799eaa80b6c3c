package org.asyncio4j.processor;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/** A type seen as one of its supertypes: the class or interface it is or extends, with its type arguments. */
final class Supertypes {
    private Supertypes() {}

    /**
     * {@code t} as the first class or interface, breadth first through javac's direct supertypes, whose
     * element {@code which} accepts ({@code Promise<String>} as its {@code Task<String>}); null if none.
     */
    static DeclaredType find(Types types, TypeMirror t, Predicate<TypeElement> which) {
        ArrayDeque<TypeMirror> todo = new ArrayDeque<>(List.of(t));
        while (!todo.isEmpty()) {
            TypeMirror s = todo.poll();
            if (s instanceof DeclaredType d && which.test((TypeElement) d.asElement())) {
                return d;
            }
            todo.addAll(types.directSupertypes(s));
        }
        return null;
    }
}
