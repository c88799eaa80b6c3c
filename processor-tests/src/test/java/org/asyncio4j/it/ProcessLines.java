package org.asyncio4j.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;
import org.asyncio4j.process.ProcessOptions;
import org.asyncio4j.process.Subprocess;

/** Blueprint: {@code async for line in proc.stdout} over a real subprocess. */
public class ProcessLines {

    @Async
    Task<List<String>> linesOf(String script, int stopAfter) {
        Subprocess p = Await.on(Asyncio.createSubprocessExec(List.of("/bin/sh", "-c", script), ProcessOptions.pipes()));
        List<String> out = new ArrayList<>();
        for (byte[] line : Await.each(p.stdout().lines())) {
            out.add(new String(line, StandardCharsets.UTF_8));
            if (out.size() == stopAfter) {
                break;
            }
        }
        p.kill();
        out.add("exit " + Await.on(p.waitFor()));
        return Task.completed(out);
    }
}
