package org.povertyledger.command.importing;

import org.povertyledger.shared.common.Require;

/**
 * Who an import writes as: the uploading user and the role the write is made under. Every row's events carry
 * them as {@code actorId} and {@code actorRole}; the ledger's duplicate check is per actor.
 */
public record ImportActor(String id, String role) {

    public ImportActor {
        id = Require.text("actorId", id, 200);
        role = Require.text("actorRole", role, 50);
    }
}
