package org.asyncio4j.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.util.URIUtil;

/**
 * Routes by method and path pattern. A pattern is {@code /}-separated segments, each literal or
 * {@code {name}} (one whole segment). Routes are tried in the order added; a path that matches some
 * pattern under other methods only is a 405 (with {@code Allow}), no match at all a 404.
 */
final class Router {
    record Route(String method, String pattern, String[] segments, Object target) {}

    /** The target of a route whose body the handler streams. */
    record Streaming(Handler handler) {}

    record Match(Route route, Map<String, String> params, Set<String> allowed) {}

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String pattern, Object target) {
        if (method == null || method.isEmpty() || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("route method must be upper-case letters like GET or POST, got " + method);
        }
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/', got " + pattern);
        }
        String[] segs = split(pattern);
        Set<String> names = new LinkedHashSet<>();
        for (String s : segs) {
            if (s.startsWith("{")) {
                if (!s.endsWith("}") || s.length() < 3 || s.substring(1, s.length() - 1).matches(".*[{}/].*")) {
                    throw new IllegalArgumentException("route " + pattern + ": segment " + s + " should be {name}");
                }
                if (!names.add(s.substring(1, s.length() - 1))) {
                    throw new IllegalArgumentException("route " + pattern + ": parameter " + s + " appears twice");
                }
            } else if (s.contains("{") || s.contains("}")) {
                throw new IllegalArgumentException("route " + pattern + ": a parameter must be a whole segment, got " + s);
            }
        }
        for (Route r : routes) {
            if (r.method.equals(method) && r.pattern.equals(pattern)) {
                throw new IllegalArgumentException("route " + method + " " + pattern + " is already defined");
            }
        }
        routes.add(new Route(method, pattern, segs, target));
    }

    /**
     * The route for {@code method} and the raw (still percent-encoded) {@code rawPath}; {@code HEAD}
     * falls back to {@code GET}. Null route with a non-empty {@code allowed}: 405; both empty: 404.
     */
    Match match(String method, String rawPath) {
        String[] segs = split(rawPath);
        Set<String> allowed = new LinkedHashSet<>();
        Match get = null;
        for (Route r : routes) {
            Map<String, String> params = bind(r, segs);
            if (params == null) {
                continue;
            }
            if (r.method.equals(method)) {
                return new Match(r, params, Set.of());
            }
            if (get == null && method.equals("HEAD") && r.method.equals("GET")) {
                get = new Match(r, params, Set.of());
            }
            allowed.add(r.method);
        }
        if (get != null) {
            return get;
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return new Match(null, Map.of(), allowed);
    }

    private static Map<String, String> bind(Route r, String[] segs) {
        if (r.segments.length != segs.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segs.length; i++) {
            String p = r.segments[i];
            // Decode per segment, after splitting: an encoded %2F stays inside its segment.
            String v = URIUtil.decodePath(segs[i]);
            if (p.startsWith("{")) {
                if (v.isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), v);
            } else if (!p.equals(v)) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        if (path.equals("/")) {
            return new String[0];
        }
        return path.substring(1).split("/", -1);
    }
}
