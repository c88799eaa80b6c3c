package org.asyncio4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One peer (or variant) of one workload, how to run it, and its results once run. Exactly one of
 * {@code mainClass}, {@code pythonScript}, {@code jmhMethod}, {@code echoServer}, {@code httpServer} is set, or
 * {@code notMeasured} says why it is not run.
 */
final class Case {
    final String peer;
    /** Shown after the peer name, e.g. "lazy createTask", or "" */
    final String variant;
    String mainClass;
    String pythonScript;
    String jmhMethod;
    /** The JMH class of a JMH case (default: PingPongBench, W2). */
    String jmhClass = "PingPongBench";
    /** For W4: "a4j", "vt", "kotlin" or "python": which echo server the shared load client drives. */
    String echoServer;
    /** For the HTTP workload: "a4j", "jdk" or "jetty" (bench.http.HttpPeers) driven by bench.http.HttpLoad. */
    String httpServer;
    /** Extra JVM flags of the HTTP server process (the JDK server's idle-connection cap). */
    List<String> serverFlags = List.of();
    List<String> args = List.of();
    boolean needsVirtualThreads;
    String notMeasured;
    /** Stand-ins and caveats printed under the table. */
    String note;
    final List<Map<String, Double>> runs = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    Case(String peer, String variant) {
        this.peer = peer;
        this.variant = variant;
    }

    String label() {
        return variant.isEmpty() ? peer : peer + " (" + variant + ")";
    }

    boolean isAsyncio4j() {
        return peer.equals(Peers.ASYNCIO4J);
    }

    static Case main(String peer, String variant, String mainClass, List<String> args) {
        Case c = new Case(peer, variant);
        c.mainClass = mainClass;
        c.args = args;
        return c;
    }

    static Case python(String variant, String script, List<String> args) {
        Case c = new Case(Peers.PYTHON, variant);
        c.pythonScript = script;
        c.args = args;
        return c;
    }

    static Case jmh(String peer, String method) {
        Case c = new Case(peer, "JMH");
        c.jmhMethod = method;
        return c;
    }

    static Case notMeasured(String peer, String reason) {
        Case c = new Case(peer, "");
        c.notMeasured = reason;
        return c;
    }

    Case vt() {
        needsVirtualThreads = true;
        return this;
    }

    Case note(String n) {
        note = n;
        return this;
    }

    Stats stats(String key) {
        List<Double> vs = new ArrayList<>();
        for (Map<String, Double> r : runs) {
            Double v = r.get(key);
            if (v != null) {
                vs.add(v);
            }
        }
        return Stats.of(vs);
    }
}
