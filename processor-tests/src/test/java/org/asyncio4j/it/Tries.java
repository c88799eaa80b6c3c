package org.asyncio4j.it;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: try/catch/finally around awaits, and jumps out of try and finally. */
public class Tries extends Fixture {
    Throwable caught;

    @Async
    Task<String> catchIdentity(Throwable error) {
        try {
            log("before");
            Await.on(boom(error), Throwable.class);
            log("not reached");
            return Task.completed("no");
        } catch (IllegalStateException | IllegalArgumentException e) {
            caught = e;
            log("multi " + Await.on(v(e.getMessage())));
            return Task.completed("multi");
        } catch (IOException e) {
            caught = e;
            log("io " + e.getMessage());
            return Task.completed("io");
        } catch (RuntimeException e) {
            caught = e;
            throw e; // rethrow, same object
        } catch (Throwable t) {
            caught = t;
            throw new IllegalStateException("wrapped", t);
        }
    }

    @Async
    Task<String> checked(boolean fail) {
        try {
            String s = Await.on(fail ? Src.failing(mode, new FileNotFoundException("nope")) : v("file"), IOException.class);
            return Task.completed(s);
        } catch (FileNotFoundException e) {
            caught = e;
            return Task.completed("missing " + e.getMessage());
        } catch (IOException e) {
            return Task.completed("other io");
        }
    }

    @Async
    Task<String> finallyOrder(boolean fail) {
        try {
            log("outer try");
            try {
                log("inner try");
                Await.on(v(1));
                if (fail) throw new IllegalStateException("inner");
                log("inner end");
            } finally {
                log("inner finally " + Await.on(v(2)));
            }
            log("after inner");
        } catch (IllegalStateException e) {
            log("catch " + e.getMessage());
            Await.on(v(3));
        } finally {
            log("outer finally");
            Await.on(v(4));
            log("outer finally end");
        }
        return Task.completed("end");
    }

    @Async
    Task<Integer> returnOutOfTry() {
        int x = 1;
        try {
            Await.on(v(0));
            return Task.completed(x);   // value taken before finally runs
        } finally {
            x = 2;
            log("finally x=" + x + " " + Await.on(v("awaited")));
        }
    }

    @Async
    @SuppressWarnings("finally")
    Task<String> returnOutOfFinally(boolean fail) {
        try {
            if (fail) throw new IllegalStateException(Await.on(v("lost")));
            return v("from try");
        } finally {
            log("finally");
            return Task.completed(Await.on(v("from finally")));
        }
    }

    @Async
    @SuppressWarnings("finally")
    Task<String> jumpsOutOfTryAndFinally() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            try {
                try {
                    if (i == 0) continue;
                    if (i == 3) break;
                    sb.append(Await.on(v(i)));
                    if (i == 2) throw new IllegalStateException("dropped by continue in finally");
                } finally {
                    sb.append("f").append(i);
                    if (i == 2) continue;   // discards the exception
                }
                sb.append("|");
            } finally {
                sb.append(Await.on(v("F")));
            }
        }
        sb.append(";");
        int j = 0;
        while (true) {
            try {
                j += Await.on(v(1));
                if (j < 2) continue;
                throw new IllegalStateException("dropped by break in finally");
            } finally {
                if (j == 2) break;
            }
        }
        return Task.completed(sb.toString() + j);
    }

    @Async
    @SuppressWarnings("finally") // the finally that throws is the construct under test
    Task<String> exceptionInFinallyReplaces() {
        try {
            throw new IllegalStateException("first");
        } finally {
            Await.on(v(0));
            throw new UnsupportedOperationException("second");
        }
    }

    @Async
    Task<String> nestedInCatchAndFinally() {
        StringBuilder sb = new StringBuilder();
        try {
            Await.on(boom(new IllegalStateException("a")));
        } catch (IllegalStateException e) {
            try {
                Await.on(boom(new IllegalArgumentException("b")));
            } catch (IllegalArgumentException e2) {
                sb.append(e.getMessage()).append(e2.getMessage());
            } finally {
                sb.append(Await.on(v("c")));
            }
        } finally {
            try {
                Await.on(boom(new TimeoutException("d")), TimeoutException.class);
            } catch (TimeoutException e3) {
                sb.append(e3.getMessage());
            }
        }
        return Task.completed(sb.toString());
    }

    @Async
    Task<String> catchOnlyWhatMatches() {
        try {
            try {
                Await.on(boom(new IllegalArgumentException("arg")));
            } catch (IllegalStateException e) {
                return Task.completed("wrong catch");
            }
        } catch (IllegalArgumentException e) {
            return Task.completed("outer caught " + e.getMessage());
        }
        return Task.completed("nothing");
    }
}
