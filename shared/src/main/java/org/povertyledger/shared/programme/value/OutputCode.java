package org.povertyledger.shared.programme.value;

/** What a sub-project produced, each measured in one unit. */
public enum OutputCode {
    HOUSES_BUILT("house"),
    HOUSES_REPAIRED("house"),
    WORKERS_TRAINED("person"),
    WORKERS_PLACED_ABROAD("person"),
    WORKERS_PLACED_IN_JOBS("person"),
    LIVESTOCK_DISTRIBUTED("head"),
    ROAD_KM_HARDENED("km"),
    POVERTY_REDUCTION_MODELS("model"),
    CADRES_TRAINED("person");

    private final String unit;

    OutputCode(String unit) {
        this.unit = unit;
    }

    /** The unit a quantity of this output is counted in. */
    public String unit() {
        return unit;
    }
}
