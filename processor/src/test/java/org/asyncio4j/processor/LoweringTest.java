package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What the lowering makes of each construct family, as exact listings of the CFG ({@link CfgListing}):
 * awaits and their value reads, expressions (evaluation order, spilled operands, short-circuits,
 * compound assignment), statements, loops and labels, switch, try/catch/finally and resources. Each
 * listing was checked by hand against Java's evaluation order and every path through finally blocks;
 * a change in the lowering shows here as a readable diff. Independent of {@link Slots}: locals appear
 * by their source names, the lowering's own fields ({@code $tN}, {@code $bN}, {@code $exN}, {@code $finN})
 * by theirs.
 */
class LoweringTest {
    private static final String HEADER = "package p; import java.util.*; import java.time.Duration;"
            + " import org.asyncio4j.*; import org.asyncio4j.queue.AsyncQueue; import org.asyncio4j.annotations.Async;";

    /** Lowers method {@code m} of class {@code p.C} with the members given and compares its listing. */
    static void assertListing(String members, String expected) {
        String[] actual = new String[1];
        StageFixture.run(StageFixture.source("p.C", HEADER, "class C {", members, "}"), "p.C",
                s -> actual[0] = CfgListing.of(s.lower(s.method("m"))));
        assertEquals(expected, actual[0]);
    }

    /**
     * A declaration with a written reference type reads the await target-typed; a primitive target reads it as the
     * type its task's declaration states; a generic call's result type is restated for javac in a dead operand.
     */
    @Test
    void awaitedValuesAreReadTargetTypedAsStatedOrThroughAWitness() {
        assertListing("""
                static <T> Task<T> pick(Task<T> x, T fallback) { return x; }
                @Async Task<Integer> m(Task<Integer> t) {
                  Integer a = Await.on(t);
                  int b = Await.on(t);
                  var c = Await.on(pick(t, a + b));
                  Await.on(t);
                  return Task.completed(a + b + c);
                }
                """, """
                fields: -
                B0 (handler -):
                  suspend t -> B1
                B1 (handler -):
                  decl a = m.awaited($await)
                  suspend t -> B2
                B2 (handler -):
                  decl b = m.<Integer>awaited($await)
                  suspend pick(t, a + b) -> B3
                B3 (handler -):
                  decl c = org.asyncio4j.spi.Witness.of(m.awaited($await), false ? pick(t, a + b) : null)
                  suspend t -> B4
                B4 (handler -):
                  m.awaited($await);
                  m.returnValue(a + b + c);
                  exit return;
                """);
    }

    /**
     * {@code Asyncio.sleep(d)} becomes the machine's own timer entry, and {@code q.get()} on a variable hands the
     * queue over with the task so that it can reuse its getter.
     */
    @Test
    void aSleepAndAQueueGetOnAParameterAreAwaitedDirectly() {
        assertListing("""
                @Async Task<String> m(AsyncQueue<String> q, Duration d) {
                  Await.on(Asyncio.sleep(d));
                  String v = Await.on(q.get());
                  return Task.completed(v);
                }
                """, """
                fields: -
                B0 (handler -):
                  suspend m.sleep(d) -> B1
                B1 (handler -):
                  m.awaited($await);
                  suspend q, q.get() -> B2
                B2 (handler -):
                  decl v = m.awaited($await)
                  m.returnValue(v);
                  exit return;
                """);
    }

