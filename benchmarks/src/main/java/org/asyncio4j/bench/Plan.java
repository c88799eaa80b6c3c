package org.asyncio4j.bench;

import java.util.ArrayList;
import java.util.List;

/** The workloads and their peers, sized for quick or full mode. */
final class Plan {
    private Plan() {}

    static final String B = "org.asyncio4j.bench.";

    /** kotlin-stdlib's version, which benchmarks/pom.xml also gives W7's kotlinc (kotlin-compiler-embeddable). */
    static final String KOTLIN_VERSION = kotlin.KotlinVersion.CURRENT.toString();

    static final Metric SPAWN = Metric.lower("spawnMs", "spawn (until all suspended)", "ms", 1);
    static final Metric SPAWN_CPU = Metric.lower("spawnCpuMs", "spawn CPU (process)", "ms", 1);
    static final Metric TASKS_CPU = Metric.higher("tasksPerCpuSec", "tasks per CPU second", "M/s", 1e6);
    static final Metric SCHED_CANCEL_CPU = Metric.lower("scheduleCancelCpuMs", "schedule + cancel CPU (process)", "ms", 1);
    static final Metric TOTAL = Metric.lower("totalMs", "total", "ms", 1);
    static final Metric BYTES_TASK = Metric.lower("bytesPerTask", "live heap per suspended task", "bytes", 1);
    static final Metric RSS = Metric.lower("peakRssBytes", "peak RSS", "MB", 1 << 20);
    static final Metric HANDOFFS = Metric.higher("handoffsPerSec", "hand-offs per second", "M/s", 1e6);
    static final Metric BYTES_HANDOFF = Metric.lower("bytesPerHandoff", "bytes allocated per hand-off (JMH gc profiler)", "bytes", 1);
    static final Metric HANDOFFS_CPU = Metric.higher("handoffsPerCpuSec", "hand-offs per CPU second", "M/s", 1e6);
    static final Metric TASKS = Metric.higher("tasksPerSec", "tasks per second", "M/s", 1e6);
    static final Metric SCHED_CANCEL = Metric.lower("scheduleCancelMs", "schedule + cancel", "ms", 1);
    static final Metric BYTES_TIMER = Metric.lower("bytesPerTimer", "live heap per timer", "bytes", 1);
    static final Metric REQS = Metric.higher("reqPerSec", "requests per second", "k/s", 1e3);
    static final Metric P50 = Metric.lower("p50Us", "p50 latency", "us", 1);
    static final Metric P99 = Metric.lower("p99Us", "p99 latency", "us", 1);
    static final Metric P999 = Metric.lower("p999Us", "p99.9 latency", "us", 1);
    static final Metric SERVER_CPU = Metric.lower("serverCpuUsPerReq", "server CPU per request", "us", 1);
    static final Metric CLIENT_CPU = Metric.lower("clientCpuUsPerReq", "load client CPU per request", "us", 1);
    static final Metric NS_PER_STEP = Metric.lower("nsPerStep", "time per loop step", "ns", 1);
    static final Metric NS_PER_STEP_CPU = Metric.lower("cpuNsPerStep", "CPU time per loop step", "ns", 1);
    static final Metric BIG_READ = Metric.lower("bigReadMs", "1 GB file read whole", "ms", 1);
    static final Metric BIG_CPU = Metric.lower("bigCpuMs", "1 GB read, CPU (process)", "ms", 1);
    static final Metric SMALL_READ = Metric.lower("smallReadMs", "100k files of 1 KB read", "ms", 1);
    static final Metric SMALL_CPU = Metric.lower("smallCpuUsPerFile", "CPU per small file (process)", "us", 1);
    static final Metric NS_PER_ITEM = Metric.lower("nsPerItem", "time per element", "ns", 1);
    static final Metric CPU_NS_PER_ITEM = Metric.lower("cpuNsPerItem", "CPU time per element (process)", "ns", 1);
    static final Metric BYTES_PER_ITEM = Metric.lower("bytesPerItem", "bytes allocated per element", "bytes", 1);
    static final Metric COMPILE_MS = Metric.lower("compileMs", "compiler, whole process", "ms", 1);
    static final Metric COMPILE_CPU = Metric.lower("compileCpuMs", "compiler CPU (process)", "ms", 1);

