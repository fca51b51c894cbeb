package org.povertyledger.deploy.demo;

import java.util.Map;

/**
 * The demo district's state as {@code GET /api/demo} reports it.
 *
 * @param state NOT_STARTED (the loader has not decided yet), LOADING (commands being written, or the read models
 *        still catching up with them), READY (written and every local read model at the load's last position),
 *        DISABLED (turned off, or the store already held other data), FAILED (stopped; the next start finishes it)
 * @param percent commands processed over all, then read models: 90% for the ledger, 10% for the catch-up
 * @param readModels the position each local processing group has reached
 * @param secondsElapsed since the load started (until READY)
 */
public record DemoStatus(String state, String detail, double percent, long commands, long commandsProcessed,
                         long written, long alreadyThere, long refused, String phase, long ledgerPosition,
                         long loadedPosition, Map<String, Long> readModels, double secondsElapsed) {
}
