package org.povertyledger.query.support;

/**
 * The version of the documents a processing group keeps. Raise it whenever a change of the projection means the
 * documents built by the previous code are wrong or incomplete (a new counter, a new collection): the next start
 * rebuilds the group from the log ({@link ReadModelVersions}).
 */
public record ReadModelVersion(String processingGroup, int version) {
}