    /** Sizes of one mode. */
    record Mode(String name, int runs, int[] w1Sizes, int w1SleepMs, int w2PythonHandoffs, int jmhWarmups,
                int jmhIterations, int w3N, int w3Reps, int w5N, int w4Conns, int w4Trips, int w4Warmup,
                int httpWarmupSec, int httpSeconds) {
        static Mode quick() {
            return new Mode("quick", 3, new int[] {100_000}, 2_000, 200_000, 1, 2, 100_000, 10, 200_000, 100, 1_000, 100,
                    3, 5);
        }

        static Mode full() {
            return new Mode("full", 3, new int[] {100_000, 1_000_000}, 20_000, 1_000_000, 3, 5, 100_000, 10,
                    1_000_000, 100, 10_000, 1_000, 5, 10);
        }
    }

    static List<Workload> build(Mode m) {
        List<Workload> all = new ArrayList<>();
        for (int n : m.w1Sizes()) {
            all.add(w1(m, n));
        }
        all.add(w2(m));
        all.add(w3(m));
        all.add(w4(m));
        all.add(w5(m));
        all.add(w6(m));
        all.add(w7(m));
        all.add(w7Mixed(m));
        all.add(w8(m));
        all.add(w9(m));
        all.add(http(m, 100));
        all.add(http(m, 1000));
        return all;
    }

