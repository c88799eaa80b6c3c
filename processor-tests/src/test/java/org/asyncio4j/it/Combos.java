package org.asyncio4j.it;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: constructs combined (jumps through finally from switches, var over wildcards...). */
public class Combos extends Fixture {

    @Async
    @SuppressWarnings("fallthrough") // the fall-through is the construct under test
    Task<String> breakOutOfSwitchThroughFinally(int n) {
        StringBuilder sb = new StringBuilder();
        switch (n) {
            case 1:
                try {
                    sb.append(Await.on(v("a")));
                    if (n == 1) break;
                    sb.append("not reached");
                } finally {
                    sb.append(Await.on(v("f")));
                }
                sb.append("not reached either");
            default:
                sb.append("default");
        }
        return Task.completed(sb.toString());
    }

    @Async
    Task<String> labeledContinueThroughNestedFinally() {
        StringBuilder sb = new StringBuilder();
        outer:
        for (int i = 0; i < 3; i++) {
            try {
                for (int j = 0; j < 3; j++) {
                    try {
                        if (j == 1) continue outer;
                        sb.append(i).append(j).append(Await.on(v(",")));
                    } finally {
                        sb.append("f");
                    }
                }
            } finally {
                sb.append(Await.on(v("F")));
            }
        }
        return Task.completed(sb.toString());
    }

    @Async
    Task<String> doWhileContinue() {
        int i = 0;
        StringBuilder sb = new StringBuilder();
        do {
            i++;
            if (Await.on(v(i)) % 2 == 0) continue;
            sb.append(i);
        } while (i < 5);
        return Task.completed(sb.toString());
    }

    @Async
    Task<String> varOverWildcardsAndMaps(List<? extends Number> nums, Map<String, List<Integer>> map) {
        double sum = 0;
        for (var n : nums) {
            sum += Await.on(v(n.doubleValue()));
        }
        StringBuilder sb = new StringBuilder();
        for (var e : new TreeMap<>(map).entrySet()) {
            Await.on(v(0));
            sb.append(e.getKey()).append(e.getValue().size());
        }
        var copy = Await.on(v(nums));
        return Task.completed(sum + sb.toString() + copy.size());
    }

    @Async
    Task<Integer> switchExpressionInArguments(int x) {
        return Task.completed(Integer.sum(Await.on(v(1)), switch (x) {
            case 1 -> Await.on(v(10));
            default -> {
                try {
                    yield Await.on(v(20));
                } finally {
                    log("finally in switch expression");
                }
            }
        }));
    }

    @Async
    Task<String> conditionalAfterSpilledOperand(boolean c) {
        return Task.completed(String.join("/", Expressions.join(log("a") ? 1 : 0), c ? Await.on(v("yes")) : "no"));
    }

    @Async
    Task<String> sameNamedLocalsInSiblingBlocks() {
        {
            Await.on(v(0));
            int a = 1;
            log("a" + a);
        }
        {
            int a = 2;
            log("a" + a);
            Await.on(v(0));
        }
        {
            int a = 3;
            log("a" + a);
        }
        {
            String s = Await.on(v("s1"));
            Await.on(v(0));
            log(s);
        }
        {
            int s = Await.on(v(5));
            Await.on(v(0));
            log("" + s);
        }
        return Task.completed(String.join(",", log));
    }

    int[] arr = {0, 10, 20};

    @Async
    Task<String> qualifiedTypeReceiverAndReassignedOperand() {
        int i = 0;
        String r = String.valueOf(java.util.Arrays.asList(i, Await.on(v(i++)), i));
        arr[Await.on(v(1))] += Await.on(v(5));
        return Task.completed(r + arr[1]);
    }

    boolean log(String s) {
        super.log(s);
        return true;
    }

    @Async
    Task<String> anonymousClassCapturingHoistedLocal() {
        String prefix = Await.on(v("pre"));
        Await.on(v(0));
        Object o = new Object() {
            @Override
            public String toString() {
                return prefix + "-anon";
            }
        };
        Runnable r = () -> log(prefix + "-lambda");
        Await.on(v(0));
        r.run();
        return Task.completed(o.toString());
    }

    @Async
    Task<String> whileWithPatternAndAwait(List<Object> items) {
        int i = 0;
        StringBuilder sb = new StringBuilder();
        while (i < items.size() && items.get(i) instanceof String s) {
            sb.append(Await.on(v(s.toUpperCase())));
            i++;
        }
        return Task.completed(sb + "@" + i);
    }

    @Async
    Task<String> finallyReturnOverridesInnerFinally() {
        try {
            try {
                return v("inner");
            } finally {
                log("inner finally " + Await.on(v(1)));
            }
        } finally {
            log("outer finally " + Await.on(v(2)));
        }
    }
}
