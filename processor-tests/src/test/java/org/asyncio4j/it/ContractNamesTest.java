package org.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.asyncio4j.Asyncio;
import org.asyncio4j.ContextVar;
import org.asyncio4j.Task;
import org.asyncio4j.Token;
import org.junit.jupiter.api.Test;

/** The contract spells ContextVar's token {@code Token<T>}; code outside the package may also write {@code ContextVar.Token<T>}. */
class ContractNamesTest {
    @Test
    void bothSpellingsOfTheTokenCompileAndReset() {
        ContextVar<String> user = new ContextVar<>("user", "nobody");
        String seen = Asyncio.run(() -> {
            Token<String> t1 = user.set("ann");              // as the contract writes it
            ContextVar.Token<String> t2 = user.set("bob");   // the nested spelling
            String during = user.get();
            user.reset(t2);
            user.reset(t1);
            return Task.completed(during + " then " + user.get());
        });
        assertEquals("bob then nobody", seen);
    }
}