    /**
     * JLS 15.12.4.2: arguments left to right, so the two before the await are evaluated and saved first; a
     * generic call's value in an Object field read through a witness, a string concatenation in a String field.
     */
    @Test
    void operandsEvaluatedBeforeALaterAwaitAreSavedInFields() {
        assertListing("""
                static <T> T id(T x) { return x; }
                static String join(Object a, String b, int c) { return a + b + c; }
                @Async Task<String> m(Task<Integer> t, int n) {
                  return Task.completed(join(id(n - 1), "n" + n, Await.on(t)) + id("b") + Await.on(t));
                }
                """, """
                fields: $t1 java.lang.Object, $t2 java.lang.String, $t3 java.lang.String
                B0 (handler -):
                  m.$t1 = id(n - 1);
                  m.$t2 = "n" + n;
                  suspend t -> B1
                B1 (handler -):
                  m.$t3 = join(org.asyncio4j.spi.Witness.as(m.$t1, () -> id([w]n - 1)), m.$t2, m.<Integer>awaited($await)) + id("b");
                  suspend t -> B2
                B2 (handler -):
                  m.returnValue(m.$t3 + m.<Integer>awaited($await));
                  exit return;
                """);
    }

    /**
     * An operator's result type follows from its operands' plain types (binary numeric promotion, JLS 5.6;
     * comparisons are booleans; {@code i++} has the variable's type): such an operand, saved before a later
     * await, gets a field of that type and is read back as it is. An operand of unknown type keeps an
     * Object field read through a witness.
     */
    @Test
    void operatorResultsSavedBeforeAnAwaitHaveTheirTypes() {
        assertListing("""
                static long f(Object... xs) { return xs.length; }
                static int g(int x) { return x; }
                static long g(long x) { return x; }
                @Async Task<Long> m(Task<Integer> t, int i, long l, char c, Integer boxed, Object o) {
                  return Task.completed(f(i * 2, l + c, c + c, boxed << 1, -c, i++ < l, (byte) i, o.hashCode() + i, g(i) - l, Await.on(t)));
                }
                """, """
                fields: $t1 int, $t2 long, $t3 int, $t4 int, $t5 int, $t6 boolean, $t7 byte, $t8 int, $t9 java.lang.Object
                B0 (handler -):
                  m.$t1 = i * 2;
                  m.$t2 = l + c;
                  m.$t3 = c + c;
                  m.$t4 = boxed << 1;
                  m.$t5 = -c;
                  m.$t6 = i++ < l;
                  m.$t7 = (byte) i;
                  m.$t8 = o.hashCode() + i;
                  m.$t9 = g(i) - l;
                  suspend t -> B1
                B1 (handler -):
                  m.returnValue(f(m.$t1, m.$t2, m.$t3, m.$t4, m.$t5, m.$t6, m.$t7, m.$t8, org.asyncio4j.spi.Witness.as(m.$t9, () -> g([w]i) - [w]l), m.<Integer>awaited($await)));
                  exit return;
                """);
    }

    /**
     * The right operand of {@code &&} and the arm of {@code ?:} await only when reached; the conditional's
     * value goes through an Object field read back by a witness of the whole expression (never evaluated).
     */
    @Test
    void shortCircuitAndConditionalOperatorsBranchAroundTheirAwaits() {
        assertListing("""
                @Async Task<Integer> m(Task<Boolean> b, Task<Integer> t, boolean x) {
                  boolean r = x && Await.on(b);
                  int k = x ? Await.on(t) : 0;
                  return Task.completed(r ? k : -k);
                }
                """, """
                fields: $b1 boolean, $t2 java.lang.Object
                B0 (handler -):
                  m.$b1 = x;
                  branch !m.$b1 -> B2
                  suspend b -> B1
                B1 (handler -):
                  m.$b1 = m.<Boolean>awaited($await);
                  jump B2
                B2 (handler -):
                  decl r = m.$b1
                  branch !(x) -> B4
                  suspend t -> B3
                B3 (handler -):
                  m.$t2 = m.<Integer>awaited($await);
                  jump B5
                B4 (handler -):
                  m.$t2 = 0;
                  jump B5
                B5 (handler -):
                  decl k = org.asyncio4j.spi.Witness.as(m.$t2, () -> [w]x ? Await.on([w]t) : 0)
                  m.returnValue(r ? k : -k);
                  exit return;
                """);
    }

