package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.concurrent.atomic.AtomicReference;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Locals of the machine are cleared when they go out of scope: a suspended task keeps no garbage. */
class ScopesTest {

    /** The machine's reference fields that are set, by name (the machine is the task). */
    static Map<String, Object> setFields(Task<?> machine) {
        Map<String, Object> out = new TreeMap<>();
        for (Field f : machine.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                continue;
            }
            f.setAccessible(true);
            try {
                Object v = f.get(machine);
                if (v != null) {
                    out.put(f.getName(), v);
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Src.Mode.class)
    void onlyLiveLocalsAreHeldWhileSuspended(Src.Mode mode) {
        AsyncScopes s = new AsyncScopes().in(mode);
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        String r = Run.virtual(() -> {
            Task<String> t = s.scopes("p");
            EventLoop.current().callLater(Duration.ofMillis(1000), () -> {
                try {
                    seen.set(setFields(t));
                } finally {
                    s.gate.complete("!"); // never leave the program hanging
                }
            });
            return t;
        });
        assertEquals("p" + (1000 + 1001 + 1002 + 3 + 1 + 1 + 6 + 7) + "kept!", r);
        seen.get().remove("self");
        assertEquals(Map.of("param", "p", "kept", "kept"), seen.get());
    }
}
