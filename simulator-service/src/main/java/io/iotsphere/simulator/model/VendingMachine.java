package io.iotsphere.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A refrigerated vending machine. Each slot sells as a Poisson process whose rate is the product's popularity times a
 * time-of-day curve (breakfast, lunch and the way home), as long as it has stock; a route driver restocks every slot to
 * capacity every few days early in the morning, with the door open for a quarter of an hour. The cabinet warms towards
 * the room (faster with the door open) and the compressor, switched by a thermostat between 3 and 6 °C, cools it with a
 * capacity that a compressor fault takes away.
 */
public final class VendingMachine extends SteppedDevice {

    static final double STEP = 30.0; // s
    static final double LOW = 3.0;
    static final double HIGH = 6.0;
    static final Duration DOOR_OPEN = Duration.ofMinutes(15);

    /** Relative sales by hour of the day (mean 1). */
    private static final double[] HOURLY = {
        0.05, 0.02, 0.02, 0.02, 0.05, 0.2, 0.6, 1.6, 2.0, 1.2, 1.0, 1.4, 2.6, 2.2, 1.3, 1.1, 1.4, 2.0, 1.6, 1.1, 0.8,
        0.6, 0.3, 0.1
    };

    private final Climate climate;
    private final SplittableRandom sales;
    private final String[] slots;
    private final double[] dailyRate;
    private final int[] stock;
    private final int[] soldSinceReport;
    private final double[] price;
    private final Duration restockEvery;

    private Instant nextRestock;
    private Instant doorClosesAt;
    private double cabinet;
    private boolean compressorOn;
    private long totalSold;

    public VendingMachine(
            String id,
            Model model,
            Climate climate,
            FaultPlan faults,
            SplittableRandom setup,
            SplittableRandom sales,
            Instant start) {
        super(id, model, faults, STEP, start);
        this.climate = climate;
        this.sales = sales;
        int n = model.slots();
        this.slots = new String[n];
        this.dailyRate = new double[n];
        this.stock = new int[n];
        this.soldSinceReport = new int[n];
        this.price = new double[n];
        double location = 0.5 + setup.nextDouble(); // a busy hall or a quiet corridor
        for (int i = 0; i < n; i++) {
            slots[i] = (char) ('A' + i / 4) + String.valueOf(1 + i % 4);
            dailyRate[i] = location * (1.0 + 4.0 * setup.nextDouble() * setup.nextDouble());
            stock[i] = model.slotCapacity();
            price[i] = 1.0 + 0.25 * setup.nextInt(9);
        }
        this.restockEvery = Duration.ofDays(2 + setup.nextInt(3));
        this.nextRestock = nextMorning(start.plus(restockEvery), setup);
        this.doorClosesAt = start;
        this.cabinet = 4.5;
    }

    private static Instant nextMorning(Instant day, SplittableRandom random) {
        long midnight = Math.floorDiv(day.getEpochSecond(), 86_400L) * 86_400L;
        return Instant.ofEpochSecond(midnight + 6 * 3600 + random.nextInt(3 * 3600));
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.VENDING_MACHINE;
    }

    public double cabinetTemperature() {
        return cabinet;
    }

    public boolean compressorOn() {
        return compressorOn;
    }

    public int stock(String slot) {
        return stock[index(slot)];
    }

    public long totalSold() {
        return totalSold;
    }

    public List<String> slots() {
        return List.of(slots);
    }

    /** Expected sales of a slot over a whole day with unlimited stock. */
    public double dailyRate(String slot) {
        return dailyRate[index(slot)];
    }

