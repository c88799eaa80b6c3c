package org.asyncio4j.it;

import java.util.List;
import org.asyncio4j.Await;
import org.asyncio4j.Promise;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: locals that live across awaits, then go out of scope before a long await. */
public class Scopes extends Fixture {
    Promise<String> gate;

    @Async
    Task<String> scopes(String param) {
        int total = 0;
        for (int i = 0; i < 3; i++) {
            byte[] big = new byte[1000 + i];
            Await.on(v(0));
            total += big.length;
        }
        for (String s : List.of("a", "bb")) {
            Await.on(v(s));
            total += s.length();
        }
        for (var w : new StringBuilder[] {new StringBuilder("x")}) {
            Await.on(v(0));
            total += w.length();
        }
        {
            Object block = new Object();
            Await.on(v(0));
            total += block.hashCode() == 0 ? 0 : 1;
        }
        try {
            Object inTry = "try";
            Await.on(boom(new IllegalStateException("caught")));
            total += inTry.hashCode();
        } catch (IllegalStateException e) {
            Await.on(v(0));
            total += e.getMessage().length();
        } finally {
            Object inFinally = "finally";
            Await.on(v(0));
            total += inFinally.toString().length();
        }
        try (AutoCloseable res = () -> log("closed")) {
            Await.on(v(0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String kept = "kept";
        gate = new Promise<>();
        String g = Await.on(gate);
        return Task.completed(param + total + kept + g);
    }
}
