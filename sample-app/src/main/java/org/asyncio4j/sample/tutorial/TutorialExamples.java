package org.asyncio4j.sample.tutorial;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.asyncio4j.Clock;

/**
 * The asyncio tutorial examples, one class each, in the order a tutorial teaches them. The sample
 * app's {@code list} shows them and {@code <name>} runs one on the real clock; the tests run each on a
 * {@code VirtualClock} and pin its output.
 */
public final class TutorialExamples {
    private TutorialExamples() {}

    /** How an example runs: printing to {@code out}, sleeping on {@code clock}, with its arguments. */
    @FunctionalInterface
    public interface Runner {
        /**
         * Runs the example to the end on a new event loop.
         *
         * @param out where the example prints
         * @param clock the loop's clock: {@code Clock.system()}, or a {@code VirtualClock} in tests
         * @param args the command's arguments after the example's name
         */
        void run(PrintStream out, Clock clock, String... args);
    }

    /**
     * One example.
     *
     * @param name its command-line name
     * @param summary what it shows, in one line
     * @param runner how to run it
     */
    public record Example(String name, String summary, Runner runner) {}

    private static final List<Example> ALL = List.of(
            plain("hello", "print, sleep 1 s, print: the first asyncio program", Hello::run),
            plain("explicit-loop", "the older style: create a loop, run until complete, close it", ExplicitLoop::run),
            plain("gather", "jobs of 2 s, 1 s and 3 s at once: results in argument order after 3 s, not 6",
                    Gather::run),
            plain("create-task", "two tasks started with createTask run concurrently: 2 s, not 3", CreateTask::run),
            plain("wait", "wait with FIRST_COMPLETED, then ALL_COMPLETED on the pending rest", Wait::run),
            plain("as-completed", "results in the order the jobs finish", AsCompleted::run),
            plain("wait-for-timeout", "waitFor gives up after 1 s and cancels the task", WaitForTimeout::run),
            plain("timeout-scope", "a timeout block cuts a sleep short; reschedule moves its deadline",
                    TimeoutScope::run),
            plain("cancel", "cancel a sleeping task: it cleans up and rethrows CancelledError", Cancel::run),
            plain("shield", "a timeout stops the wait, but the shielded task goes on", Shield::run),
            plain("semaphore", "10 one-second jobs, at most 3 at once", SemaphoreJobs::run),
            plain("lock", "read-await-write on shared state loses updates unless a lock guards it",
                    LockedCounter::run),
            plain("event", "a task waits for an event another task sets", EventWaiter::run),
            plain("condition", "consumers wait on a condition until the producer adds an item",
                    ConditionConsumers::run),
            plain("producer-consumer", "a bounded queue slows the producer to the consumer's pace; a sentinel ends it",
                    ProducerConsumer::run),
            new Example("worker-pool", "a queue of 1,000 items, 5 workers, join, then cancel the workers"
                    + " (args: [items [workers]])", WorkerPool::run),
            plain("backpressure-batches", "gather 4 items at a time so that at most 4 are in flight",
                    BackpressureBatches::run),
            plain("retry-backoff", "Retry: a flaky call retried after 0.5 s, 1 s and 2 s", RetryBackoff::run),
            plain("sliding-window-rate-limiter", "RateLimiter: 10 requests, at most 3 in any second",
                    SlidingWindowRateLimiter::run),
            plain("task-group", "one job of a TaskGroup fails: the others are cancelled, the errors raised as a group",
                    TaskGroupErrors::run),
            plain("to-thread", "a blocking call on a worker thread does not stall the loop", ToThread::run),
            plain("call-soon-later", "callbacks with callSoon, callLater and callAt run in time order",
                    CallSoonLater::run),
            plain("future", "a Promise completed by a callback wakes the task awaiting it", PromiseCallback::run),
            plain("tcp-echo", "TCP echo server and client with streams", TcpEcho::run),
            plain("udp-echo", "UDP echo server and client with datagram endpoints", UdpEcho::run),
            plain("subprocess", "three processes at once: stdin, stdout, stderr and exit codes", Subprocesses::run),
            plain("async-context-manager", "resources that await on open and close: acquire and release order",
                    ContextManager::run),
            plain("async-iterator", "a hand-written async iterator counting to 5, consumed by Await.each",
                    CountingIterator::run),
            plain("async-generator", "an async generator (Await.yield) left early: its finally runs first",
                    Ticker::run));

    /**
     * Every tutorial example, in teaching order.
     *
     * @return the examples
     */
    public static List<Example> all() {
        return ALL;
    }

    /** Where {@link #register} puts the examples: the sample app's table of subcommands. */
    @FunctionalInterface
    public interface Registry {
        /**
         * Adds one example.
         *
         * @param name its command-line name
         * @param summary what it shows, in one line
         * @param run runs it on the real clock, printing to the stream, with the command's arguments
         */
        void add(String name, String summary, BiConsumer<PrintStream, String[]> run);
    }

    /**
     * Adds every example, in teaching order, each running on the real clock.
     *
     * @param registry where to add them
     */
    public static void register(Registry registry) {
        for (Example e : ALL) {
            registry.add(e.name(), e.summary(), (out, args) -> e.runner().run(out, Clock.system(), args));
        }
    }

    /** An example that takes no arguments: given some, it says so instead of ignoring them. */
    private static Example plain(String name, String summary, BiConsumer<PrintStream, Clock> run) {
        return new Example(name, summary, (out, clock, args) -> {
            if (args.length > 0) {
                throw new IllegalArgumentException("example '" + name + "' takes no arguments, got "
                        + Arrays.toString(args));
            }
            run.accept(out, clock);
        });
    }
}
