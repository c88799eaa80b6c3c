package org.asyncio4j.process;

import java.io.IOException;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;

/**
 * {@code communicate(input)}: feed stdin and close it, collect stdout and stderr (both read at the
 * same time, so neither pipe can fill up and stall the child), then wait for the exit.
 */
final class Communicate extends Coroutine<ProcessResult> {
    private static final byte[] EMPTY = new byte[0];

    private final Subprocess process;
    private final byte[] input;
    private Task<byte[]> out;
    private Task<byte[]> err;
    private byte[] outBytes;
    private byte[] errBytes;

    private Communicate(Subprocess process, byte[] input) {
        this.process = process;
        this.input = input;
        setName("communicate(pid " + process.pid() + ")");
    }

    static Task<ProcessResult> begin(Subprocess process, byte[] input) {
        Communicate c = new Communicate(process, input);
        Task<ProcessResult> t = c.start();
        // However it ends (cancelled, failed), no read of ours is left pending on the pipes.
        t.addDoneCallback(done -> c.cancelReads());
        return t;
    }

    private void cancelReads() {
        if (out != null) {
            out.cancel();
        }
        if (err != null) {
            err.cancel();
        }
    }

    @Override
    @SuppressWarnings("fallthrough") // the machine's states continue into each other by design
    protected void resume() throws Throwable {
        switch (state) {
            case 0:
                out = process.stdout() != null ? process.stdout().readAll() : Task.completed(EMPTY);
                err = process.stderr() != null ? process.stderr().readAll() : Task.completed(EMPTY);
                if (process.stdin() != null) {
                    if (input != null && input.length > 0) {
                        process.stdin().write(input);
                    }
                    process.stdin().close();
                    if (await(process.stdin().waitClosed(), 1)) return;
                } else {
                    if (await(Task.completed(), 1)) return;
                }
            case 1:
                try {
                    awaited();
                } catch (Exception e) {
                    if (!(e instanceof IOException)) {
                        throw e;
                    }
                    // Broken pipe: the child exited or closed stdin before reading all the input.
                    // asyncio ignores it too; the exit code tells what happened.
                }
                if (await(out, 2)) return;
            case 2:
                outBytes = awaited();
                if (await(err, 3)) return;
            case 3:
                errBytes = awaited();
                if (await(process.waitFor(), 4)) return;
            case 4:
                int code = this.<Integer>awaited();
                returnValue(new ProcessResult(outBytes, errBytes, code));
                return;
            default:
                throw new IllegalStateException("bad state " + state);
        }
    }
}
