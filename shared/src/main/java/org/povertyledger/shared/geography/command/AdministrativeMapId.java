package org.povertyledger.shared.geography.command;

/**
 * The identifier of the administrative map aggregate. A deployment keeps one map: merging, re-parenting and
 * dissolving check several units at once (the parent exists, no unit is merged twice, children are moved on),
 * which one aggregate can guard without cross-aggregate coordination. Geography changes are rare, so one
 * event stream is no bottleneck.
 */
public final class AdministrativeMapId {

    /** The map's aggregate identifier. */
    public static final String VALUE = "administrative-map";

    private AdministrativeMapId() {
    }
}