    /**
     * JLS 15.26.2: the field's old value is read before the right side; another task may change the field
     * while this one is suspended, so it is saved and not read again.
     */
    @Test
    void aCompoundAssignmentToAFieldSavesItsOldValueBeforeTheAwait() {
        assertListing("""
                int total;
                @Async Task<Integer> m(Task<Integer> t) {
                  total += Await.on(t);
                  return Task.completed(total);
                }
                """, """
                fields: $t1 java.lang.Object
                B0 (handler -):
                  m.$t1 = total;
                  suspend t -> B1
                B1 (handler -):
                  var $c1 = org.asyncio4j.spi.Witness.as(m.$t1, () -> total);
                  total = ($c1 += m.<Integer>awaited($await));
                  m.returnValue(total);
                  exit return;
                """);
    }

    /**
     * Each arm's awaits get their own blocks; a local of the else block is cleared where its scope ends.
     */
    @Test
    void ifElseArmsJoinAfterTheirAwaits() {
        assertListing("""
                @Async Task<Integer> m(Task<Integer> t, boolean x) {
                  int r;
                  if (x) {
                    r = Await.on(t);
                  } else {
                    int k = 2;
                    r = k + Await.on(t);
                  }
                  return Task.completed(r);
                }
                """, """
                fields: -
                B0 (handler -):
                  decl r
                  branch !(x) -> B2
                  suspend t -> B1
                B1 (handler -):
                  r = m.<Integer>awaited($await);
                  jump B4
                B2 (handler -):
                  decl k = 2
                  suspend t -> B3
                B3 (handler -):
                  r = k + m.<Integer>awaited($await);
                  clear k
                  jump B4
                B4 (handler -):
                  m.returnValue(r);
                  exit return;
                """);
    }

    /**
     * {@code continue} goes back to the condition, {@code break} to the exit, which clears the body's local.
     */
    @Test
    void whileBreaksAndContinuesJumpToTheExitAndTheHead() {
        assertListing("""
                @Async Task<Integer> m(Task<String> t) {
                  int n = 0;
                  while (n < 100) {
                    if (n % 2 == 1) {
                      n++;
                      continue;
                    }
                    String v = Await.on(t);
                    if (v == null) break;
                    n += v.length();
                  }
                  return Task.completed(n);
                }
                """, """
                fields: -
                B0 (handler -):
                  decl n = 0
                  jump B1
                B1 (handler -):
                  branch !(n < 100) -> B5
                  branch !(n % 2 == 1) -> B2
                  n++;
                  jump B1
                B2 (handler -):
                  suspend t -> B3
                B3 (handler -):
                  decl v = m.awaited($await)
                  branch !(v == null) -> B4
                  jump B5
                B4 (handler -):
                  n += v.length();
                  clear v
                  jump B1
                B5 (handler -):
                  clear v
                  m.returnValue(n);
                  exit return;
                """);
    }

    /**
     * The update is the continue target; the loop variable is cleared at the exit.
     */
    @Test
    void forLoopRunsItsUpdateInItsOwnBlock() {
        assertListing("""
                @Async Task<Integer> m(Task<Integer> t, int n) {
                  int sum = 0;
                  for (int i = 0; i < n; i++) {
                    sum += Await.on(t);
                  }
                  return Task.completed(sum);
                }
                """, """
                fields: -
                B0 (handler -):
                  decl sum = 0
                  decl i = 0
                  jump B1
                B1 (handler -):
                  branch !(i < n) -> B4
                  suspend t -> B2
                B2 (handler -):
                  sum += m.<Integer>awaited($await);
                  jump B3
                B3 (handler -):
                  i++;
                  jump B1
                B4 (handler -):
                  clear i
                  m.returnValue(sum);
                  exit return;
                """);
    }

