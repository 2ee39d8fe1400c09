package io.iotsphere.simulator.service;

import io.iotsphere.simulator.Fleet;
import io.iotsphere.simulator.model.Connectivity;
import io.iotsphere.simulator.model.SimDevice;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;

/** A running simulated device: its model, its network and what it could not send yet. Used by one wheel only. */
final class DeviceRuntime {

    record Pending(Instant ts, Map<String, Object> values) {}

    final Fleet.Device meta;
    final SimDevice device;
    final Connectivity connectivity;
    final int wheel;
    final ArrayDeque<Pending> unsent = new ArrayDeque<>();
    boolean online;
    boolean stateReported;
    volatile String token;
    volatile Instant tokenExpires = Instant.EPOCH;
    volatile boolean renewing;

    DeviceRuntime(Fleet.Device meta, SimDevice device, Connectivity connectivity, int wheel) {
        this.meta = meta;
        this.device = device;
        this.connectivity = connectivity;
        this.wheel = wheel;
    }

    void keep(Pending p, int max) {
        unsent.addLast(p);
        while (unsent.size() > max) {
            unsent.removeFirst();
        }
    }
}
