package org.asyncio4j.bench;

/** Peer names as printed. */
final class Peers {
    private Peers() {}

    static final String ASYNCIO4J = "asyncio4j";
    static final String VIRTUAL_THREADS = "virtual threads";
    static final String COMPLETABLE_FUTURE = "CompletableFuture";
    static final String KOTLIN = "Kotlin coroutines";
    static final String PYTHON = "Python asyncio";
    static final String STPE = "ScheduledThreadPoolExecutor(1)";
    static final String PLAIN_CALL = "plain method call";
    static final String PLAIN_FOLDED = "plain loop, inlined and folded";
    static final String PLAIN_JAVAC = "plain javac";
    static final String KOTLINC = "kotlinc";
    static final String TO_THREAD_FILES = "toThread over Files";
    static final String JDK_HTTPSERVER = "JDK HttpServer (virtual threads)";
    static final String JETTY = "Jetty 12 (virtual threads)";
    static final String BLOCKING_FILES = "Files on one thread, no loop";
}
