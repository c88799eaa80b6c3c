package org.asyncio4j.it;

import org.asyncio4j.Await;
import org.asyncio4j.Task;
import org.asyncio4j.annotations.Async;

/** Blueprint: classic and arrow switch statements, switch expressions with yield. */
public class Switches extends Fixture {
    enum Color { RED, GREEN, BLUE }

    @Async
    @SuppressWarnings("fallthrough") // the fall-through is the construct under test
    Task<String> classic(int n) {
        StringBuilder sb = new StringBuilder();
        switch (Await.on(v(n))) {
            case 1:
                sb.append(Await.on(v("one")));
                // fall through
            case 2:
            case 3:
                sb.append("two-or-three");
                break;
            case 4: {
                sb.append(Await.on(v("four")));
                break;
            }
            default:
                sb.append("default");
                sb.append(Await.on(v(n)));
        }
        return Task.completed(sb.toString());
    }

    @Async
    Task<String> arrow(String s) {
        String out = "?";
        switch (s) {
            case "a" -> out = Await.on(v("A"));
            case "b", "c" -> {
                out = Await.on(v("B or C"));
                log("block");
            }
            case "t" -> throw new IllegalStateException(Await.on(v("thrown")));
            default -> out = "other";
        }
        return Task.completed(out);
    }

    @Async
    Task<String> onEnum(Color c) {
        switch (c) {
            case RED:
                return Task.completed(Await.on(v("red")));
            case GREEN:
                break;
            default:
                return v("other");
        }
        return Task.completed("green " + Await.on(v(1)));
    }

    @Async
    Task<Integer> expressions(int n) {
        int a = switch (n) {
            case 1 -> Await.on(v(10));
            case 2 -> {
                int t = Await.on(v(20));
                yield t + 1;
            }
            default -> n;
        };
        String b = switch (Await.on(v(n))) {
            case 1:
                yield "x";
            case 2:
                log("two");
            case 3:
                yield Await.on(v("y"));
            default:
                yield "z";
        };
        int c = 100 + switch (Await.on(v(Color.values()[n % 3]))) {
            case RED -> 0;
            case GREEN -> Await.on(v(1));
            case BLUE -> 2;
        };
        log(b);
        return Task.completed(a + c);
    }

    /**
     * Locals declared inside switch expressions that the generated code restates for their types
     * (the one holding an await, and the awaited one): catch parameters, a case-block local that
     * lives across an await, pattern bindings. A restated catch parameter once became a field that
     * its catch never wrote (fuzz seed 5150 program 517).
     */
    @Async
    Task<String> declaredInside(Object o, int n) {
        String s = switch (n) {
            case 1 -> {
                try {
                    throw new IllegalStateException("boom");
                } catch (IllegalStateException e) {
                    log("caught " + e.getMessage());
                }
                yield Await.on(v("one"));
            }
            case 2 -> {
                int k = n * 10;
                String got = Await.on(v("two"));
                yield got + k;
            }
            default -> o instanceof String str ? Await.on(v(str)) : "none";
        };
        int len = Await.on(switch (n) {
            case 1 -> {
                try {
                    throw new IllegalArgumentException("bad");
                } catch (IllegalArgumentException e2) {
                    log("caught " + e2.getMessage());
                }
                yield v(1);
            }
            default -> o instanceof String str2 ? v(str2.length()) : v(0);
        });
        return Task.completed(s + ":" + len);
    }

    @Async
    Task<String> switchInLoop() {
        StringBuilder sb = new StringBuilder();
        loop:
        for (int i = 0; i < 6; i++) {
            switch (Await.on(v(i))) {
                case 1:
                    continue;
                case 3:
                    continue loop;
                case 4:
                    break loop;
                default:
                    sb.append(i);
            }
            sb.append(';');
        }
        return Task.completed(sb.toString());
    }
}
