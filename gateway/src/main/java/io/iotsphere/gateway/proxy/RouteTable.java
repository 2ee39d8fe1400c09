package io.iotsphere.gateway.proxy;

import io.iotsphere.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The configured routes, compiled: which route owns a path, and the path variables it captured. */
@ApplicationScoped
public class RouteTable {

    /** A matched route and the values of its {@code {name}} variables. */
    public record Match(CompiledRoute route, Map<String, String> variables) {}

    public record CompiledRoute(GatewayConfig.Route config, Pattern pattern, List<String> variables, URI upstream) {
        public String name() {
            return config.name();
        }
    }

    private final List<CompiledRoute> routes = new ArrayList<>();

    RouteTable(GatewayConfig config) {
        for (GatewayConfig.Route route : config.routes()) {
            List<String> variables = new ArrayList<>();
            routes.add(new CompiledRoute(
                    route, compile(route.path(), variables), variables, URI.create(route.upstream())));
        }
    }

    public Optional<Match> match(String path) {
        for (CompiledRoute route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (m.matches()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < route.variables().size(); i++) {
                    values.put(route.variables().get(i), m.group(i + 1));
                }
                return Optional.of(new Match(route, values));
            }
        }
        return Optional.empty();
    }

    public List<CompiledRoute> routes() {
        return List.copyOf(routes);
    }

    static Pattern compile(String path, List<String> variables) {
        StringBuilder regex = new StringBuilder();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                continue;
            }
            boolean last = i == segments.length - 1;
            if (segment.equals("**")) {
                if (!last) {
                    throw new IllegalArgumentException("'**' must end the pattern: " + path);
                }
                regex.append("(?:/.*)?");
            } else if (segment.equals("*")) {
                regex.append("/[^/]+");
            } else if (segment.startsWith("{") && segment.endsWith("}")) {
                variables.add(segment.substring(1, segment.length() - 1));
                regex.append("/([^/]+)");
            } else {
                regex.append('/').append(Pattern.quote(segment));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