    /**
     * {@code for (x : Await.each(xs))}: each step awaits hasNext(); the end and an exception both go to the exit,
     * which awaits closeAsync with the pending exception (null at the end) and then rethrows it or goes on.
     */
    @Test
    void asyncForEachIsAProtectedRegionClosedByAwaitingCloseAsync() {
        assertListing("""
                @Async Task<Integer> m(AsyncIterable<Integer> xs) {
                  int sum = 0;
                  for (int x : Await.each(xs)) {
                    sum += x;
                  }
                  return Task.completed(sum);
                }
                """, """
                fields: $it1 org.asyncio4j.AsyncIterator<java.lang.Integer>, $ex2 java.lang.Throwable, $fin3 int
                B0 (handler -):
                  decl sum = 0
                  m.$it1 = org.asyncio4j.spi.ForEach.async(xs);
                  m.$ex2 = null;
                  jump B1
                B1 (handler B4 $ex2):
                  suspend m.$it1.hasNext() -> B2
                B2 (handler B4 $ex2):
                  branch !m.<java.lang.Boolean>awaited($await) -> B3
                  decl x = m.$it1.next()
                  {
                      sum += x;
                    }
                  jump B1
                B3 (handler B4 $ex2):
                  clear x
                  finset $fin3 -> B7
                  jump B5
                B4 (handler -):
                  clear x
                  finset $fin3 -> rethrow
                  jump B5
                B5 (handler -):
                  suspend org.asyncio4j.spi.ForEach.closeAsync(m.$it1, m.$ex2) -> B6
                B6 (handler -):
                  m.awaited($await);
                  m.$it1 = null;
                  finend $fin3 $ex2
                B7 (handler -):
                  m.returnValue(sum);
                  exit return;
                """);
    }

    /**
     * {@code break outer} from the inner loop goes straight to the outer loop's exit; the comparison's left
     * operand, the await, is evaluated before {@code i * j}.
     */
    @Test
    void aLabeledBreakLeavesBothLoopsAndClearsTheirVariables() {
        assertListing("""
                @Async Task<Integer> m(Task<Integer> t, int n) {
                  int found = -1;
                  outer:
                  for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                      if (Await.on(t) == i * j) { found = i; break outer; }
                    }
                  }
                  return Task.completed(found);
                }
                """, """
                fields: -
                B0 (handler -):
                  decl found = -1
                  decl i = 0
                  jump B1
                B1 (handler -):
                  branch !(i < n) -> B8
                  decl j = 0
                  jump B2
                B2 (handler -):
                  branch !(j < n) -> B6
                  suspend t -> B3
                B3 (handler -):
                  branch !(m.<Integer>awaited($await) == i * j) -> B4
                  found = i;
                  jump B8
                B4 (handler -):
                  jump B5
                B5 (handler -):
                  j++;
                  jump B2
                B6 (handler -):
                  clear j
                  jump B7
                B7 (handler -):
                  i++;
                  jump B1
                B8 (handler -):
                  clear j
                  clear i
                  m.returnValue(found);
                  exit return;
                """);
    }

    /**
     * One block per case; case 1 falls through into case 2, 3; break goes to the exit; no fallback: default.
     */
    @Test
    void switchStatementDispatchesWithFallThroughAndDefault() {
        assertListing("""
                @Async Task<String> m(Task<String> t, int k) {
                  String s = "";
                  switch (k) {
                    case 1:
                      s += Await.on(t);
                    case 2, 3:
                      s += "two";
                      break;
                    default:
                      s = Await.on(t);
                  }
                  return Task.completed(s);
                }
                """, """
                fields: -
                B0 (handler -):
                  decl s = ""
                  dispatch (k) [1 -> B1, 2, 3 -> B3, default -> B4]
                B1 (handler -):
                  suspend t -> B2
                B2 (handler -):
                  s += m.<String>awaited($await);
                  jump B3
                B3 (handler -):
                  s += "two";
                  jump B6
                B4 (handler -):
                  suspend t -> B5
                B5 (handler -):
                  s = m.awaited($await);
                  jump B6
                B6 (handler -):
                  m.returnValue(s);
                  exit return;
                """);
    }