    /** Issue 20: requests/s, p99 and server CPU per request of a small JSON route, at {@code conns} connections. */
    static Workload http(Mode m, int conns) {
        List<String> a = List.of("conns=" + conns, "seconds=" + m.httpSeconds(), "warmupSec=" + m.httpWarmupSec());
        Workload w = new Workload("HTTP-" + conns, "HTTP server, " + conns + " connections",
                "GET /json answering {\"message\":\"hello\"} over " + conns + " keep-alive connections on 127.0.0.1: "
                        + m.httpWarmupSec() + " s of warm-up, then " + m.httpSeconds() + " s timed. One shared load client"
                        + " (bench/http/HttpLoad: a platform thread per connection, one request in flight on each,"
                        + " responses read with Jetty's HttpParser) drives every server in turn. Latency is per request,"
                        + " from its write to the end of its response. Server CPU per request: the server process's CPU"
                        + " time (all its threads) over the timed phase, divided by the timed requests. The load"
                        + " client's threads share the machine's cores with the server.",
                List.of(REQS, P50, P99, SERVER_CPU, RSS), List.of(REQS, P99, SERVER_CPU));
        Case a4j = new Case(Peers.ASYNCIO4J, "");
        a4j.httpServer = "a4j";
        a4j.args = a;
        a4j.note = "asyncio4j: org.asyncio4j.http.HttpServer (one event loop; requests parsed by Jetty's standalone"
                + " HttpParser), the route a lambda returning a completed task.";
        w.add(a4j);
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores > 1) {
            Case group = loopsCase(cores, a, "asyncio4j on a LoopGroup of " + cores + " loops (one per core, as Jetty's"
                    + " and the JDK's servers use every core): HttpServer.Builder.startOn, one server per loop on one port"
                    + " with SO_REUSEPORT.");
            group.httpServer = "a4j-loops";
            w.add(group);
        }
        Case jdk = new Case(Peers.JDK_HTTPSERVER, "");
        jdk.httpServer = "jdk";
        jdk.args = a;
        jdk.needsVirtualThreads = true;
        // Its default of 200 idle connections closes keep-alive connections beyond that at 1,000.
        jdk.serverFlags = List.of("-Dsun.net.httpserver.maxIdleConnections=2000");
        jdk.note = "JDK HttpServer: com.sun.net.httpserver with a virtual thread per exchange,"
                + " -Dsun.net.httpserver.maxIdleConnections=2000.";
        w.add(jdk);
        Case jetty = new Case(Peers.JETTY, "");
        jetty.httpServer = "jetty";
        jetty.args = a;
        jetty.needsVirtualThreads = true;
        jetty.note = "Jetty 12: a Server with one ServerConnector, handlers on virtual threads (QueuedThreadPool's"
                + " virtual-threads executor), a Handler.Abstract writing the body.";
        w.add(jetty);
        String loops = cores + " loops";
        w.goals = x -> cores == 1
                ? List.of(Goals.ratioToBest(x, REQS, 1, ">= the best peer's requests/s (issue 20)"),
                        Goals.ratioToBest(x, SERVER_CPU, 1, "server CPU per request no higher than any peer's (issue 20)"))
                : List.of(Goals.ratioToBest(x, REQS, 1, ">= the best peer's requests/s (issue 20), one loop"),
                        Goals.ratioToBest(x, SERVER_CPU, 1, "server CPU per request no higher than any peer's (issue 20),"
                                + " one loop"),
                        Goals.ratioToBest(x, loops, REQS, 1, ">= the best peer's requests/s (issue 20)"),
                        Goals.ratioToBest(x, loops, SERVER_CPU, 1, "server CPU per request no higher than any peer's"
                                + " (issue 20)"));
        return w;
    }

    /** asyncio4j's row with one loop per core ({@code cores} of them), its server set by the caller. */
    private static Case loopsCase(int cores, List<String> args, String note) {
        Case c = new Case(Peers.ASYNCIO4J, cores + " loops");
        c.args = args;
        c.note = note;
        return c;
    }

    private static String k(int n) {
        return n >= 1_000_000 ? (n / 1_000_000) + "M" : (n / 1_000) + "k";
    }

    static Workload w1(Mode m, int n) {
        List<String> a = List.of("n=" + n, "sleepMs=" + m.w1SleepMs());
        Workload w = new Workload("W1-" + k(n), "W1 spawn-sleep-join, N = " + k(n),
                n + " tasks each sleep " + m.w1SleepMs() / 1000 + " s on the real clock, all alive at once, then"
                        + " are joined in order. Spawn runs until every task has reached its sleep. Heap per task ="
                        + " (heap after full GC with all asleep - heap after full GC before) / N, including the"
                        + " array of N task references each peer keeps for the join (4 bytes a task). Total runs"
                        + " from the first spawn to the last join and includes that GC, which overlaps the sleep."
                        + " Python's figure is the growth of its resident set (it has no heap-after-GC figure).",
                List.of(SPAWN, SPAWN_CPU, TOTAL, BYTES_TASK, RSS), List.of(BYTES_TASK, SPAWN, SPAWN_CPU));
        w.add(Case.main(Peers.ASYNCIO4J, "", B + "a4j.SpawnSleepJoin", a)
                .note("asyncio4j: hand-written machines (the shape @Async compiles to), started eagerly as an"
                        + " @Async call is; one loop thread, system clock."));
        w.add(Case.main(Peers.VIRTUAL_THREADS, "", B + "vt.SpawnSleepJoin", a).vt());
        w.add(Case.main(Peers.COMPLETABLE_FUTURE, "", B + "cf.SpawnSleepJoin", a)
                .note("CompletableFuture: sleep = a CompletableFuture completed by a one-thread"
                        + " ScheduledThreadPoolExecutor, then thenApply; all on that thread."));
        w.add(Case.main(Peers.KOTLIN, "", B + "kotlin.SpawnSleepJoin", a));
        w.add(Case.python("", "spawn_sleep_join.py", a));
        w.goals = x -> List.of(
                Goals.absolute(x, BYTES_TASK, 120, "<= 120 bytes per suspended task (issues 2 and 7)"),
                Goals.absolute(x, BYTES_TASK, 80, "<= 80 bytes per suspended task (issue 18)"),
                Goals.ratio(x, SPAWN, Peers.KOTLIN, 2, "spawn at least 2x faster than Kotlin (issue 7, for 1M)"),
                Goals.ratio(x, SPAWN, Peers.VIRTUAL_THREADS, 3, "spawn at most 1/3 of virtual threads' time (issue 2)"),
                Goals.ratio(x, SPAWN_CPU, Peers.KOTLIN, 2, "the same by process CPU time: 2x Kotlin"),
                Goals.ratio(x, SPAWN_CPU, Peers.VIRTUAL_THREADS, 3, "the same by process CPU time: 3x virtual threads"));
        return w;
    }

    static Workload w2(Mode m) {
        Workload w = new Workload("W2", "W2 ping-pong through 1-slot queues",
                "Two tasks pass a token back and forth through two 1-slot queues; every put-to-get transfer is one"
                        + " hand-off. JVM peers: JMH (" + m.runs() + " forks, " + m.jmhWarmups() + " warm-up and "
                        + m.jmhIterations() + " measured 1 s iterations each; one run = one fork's score),"
                        + " 100,000 hand-offs per invocation. Python: " + m.w2PythonHandoffs()
                        + " hand-offs after a warm-up, one process per run.",
                List.of(HANDOFFS, HANDOFFS_CPU, BYTES_HANDOFF), List.of(HANDOFFS, HANDOFFS_CPU));
        // A pre-touched heap: the measured seconds must not fall in the first touch of eden, whose
        // length in hand-offs grows as a peer allocates less per hand-off (Runner.PRE_TOUCH).
        w.preTouch = true;
        w.add(Case.jmh(Peers.ASYNCIO4J, "asyncio4j")
                .note("asyncio4j: two org.asyncio4j.queue.AsyncQueue(1), put/get awaited in hand-written Coroutine"
                        + " machines (the shape the @Async processor emits)."));
        w.add(Case.jmh(Peers.VIRTUAL_THREADS, "virtualThreads").vt()
                .note("virtual threads: two virtual threads and two SynchronousQueues."));
        w.add(Case.jmh(Peers.COMPLETABLE_FUTURE, "completableFuture")
                .note("CompletableFuture: the same 1-slot hand-off built on CompletableFuture, continued through a"
                        + " one-thread executor (thenComposeAsync)."));
        w.add(Case.jmh(Peers.KOTLIN, "kotlin").note("Kotlin: two Channel(1) under runBlocking."));
        w.add(Case.python("", "ping_pong.py", List.of("handoffs=" + m.w2PythonHandoffs()))
                .note("Python: two asyncio.Queue(maxsize=1)."));
        w.goals = x -> List.of(
                Goals.absolute(x, HANDOFFS, 20e6, ">= 20M hand-offs per second (issue 3)"),
                Goals.absolute(x, HANDOFFS, 30e6, ">= 30M hand-offs per second on JDK 25 (issue 18)"),
                Goals.absolute(x, BYTES_HANDOFF, 16.5, "0 bytes of library allocation per hand-off (issue 18): at most the"
                        + " 16-byte Integer the harness itself boxes per hand-off"),
                Goals.ratio(x, HANDOFFS, Peers.KOTLIN, 2, ">= 2x Kotlin's Channel(1) (issues 3 and 7)"),
                Goals.absolute(x, HANDOFFS_CPU, 20e6, "the same per process CPU second: >= 20M"),
                Goals.ratio(x, HANDOFFS_CPU, Peers.KOTLIN, 2, "the same per process CPU second: >= 2x Kotlin"));
        return w;
    }

    static Workload w3(Mode m) {
        List<String> a = List.of("n=" + m.w3N(), "reps=" + m.w3Reps());
        List<String> lazy = new ArrayList<>(a);
        lazy.add("start=lazy");
        Workload w = new Workload("W3", "W3 fan-out gather",
                "Gather " + m.w3N() + " trivially completing child tasks (each returns its index), " + m.w3Reps()
                        + " repetitions, results collected in order; two in-process warm-up passes first"
                        + " (one for Python).",
                List.of(TASKS, TASKS_CPU, TOTAL, RSS), List.of(TASKS, TASKS_CPU));
        w.add(Case.main(Peers.ASYNCIO4J, "eager @Async", B + "a4j.FanOut", a)
                .note("asyncio4j: Await.on(Asyncio.gather(children)) in a hand-written Coroutine machine."
                        + " \"eager\" children are @Async calls and complete inside the call, so gather finds"
                        + " them done; \"lazy\" children are started as createTask does (one loop iteration each)."));
        w.add(Case.main(Peers.ASYNCIO4J, "lazy createTask", B + "a4j.FanOut", lazy));
        w.add(Case.main(Peers.VIRTUAL_THREADS, "", B + "vt.FanOut", a).vt()
                .note("virtual threads: one virtual thread per child, joined in order."));
        w.add(Case.main(Peers.COMPLETABLE_FUTURE, "", B + "cf.FanOut", a)
                .note("CompletableFuture: supplyAsync on a one-thread executor, then allOf."));
        w.add(Case.main(Peers.KOTLIN, "", B + "kotlin.FanOut", a).note("Kotlin: async { i } then awaitAll()."));
        w.add(Case.python("", "fan_out.py", a).note("Python: asyncio.gather(*coroutines)."));
        w.goals = x -> List.of(Goals.ratioToBest(x, TASKS, 3, ">= 3x the fastest peer (issue 7)"),
                Goals.ratioToBest(x, TASKS_CPU, 3, "the same per process CPU second"));
        return w;
    }

    static Workload w4(Mode m) {
        List<String> a = List.of("conns=" + m.w4Conns(), "trips=" + m.w4Trips(), "warmup=" + m.w4Warmup());
        Workload w = new Workload("W4", "W4 TCP echo",
                m.w4Conns() + " connections x " + m.w4Trips() + " round trips of 64-byte lines on 127.0.0.1 after "
                        + m.w4Warmup() + " warm-up trips each; one shared load client (a JVM whose one client thread drives"
                        + " all connections through an NIO selector, TCP_NODELAY; a closed loop per connection) drives"
                        + " every server in turn. Latency is per round trip, from the send to the last byte of the echo."
                        + " Server CPU per request: the server process's CPU time (all its threads, JIT included) over"
                        + " the client's whole run, warm-up trips counted; client CPU: the client process over the"
                        + " timed phase. Peak RSS is the server's.",
                List.of(REQS, P50, P99, P999, SERVER_CPU, CLIENT_CPU, RSS), List.of(REQS, P99, SERVER_CPU));
        // Small pages: this workload is bound by system calls and allocates little, so first-touch page
        // faults do not matter to it, and with transparent huge pages the asyncio4j server's CPU per
        // request rose from 10.1 to 12.8 us and the client's from 9.7 to 12 us while the virtual-thread
        // server's stayed at 25-27 us (full runs of 2026-12-02, ANALYSIS.md "W4"). Cause not found.
        w.smallPages = true;
        Case a4j = new Case(Peers.ASYNCIO4J, "");
        a4j.echoServer = "a4j";
        a4j.args = a;
        a4j.note = "asyncio4j: Asyncio.startServer, a hand-written Coroutine handler per connection:"
                + " readLine, write, drain per line until EOF, then close.";
        w.add(a4j);
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores > 1) {
            Case group = loopsCase(cores, a, "asyncio4j, one loop per core: LoopGroup.start(" + cores + ") with one"
                    + " SO_REUSEPORT server per loop, the same handler (issue 21).");
            group.echoServer = "a4j-loops";
            w.add(group);
            Case handOff = new Case(Peers.ASYNCIO4J, cores + " loops, hand-off");
            handOff.echoServer = "a4j-handoff";
            handOff.args = a;
            handOff.note = "asyncio4j, one loop per core without SO_REUSEPORT: LoopGroup.startServer(..., Spread.HAND_OFF),"
                    + " loop 0 accepts and hands each connection round robin to the next loop (issue 21).";
            w.add(handOff);
        }
        Case vt = new Case(Peers.VIRTUAL_THREADS, "");
        vt.echoServer = "vt";
        vt.args = a;
        vt.needsVirtualThreads = true;
        vt.note = "virtual threads: one virtual thread per connection, blocking java.net.Socket.";
        w.add(vt);
        Case kt = new Case(Peers.KOTLIN, "ktor-network");
        kt.echoServer = "kotlin";
        kt.args = a;
        kt.note = "Kotlin: ktor-network coroutine sockets (kotlinx-coroutines has none of its own); one coroutine per"
                + " connection on the runBlocking thread, ktor's selector loop on Dispatchers.IO.";
        w.add(kt);
        Case py = new Case(Peers.PYTHON, "");
        py.echoServer = "python";
        py.args = a;
        py.note = "Python: asyncio.start_server, readline/write/drain per line.";
        w.add(py);
        w.goals = x -> List.of(
                Goals.ratio(x, REQS, Peers.VIRTUAL_THREADS, 1.5, ">= 1.5x virtual threads' requests/s (issue 6)"),
                Goals.ratio(x, REQS, Peers.PYTHON, 4, ">= 4x Python asyncio's requests/s (issue 6)"),
                Goals.ratio(x, P99, Peers.VIRTUAL_THREADS, 1.0001, "lower p99 than virtual threads"),
                Goals.ratio(x, P99, Peers.PYTHON, 1.0001, "lower p99 than Python asyncio"));
        return w;
    }

    static Workload w5(Mode m) {
        List<String> a = List.of("n=" + m.w5N(), "maxMs=1000");
        Workload w = new Workload("W5", "W5 timers",
                m.w5N() + " timers with pseudo-random delays in 0-1000 ms are scheduled, then every other one is"
                        + " cancelled before any can fire (all in one callback on the loop thread); the run ends when"
                        + " the rest have fired. Schedule + cancel and total are timed in one round; heap per timer"
                        + " (heap after full GC with all scheduled, minus before, over N) in a separate round.",
                List.of(SCHED_CANCEL, SCHED_CANCEL_CPU, TOTAL, BYTES_TIMER, RSS), List.of(SCHED_CANCEL, SCHED_CANCEL_CPU, BYTES_TIMER));
        w.add(Case.main(Peers.ASYNCIO4J, "", B + "a4j.Timers", a)
                .note("asyncio4j: loop.callLater(Duration, Runnable) and TimerHandle.cancel()."));
        w.add(Case.main(Peers.STPE, "", B + "cf.Timers", a)
                .note("ScheduledThreadPoolExecutor(1): schedule(Runnable, delay) and cancel(false), default policies."));
        w.add(Case.main(Peers.KOTLIN, "", B + "kotlin.Timers", a)
                .note("Kotlin: launch(start = UNDISPATCHED) { delay(d); tick() } and Job.cancel() (no lighter public timer)."));
        w.add(Case.python("", "timers.py", a).note("Python: loop.call_later and TimerHandle.cancel()."));
        w.goals = x -> List.of(
                Goals.ratio(x, SCHED_CANCEL, Peers.STPE, 3, ">= 3x a one-thread ScheduledThreadPoolExecutor,"
                        + " schedule + cancel (issue 7)"),
                Goals.ratio(x, SCHED_CANCEL_CPU, Peers.STPE, 3, "the same by process CPU time"));
        return w;
    }

    static Workload w6(Mode m) {
        Workload w = new Workload("W6", "W6 await overhead",
                "An @Async method (compiled by the processor) awaiting an already-done task in a loop of 1,000,000"
                        + " steps, against the same loop calling a plain method that returns the task's result. JMH ("
                        + m.runs() + " forks, " + m.jmhWarmups() + " warm-up and " + m.jmhIterations()
                        + " measured 1 s iterations each); the @Async side includes starting one event loop per"
                        + " million steps.",
                List.of(NS_PER_STEP, NS_PER_STEP_CPU), List.of(NS_PER_STEP));
        Case a = Case.jmh(Peers.ASYNCIO4J, "asyncio4j").note("asyncio4j: AwaitLoop.awaitDone, an @Async method.");
        a.jmhClass = "AwaitOverheadBench";
        w.add(a);
        Case p = Case.jmh(Peers.PLAIN_CALL, "plainCallNotInlined").note("plain: the same loop calling"
                + " AwaitLoop.plainGet, kept a real call (@CompilerControl DONT_INLINE) so the loop cannot fold.");
        p.jmhClass = "AwaitOverheadBench";
        w.add(p);
        Case f = Case.jmh(Peers.PLAIN_FOLDED, "plainCall").note("plain, inlined: C2 inlines plainGet, hoists the"
                + " invariant read and folds the loop to a multiplication (shown for the record: no call is left).");
        f.jmhClass = "AwaitOverheadBench";
        w.add(f);
        w.goals = x -> List.of(
                Goals.ratio(x, NS_PER_STEP, Peers.PLAIN_CALL, 0.5,
                        "W6: an await of a done task within 2x of a plain (real) call (advantage >= 0.5x)"),
                Goals.ratio(x, NS_PER_STEP, Peers.PLAIN_FOLDED, 0.5,
                        "W6: the same against the plain loop C2 folds away (advantage >= 0.5x)"));
        return w;
    }

    static Workload w7(Mode m) {
        int files = 50;
        int methods = 10;
        List<String> corpus = List.of("files=" + files, "methods=" + methods);
        Workload w = new Workload("W7", "W7 compile time",
                "javac (whole process, the peers' JDK, default flags) on a corpus of " + files * methods
                        + " @Async methods in " + files + " files (a loop with an await in try/catch/finally, a var"
                        + " local, a second await), with the processor on --processor-path or with -proc:none;"
                        + " one javac per run. Beside it, kotlinc (whole process, the same JDK) on the same corpus"
                        + " written in Kotlin, as suspend funs and as plain funs (w7/KotlinCorpus says how each line"
                        + " corresponds). CPU = user + system time of the compiler process, all its threads.",
                List.of(COMPILE_MS, COMPILE_CPU), List.of(COMPILE_MS));
        return compileTime(w, corpus,
                "asyncio4j: javac --processor-path (the processor, JavaPoet, the annotations).",
                "plain javac: the same corpus with -proc:none (the @Async bodies compile, Await.on is a method).",
                "W7: javac with the processor <= 2.0x plain javac (issue 15; advantage >= 0.5x)", 2.0);
    }

    /** W7 on a corpus where one method in ten is {@code @Async}: the realistic case (issue 15 sets its own goal). */
    static Workload w7Mixed(Mode m) {
        int files = 50;
        int methods = 10;
        int plainMethods = 90;
        List<String> corpus = List.of("files=" + files, "methods=" + methods, "plain=" + plainMethods);
        Workload w = new Workload("W7-mixed", "W7 compile time, 10% of methods @Async",
                "W7's javac runs on W7's corpus with " + plainMethods + " ordinary methods beside the " + methods
                        + " @Async ones in each file (" + files * (methods + plainMethods) + " methods, "
                        + files * methods + " of them @Async): the same shape and size, a list read where the"
                        + " awaits are. kotlinc compiles the same corpus in Kotlin, as in W7.",
                List.of(COMPILE_MS, COMPILE_CPU), List.of(COMPILE_MS));
        return compileTime(w, corpus, "asyncio4j: javac --processor-path, as in W7.",
                "plain javac: the same corpus with -proc:none.",
                "W7-mixed: javac with the processor <= 1.35x plain javac on a corpus with 10% @Async methods"
                        + " (issue 15; advantage >= 0.74x)", 1.35);
    }

    /**
     * The two javac runs of a compile-time workload on one corpus, and its goal (at most {@code maxRatio}
     * plain javac); then kotlinc on the same corpus in Kotlin, suspend and plain, for comparison (issue 15).
     */
    private static Workload compileTime(Workload w, List<String> corpus, String procNote, String plainNote, String goal,
            double maxRatio) {
        List<String> proc = new java.util.ArrayList<>(corpus);
        proc.add("mode=processor");
        List<String> plain = new java.util.ArrayList<>(corpus);
        plain.add("mode=plain");
        w.add(Case.main(Peers.ASYNCIO4J, "javac + processor", B + "w7.CompileTime", proc).note(procNote));
        w.add(Case.main(Peers.PLAIN_JAVAC, "", B + "w7.CompileTime", plain).note(plainNote));
        List<String> suspend = new java.util.ArrayList<>(corpus);
        suspend.add("mode=suspend");
        List<String> plainKt = new java.util.ArrayList<>(corpus);
        plainKt.add("mode=plain");
        w.add(Case.main(Peers.KOTLINC, "suspend fun", B + "w7.KotlinCompileTime", suspend)
                .note("kotlinc (suspend fun): K2JVMCompiler of kotlin-compiler-embeddable " + KOTLIN_VERSION
                        + " in its own JVM on the same JDK (with the javac launcher's only JVM flag, -Xms8m),"
                        + " -jvm-target 17, no daemon, the javac peers' class path. The corpus line for line"
                        + " (w7/KotlinCorpus): the same files, classes and method names; each @Async method a"
                        + " suspend fun, Task<Integer> t -> t: Deferred<Int>, Await.on(t) -> t.await(),"
                        + " Await.on(Asyncio.sleep(Duration.ofMillis(1))) -> delay(Duration.ofMillis(1))"
                        + " (kotlinx.coroutines.time), return Task.completed(x) -> return x; in every method"
                        + " for (int i = 0; i < n; i++) -> for (i in 0 until n), var names = new"
                        + " ArrayList<String>() -> val names = ArrayList<String>(), c ? a : b -> if (c) a else b,"
                        + " the same try/catch/finally, if and break; W7-mixed's ordinary methods as plain funs"
                        + " (t.get(k) -> t[k]). Both compilers report 0 warnings on their corpus."));
        w.add(Case.main(Peers.KOTLINC, "plain fun", B + "w7.KotlinCompileTime", plainKt)
                .note("kotlinc (plain fun): the same Kotlin without suspend, t.getCompleted() and Thread.sleep"
                        + " where the suspensions were: Kotlin's counterpart of plain javac."));
        w.interleaved = true;
        w.goals = x -> List.of(Goals.ratio(x, COMPILE_MS, Peers.PLAIN_JAVAC, 1 / maxRatio, goal),
                Goals.ratio(x, COMPILE_CPU, Peers.PLAIN_JAVAC, 1 / maxRatio, "the same by compiler CPU time"),
                compilerRatios(x, COMPILE_MS), compilerRatios(x, COMPILE_CPU));
        return w;
    }

    /**
     * The line that sets the two compilers side by side on {@code m}: what async code costs each compiler
     * over plain code of the same shape (javac + processor / plain javac; kotlinc suspend / kotlinc plain),
     * and each javac row against its kotlinc row. Not a goal (issue 15 sets none against kotlinc).
     */
    static String compilerRatios(Workload w, Metric m) {
        Double javacAsync = w.median(Peers.ASYNCIO4J, m.key());
        Double javacPlain = w.median(Peers.PLAIN_JAVAC, m.key());
        Double ktSuspend = null;
        Double ktPlain = null;
        for (Case c : w.cases) {
            Stats s = c.peer.equals(Peers.KOTLINC) && c.notMeasured == null ? c.stats(m.key()) : null;
            if (s != null && c.variant.equals("suspend fun")) {
                ktSuspend = s.median();
            } else if (s != null && c.variant.equals("plain fun")) {
                ktPlain = s.median();
            }
        }
        if (javacAsync == null || javacPlain == null || ktSuspend == null || ktPlain == null) {
            return "NOT CHECKED: javac and kotlinc side by side by " + m.label() + " (a compiler row is not"
                    + " measured: see the table)";
        }
        return "FOR COMPARISON (no goal), by " + m.label() + ": async over plain code of the same shape, javac +"
                + " processor / plain javac = " + Goals.fmt(javacAsync / javacPlain) + "x, kotlinc suspend fun /"
                + " kotlinc plain fun = " + Goals.fmt(ktSuspend / ktPlain) + "x; javac + processor / kotlinc suspend"
                + " fun = " + Goals.fmt(javacAsync / ktSuspend) + "x (" + Goals.fmt(javacAsync) + " vs "
                + Goals.fmt(ktSuspend) + " " + m.unit() + "); plain javac / kotlinc plain fun = "
                + Goals.fmt(javacPlain / ktPlain) + "x";
    }

    static Workload notYet(String id, String title, String description, String reason, String goal) {
        Workload w = new Workload(id, id + " " + title, description, List.of(), List.of());
        w.add(Case.notMeasured(Peers.ASYNCIO4J, "not yet measured: " + reason));
        w.goals = x -> List.of("NOT CHECKED: " + goal + " (not yet measured)");
        return w;
    }

    static Workload w9(Mode m) {
        List<String> a = List.of("n=1000000", "rounds=10");
        Workload w = new Workload("W9", "W9 async generator",
                "1,000,000 elements, boxed before the run, through an async generator consumed by async for; the"
                        + " generator yields without awaiting (the cost of the protocol itself). JVM peers: ten rounds"
                        + " (one event loop each) measured after five warm-up rounds in the same process, bytes ="
                        + " allocated by the loop thread; Python: one round after two warm-up rounds.",
                List.of(NS_PER_ITEM, CPU_NS_PER_ITEM, BYTES_PER_ITEM), List.of(NS_PER_ITEM, BYTES_PER_ITEM));
        w.add(Case.main(Peers.ASYNCIO4J, "", B + "gen.GeneratorItems", a)
                .note("asyncio4j: an @Async method returning AsyncIterable (Await.yield) consumed by"
                        + " for (int x : Await.each(...)), both compiled by the processor."));
        w.add(Case.main(Peers.KOTLIN, "", B + "kotlin.FlowItems", a)
                .note("Kotlin: flow { emit(x) } collected under runBlocking."));
        w.add(Case.python("", "generator_items.py", a)
                .note("Python: an async def generator with yield, consumed by async for (no allocation figure)."));
        w.goals = x -> List.of(
                Goals.absolute(x, NS_PER_ITEM, 30, "<= 30 ns per element (issue 16)"),
                Goals.absolute(x, BYTES_PER_ITEM, 0.99, "0 bytes allocated per element beyond the elements (issue 16): under 1 byte, the run's fixed cost spread over 1M elements"));
        return w;
    }

    static Workload w8(Mode m) {
        List<String> a = List.of("bigMb=1024", "smallN=100000", "window=64");
        Workload w = new Workload("W8", "W8 file reads",
                "One 1 GB file read whole into a byte[], then 100,000 files of 1 KB read whole with 64 reads in"
                        + " flight, each by one way of reading (files/FileReads). The files are made once under"
                        + " benchmarks/target/w8-data and are in the page cache (24 GB of memory), so this measures"
                        + " the hand-offs and copies, not a disk. Warm-up: a tenth of the small files and one big read.",
                List.of(BIG_READ, BIG_CPU, SMALL_READ, SMALL_CPU, RSS), List.of(BIG_READ, SMALL_READ));
        w.add(Case.main(Peers.ASYNCIO4J, "AsyncFiles", B + "files.FileReads", with(a, "how=asyncfiles"))
                .note("asyncio4j AsyncFiles.readAllBytes: one toThread hop; Files.readAllBytes up to 1 MB, 1 MB FileChannel slices above."));
        w.add(Case.main(Peers.ASYNCIO4J, "ChannelFiles", B + "files.FileReads", with(a, "how=channel"))
                .note("asyncio4j ChannelFiles.readAllBytes: open on the executor, then 1 MB AsynchronousFileChannel reads chained on its threads."));
        w.add(Case.main(Peers.TO_THREAD_FILES, "", B + "files.FileReads", with(a, "how=tothread"))
                .note("What a user writes today: Asyncio.toThread(() -> Files.readAllBytes(p))."));
        w.add(Case.main(Peers.BLOCKING_FILES, "", B + "files.FileReads", with(a, "how=blocking"))
                .note("The floor: Files.readAllBytes in a plain loop on the main thread, no event loop, one read at a time."));
        return w;
    }

    private static List<String> with(List<String> args, String more) {
        List<String> all = new ArrayList<>(args);
        all.add(more);
        return all;
    }
}
