package org.povertyledger.query.geography;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.povertyledger.shared.access.UnitScope;

/**
 * Turns the units a user was granted into the {@link UnitScope} their requests are confined to, widened through
 * the current map as {@link GeographyModel#scopeOf} says. Answers are cached per map: a grant is widened again
 * only once the map has changed (a new unit, merge or reparenting).
 */
public final class GeographyScopes {

    private final GeographyQueryHandler geography;
    private volatile Cache cache = new Cache(null, new ConcurrentHashMap<>());

    public GeographyScopes(GeographyQueryHandler geography) {
        this.geography = geography;
    }

    /** The scope of these grants; {@code *} among them means national, no grant at all means no unit. */
    public UnitScope resolve(Collection<String> grants) {
        if (grants.contains(UnitScope.NATIONAL_GRANT)) {
            return UnitScope.nationalScope();
        }
        if (grants.isEmpty()) {
            return UnitScope.none();
        }
        GeographyModel model = geography.current();
        Cache current = cache;
        if (current.model() != model) {
            current = new Cache(model, new ConcurrentHashMap<>());
            cache = current;
        }
        Set<String> key = new TreeSet<>(grants);
        return current.scopes().computeIfAbsent(String.join(",", key), k -> UnitScope.of(model.scopeOf(key)));
    }

    private record Cache(GeographyModel model, Map<String, UnitScope> scopes) {
    }
}