    /**
     * Arrows and yield write the value to a field. A declaration with a written type gives the field that type
     * (the arms convert to it as Java's do in that assignment context: JLS 15.28.1) and reads it as it is.
     */
    @Test
    void switchExpressionYieldsThroughAField() {
        assertListing("""
                @Async Task<Integer> m(Task<Integer> t, int k) {
                  int r = switch (k) {
                    case 1 -> Await.on(t);
                    case 2 -> { int v = Await.on(t); yield v * 2; }
                    default -> 0;
                  };
                  return Task.completed(r);
                }
                """, """
                fields: $t1 int
                B0 (handler -):
                  dispatch (k) [1 -> B1, 2 -> B3, default -> B5]
                B1 (handler -):
                  suspend t -> B2
                B2 (handler -):
                  m.$t1 = m.<Integer>awaited($await);
                  jump B6
                B3 (handler -):
                  suspend t -> B4
                B4 (handler -):
                  decl v = m.<Integer>awaited($await)
                  m.$t1 = v * 2;
                  jump B6
                B5 (handler -):
                  m.$t1 = 0;
                  jump B6
                B6 (handler -):
                  clear v
                  decl r = m.$t1
                  m.returnValue(r);
                  exit return;
                """);
    }

    /** Without a written type (var, an argument), javac must infer the switch's type: a witness restates it. */
    @Test
    void switchExpressionWithoutAWrittenTargetIsReadThroughAWitness() {
        assertListing("""
                @Async Task<Integer> m(Task<Integer> t, int k) {
                  var r = switch (k) {
                    case 1 -> Await.on(t);
                    default -> 0;
                  };
                  return Task.completed(r);
                }
                """, """
                fields: $t1 java.lang.Object
                B0 (handler -):
                  dispatch (k) [1 -> B1, default -> B3]
                B1 (handler -):
                  suspend t -> B2
                B2 (handler -):
                  m.$t1 = m.<Integer>awaited($await);
                  jump B4
                B3 (handler -):
                  m.$t1 = 0;
                  jump B4
                B4 (handler -):
                  decl r = org.asyncio4j.spi.Witness.as(m.$t1, () -> switch ([w]k) {
                      case 1 -> Await.on([w]t);
                      default -> 0;
                    })
                  m.returnValue(r);
                  exit return;
                """);
    }

    @Test
    void tryCatchFinallyRoutesEveryWayOutThroughTheFinally() {
        assertListing("""
                static void log(Object o) {}
                @Async Task<Integer> m(Task<Integer> t) {
                  try {
                    int v = Await.on(t);
                    return Task.completed(v);
                  } catch (IllegalStateException e) {
                    log(e);
                  } finally {
                    Await.on(t);
                  }
                  return Task.completed(0);
                }
                """, """
                fields: $ex1 java.lang.Throwable, $fin2 int, $ret3 org.asyncio4j.Task<java.lang.Integer>
                B0 (handler -):
                  jump B1
                B1 (handler B3 $ex1):
                  suspend t -> B2
                B2 (handler B3 $ex1):
                  decl v = m.<Integer>awaited($await)
                  m.$ret3 = Task.completed(v);
                  finset $fin2 -> B9
                  jump B6
                B3 (handler B5 $ex1):
                  clear v
                  clear e
                  branch m.$ex1 instanceof IllegalStateException -> B4
                  finset $fin2 -> rethrow
                  jump B6
                B4 (handler B5 $ex1):
                  decl e = (IllegalStateException) m.$ex1
                  log(e);
                  clear e
                  finset $fin2 -> B8
                  jump B6
                B5 (handler -):
                  clear v
                  clear e
                  finset $fin2 -> rethrow
                  jump B6
                B6 (handler -):
                  suspend t -> B7
                B7 (handler -):
                  m.awaited($await);
                  finend $fin2 $ex1
                B8 (handler -):
                  m.returnValue(0);
                  exit return;
                B9 (handler -):
                  m.returnTask(m.$ret3);
                  exit return;
                """);
    }

