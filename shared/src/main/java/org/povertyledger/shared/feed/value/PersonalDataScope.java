package org.povertyledger.shared.feed.value;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may receive personal fields (the head of household's name) on the feed, the stream and webhooks: the users
 * named in configuration. Everyone else gets the events with those fields left out.
 */
public final class PersonalDataScope {

    private final Set<String> users;

    public PersonalDataScope(Collection<String> users) {
        this.users = users == null ? Set.of()
                : users.stream().filter(u -> u != null && !u.isBlank()).map(String::strip)
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether this user may ask for personal fields. */
    public boolean allows(String user) {
        return user != null && users.contains(user);
    }
}
