package org.asyncio4j.bench.w7;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The W7 corpus of {@link Corpus} written in Kotlin, for the kotlinc peer: the same files, classes,
 * methods, statements and control flow, line for line, so that kotlinc and javac compile the same
 * programs. How each line of {@link Corpus} is written here:
 * <pre>
 *   Java (Corpus)                                    Kotlin (this class)
 *   import java.time.Duration, java.util.*,          import java.time.Duration, kotlinx.coroutines.Deferred,
 *     org.asyncio4j.*, ...annotations.Async            kotlinx.coroutines.time.delay
 *   public class C7 {                                class C7 {
 *   final List&lt;String&gt; log = new ArrayList&lt;&gt;();      val log: MutableList&lt;String?&gt; = ArrayList()   (getMessage() may be null)
 *   &#64;Async Task&lt;Integer&gt; m3(Task&lt;Integer&gt; t, int n)   suspend fun m3(t: Deferred&lt;Int&gt;, n: Int): Int
 *   int total = 0;                                   var total = 0
 *   var names = new ArrayList&lt;String&gt;();             val names = ArrayList&lt;String&gt;()
 *   for (int i = 0; i &lt; n; i++) {                    for (i in 0 until n) {
 *   try { ... } catch (IllegalStateException e)      try { ... } catch (e: IllegalStateException)
 *     { ... } finally { ... }                          { ... } finally { ... }
 *   total += Await.on(t) + i;                        total += t.await() + i
 *   names.add("x" + i);                              names.add("x" + i)
 *   log.add(e.getMessage());                         log.add(e.message)
 *   if (total &gt; 100) { break; }                      if (total &gt; 100) { break }
 *   String s = names.size() &gt; 2 ? names.get(0)       val s = if (names.size &gt; 2) names[0] else "none"
 *     : "none";
 *   Await.on(Asyncio.sleep(Duration.ofMillis(1)));   delay(Duration.ofMillis(1))   (kotlinx.coroutines.time)
 *   return Task.completed(total + s.length());       return total + s.length
 *   int p3(List&lt;Integer&gt; t, int n)                   fun p3(t: List&lt;Int&gt;, n: Int): Int
 *   total += t.get(i % 4) + i;                       total += t[i % 4] + i
 *   log.add(Duration.ofMillis(1).toString());        log.add(Duration.ofMillis(1).toString())
 * </pre>
 * {@link Variant#PLAIN} is Kotlin's counterpart of javac's {@code -proc:none} row: the same text with
 * {@code suspend} dropped, so kotlinc has no coroutine to lower; each suspending call is replaced by a
 * blocking call of the same shape on the same types ({@code t.await()} by {@code t.getCompleted()},
 * {@code delay(d)} by {@code Thread.sleep(d.toMillis())}), with a file-level opt-in for
 * {@code getCompleted}, which kotlinx.coroutines marks experimental. The ordinary methods of W7-mixed
 * are the same in both variants.
 */
final class KotlinCorpus {
    private KotlinCorpus() {}

    /** Which form the {@code @Async} methods of {@link Corpus} take. */
    enum Variant {
        /** {@code suspend fun}s awaiting a {@code Deferred} and a {@code delay}: what a Kotlin user writes. */
        SUSPEND,
        /** The same functions without {@code suspend}, blocking calls where the suspensions were. */
        PLAIN
    }

    static List<String> write(Path dir, Variant variant, int files, int methods, int plainMethods) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("corpus"));
        boolean suspend = variant == Variant.SUSPEND;
        List<String> out = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            StringBuilder s = new StringBuilder();
            if (!suspend) {
                s.append("@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)\n\n");
            }
            s.append("package corpus\n\nimport java.time.Duration\nimport kotlinx.coroutines.Deferred\n");
            if (suspend) {
                s.append("import kotlinx.coroutines.time.delay\n");
            }
            s.append("\nclass C").append(f).append(" {\n")
                    .append("    val log: MutableList<String?> = ArrayList()\n");
            for (int m = 0; m < methods; m++) {
                if (suspend) {
                    method(s, "    suspend fun m" + m + "(t: Deferred<Int>, n: Int): Int {\n", "t.await()",
                            "        delay(Duration.ofMillis(1))\n");
                } else {
                    method(s, "    fun m" + m + "(t: Deferred<Int>, n: Int): Int {\n", "t.getCompleted()",
                            "        Thread.sleep(Duration.ofMillis(1).toMillis())\n");
                }
            }
            for (int m = 0; m < plainMethods; m++) {
                method(s, "    fun p" + m + "(t: List<Int>, n: Int): Int {\n", "t[i % " + (m + 1) + "]",
                        "        log.add(Duration.ofMillis(1).toString())\n");
            }
            s.append("}\n");
            Path file = pkg.resolve("C" + f + ".kt");
            Files.writeString(file, s.toString());
            out.add(file.toString());
        }
        return out;
    }

    /** One function: {@link Corpus}'s method shape in Kotlin, with the forms' differences as text. */
    private static void method(StringBuilder s, String header, String read, String secondLine) {
        s.append("\n").append(header)
                .append("        var total = 0\n")
                .append("        val names = ArrayList<String>()\n")
                .append("        for (i in 0 until n) {\n")
                .append("            try {\n")
                .append("                total += ").append(read).append(" + i\n")
                .append("                names.add(\"x\" + i)\n")
                .append("            } catch (e: IllegalStateException) {\n")
                .append("                log.add(e.message)\n")
                .append("            } finally {\n")
                .append("                log.add(\"f\")\n")
                .append("            }\n")
                .append("            if (total > 100) {\n")
                .append("                break\n")
                .append("            }\n")
                .append("        }\n")
                .append("        val s = if (names.size > 2) names[0] else \"none\"\n")
                .append(secondLine)
                .append("        return total + s.length\n")
                .append("    }\n");
    }
}