    /**
     * {@code break} from inside two try/finally: the inner finally continues at a trampoline that runs the
     * outer finally, which continues at the loop's exit; normal ends and exceptions take each finally once.
     */
    @Test
    void breakThroughTwoFinallyBlocksUsesATrampoline() {
        assertListing("""
                static void log(Object o) {}
                @Async Task<Integer> m(Task<Integer> t) {
                  int n = 0;
                  while (true) {
                    try {
                      try {
                        n += Await.on(t);
                        if (n > 10) break;
                      } finally {
                        log("inner");
                      }
                    } finally {
                      log("outer");
                    }
                  }
                  return Task.completed(n);
                }
                """, """
                fields: $ex1 java.lang.Throwable, $fin2 int, $ex3 java.lang.Throwable, $fin4 int
                B0 (handler -):
                  decl n = 0
                  jump B1
                B1 (handler -):
                  jump B2
                B2 (handler B9 $ex1):
                  jump B3
                B3 (handler B6 $ex3):
                  suspend t -> B4
                B4 (handler B6 $ex3):
                  n += m.<Integer>awaited($await);
                  branch !(n > 10) -> B5
                  finset $fin4 -> B13
                  jump B7
                B5 (handler B6 $ex3):
                  finset $fin4 -> B8
                  jump B7
                B6 (handler B9 $ex1):
                  finset $fin4 -> rethrow
                  jump B7
                B7 (handler B9 $ex1):
                  log("inner");
                  finend $fin4 $ex3
                B8 (handler B9 $ex1):
                  finset $fin2 -> B11
                  jump B10
                B9 (handler -):
                  finset $fin2 -> rethrow
                  jump B10
                B10 (handler -):
                  log("outer");
                  finend $fin2 $ex1
                B11 (handler -):
                  jump B1
                B12 (handler -):
                  m.returnValue(n);
                  exit return;
                B13 (handler -):
                  finset $fin2 -> B12
                  jump B10
                """);
    }

    /**
     * JLS 14.20.3 with an AsyncCloseable: the return's value is computed, then the resource is closed (awaiting
     * closeAsync with the pending exception, or close() for a plain AutoCloseable, skipped when null).
     */
    @Test
    void tryWithResourcesAwaitsCloseAsyncOnEveryWayOut() {
        assertListing("""
                @Async Task<Integer> m(Task<Integer> t, AsyncCloseable c) {
                  try (AsyncCloseable r = c) {
                    return Task.completed(Await.on(t));
                  }
                }
                """, """
                fields: $ex1 java.lang.Throwable, $fin2 int, $ret3 org.asyncio4j.Task<java.lang.Integer>
                B0 (handler -):
                  decl r = c
                  m.$ex1 = null;
                  jump B1
                B1 (handler B3 $ex1):
                  suspend t -> B2
                B2 (handler B3 $ex1):
                  m.$ret3 = Task.completed(m.<Integer>awaited($await));
                  finset $fin2 -> B9
                  jump B4
                B3 (handler -):
                  finset $fin2 -> rethrow
                  jump B4
                B4 (handler -):
                  branch r == null -> B7
                  branch !((java.lang.Object) r instanceof org.asyncio4j.AsyncCloseable) -> B6
                  suspend ((org.asyncio4j.AsyncCloseable) (java.lang.Object) r).closeAsync(m.$ex1) -> B5
                B5 (handler -):
                  m.awaited($await);
                  jump B7
                B6 (handler -):
                  if (m.$ex1 != null) { try { r.close(); } catch (java.lang.Throwable $closeFailure) { m.$ex1.addSuppressed($closeFailure); } } else { r.close(); }
                  jump B7
                B7 (handler -):
                  finend $fin2 $ex1
                B8 (handler -):
                  clear r
                  exit throw new java.lang.IllegalStateException("end of @Async body reached without return");
                B9 (handler -):
                  m.returnTask(m.$ret3);
                  exit return;
                """);
    }
}
