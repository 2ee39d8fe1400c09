package io.iotsphere.gateway.push;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Who follows what, by tenant then channel name. A connection only ever enters the map of its own tenant, so an event
 * can only reach connections of the event's tenant.
 */
@ApplicationScoped
public class Subscriptions {

    private final Map<String, Map<String, Set<PushClient>>> byTenant = new ConcurrentHashMap<>();

    public void add(PushClient client, String channel) {
        byTenant.computeIfAbsent(client.tenant(), t -> new ConcurrentHashMap<>())
                .computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet())
                .add(client);
    }

    public void remove(PushClient client, String channel) {
        Map<String, Set<PushClient>> channels = byTenant.get(client.tenant());
        if (channels == null) {
            return;
        }
        channels.computeIfPresent(channel, (c, clients) -> {
            clients.remove(client);
            return clients.isEmpty() ? null : clients;
        });
        if (channels.isEmpty()) {
            byTenant.remove(client.tenant(), channels);
        }
    }

    public void removeAll(PushClient client) {
        for (String channel : client.channels()) {
            remove(client, channel);
        }
    }

    /** Calls the action for each client of the tenant following one of the channels (each client once). */
    public void forEach(String tenant, String channelAll, String channelDevice, Consumer<PushClient> action) {
        Map<String, Set<PushClient>> channels = byTenant.get(tenant);
        if (channels == null) {
            return;
        }
        Set<PushClient> all = channels.get(channelAll);
        Set<PushClient> one = channelDevice == null ? null : channels.get(channelDevice);
        if (all != null) {
            all.forEach(action);
        }
        if (one != null) {
            for (PushClient client : one) {
                if (all == null || !all.contains(client)) {
                    action.accept(client);
                }
            }
        }
    }

    /** The tenants with at least one subscription (for events addressed to every tenant). */
    public Set<String> tenants() {
        return byTenant.keySet();
    }

    public boolean isEmpty() {
        return byTenant.isEmpty();
    }
}