    @Override
    protected void step(long now, double dt) {
        if (now >= nextRestock.toEpochMilli()) {
            for (int i = 0; i < stock.length; i++) {
                stock[i] = model.slotCapacity();
            }
            Instant t = Instant.ofEpochMilli(now);
            doorClosesAt = t.plus(DOOR_OPEN);
            nextRestock = nextMorning(t.plus(restockEvery), sales);
        }
        boolean doorOpen = now < doorClosesAt.toEpochMilli();
        double hourly = HOURLY[(int) Climate.hourOfDay(now) % 24];
        if (!doorOpen) {
            for (int i = 0; i < stock.length; i++) {
                int sold = Math.min(stock[i], Rng.poisson(sales, dailyRate[i] / 86_400.0 * hourly * dt));
                stock[i] -= sold;
                soldSinceReport[i] += sold;
                totalSold += sold;
            }
        }
        // Cabinet: Newtonian warming towards the room (time constant 5 h, 20 min with the door open), compressor
        // cooling.
        double room = climate.ambientTemperature(now) + 4; // an indoor hall is warmer than a basement
        double tau = doorOpen ? 1200.0 : 18_000.0;
        if (cabinet >= HIGH) {
            compressorOn = true;
        } else if (cabinet <= LOW) {
            compressorOn = false;
        }
        double capacity = faults.failed(Fault.COMPRESSOR, now) ? 0 : 1 - 0.7 * faults.severity(Fault.COMPRESSOR, now);
        double cooling = compressorOn ? model.coolingKelvinPerHour() * capacity / 3600.0 : 0;
        cabinet += ((room - cabinet) / tau - cooling) * dt;
    }

    @Override
    public Map<String, Object> reading() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("cabinet_temperature", SimDevice.round(Math.max(-10, Math.min(30, cabinet)), 2));
        v.put("door_open", now.isBefore(doorClosesAt));
        v.put("compressor_on", compressorOn);
        for (int i = 0; i < slots.length; i++) {
            v.put("sales." + slots[i], soldSinceReport[i]);
            soldSinceReport[i] = 0;
        }
        for (int i = 0; i < slots.length; i++) {
            v.put("inventory." + slots[i], stock[i]);
        }
        return v;
    }

    @Override
    public Map<String, Object> reportedState() {
        Map<String, Object> prices = new LinkedHashMap<>();
        for (int i = 0; i < slots.length; i++) {
            prices.put(slots[i], price[i]);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("prices", prices);
        s.put("manufacturer", model.manufacturer());
        s.put("model", model.name());
        return s;
    }

    @Override
    public CommandOutcome execute(String name, Map<String, Object> params) {
        try {
            return switch (name) {
                case "restock_ack" -> {
                    Object slot = params.get("slot");
                    if (slot == null) {
                        for (int i = 0; i < stock.length; i++) {
                            stock[i] = model.slotCapacity();
                        }
                    } else {
                        stock[index(String.valueOf(slot))] = model.slotCapacity();
                    }
                    yield CommandOutcome.done(Map.of("restocked", slot == null ? "all" : slot));
                }
                case "set_price" -> {
                    int i = index(String.valueOf(params.get("slot")));
                    double value = SimDevice.number(params.get("price"), "price");
                    if (value < 0 || value > 100) {
                        throw new IllegalArgumentException("price must be between 0 and 100");
                    }
                    price[i] = value;
                    yield CommandOutcome.done(Map.of("slot", slots[i], "price", value));
                }
                default -> CommandOutcome.failed("unsupported command '" + name + "'");
            };
        } catch (IllegalArgumentException e) {
            return CommandOutcome.failed(e.getMessage());
        }
    }

    @Override
    public boolean applyDesired(Map<String, Object> desired) {
        boolean changed = false;
        if (desired.get("prices") instanceof Map<?, ?> prices) {
            for (Map.Entry<?, ?> e : prices.entrySet()) {
                int i = List.of(slots).indexOf(String.valueOf(e.getKey()));
                if (i >= 0 && e.getValue() instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 100) {
                    changed |= price[i] != n.doubleValue();
                    price[i] = n.doubleValue();
                }
            }
        }
        return changed;
    }

    private int index(String slot) {
        int i = List.of(slots).indexOf(slot);
        if (i < 0) {
            throw new IllegalArgumentException("unknown slot '" + slot + "' (" + String.join(", ", slots) + ")");
        }
        return i;
    }
}
