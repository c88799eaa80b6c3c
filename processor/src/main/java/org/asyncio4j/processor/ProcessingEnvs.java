package org.asyncio4j.processor;

import java.lang.reflect.Field;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Gradle's incremental compilation and IntelliJ wrap the {@link ProcessingEnvironment};
 * {@code Trees.instance} needs javac's own. Follow delegate fields until we reach it.
 */
final class ProcessingEnvs {
    private ProcessingEnvs() {}

    static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
        ProcessingEnvironment current = env;
        for (int depth = 0; depth < 8; depth++) {
            if (current.getClass().getName().startsWith("com.sun.tools.javac.")) {
                return current;
            }
            ProcessingEnvironment inner = delegateOf(current);
            if (inner == null || inner == current) {
                return current;
            }
            current = inner;
        }
        return current;
    }

    private static ProcessingEnvironment delegateOf(ProcessingEnvironment env) {
        for (Class<?> c = env.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (ProcessingEnvironment.class.isAssignableFrom(f.getType())) {
                    try {
                        f.setAccessible(true);
                        Object v = f.get(env);
                        if (v instanceof ProcessingEnvironment pe) {
                            return pe;
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null; // cannot look inside: fall back to what we have
                    }
                }
            }
        }
        return null;
    }
}
