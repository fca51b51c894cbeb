package org.povertyledger.shared.audit.value;

/**
 * A commune's figures of one review year as decided and as restated: assessments counted, poor and near-poor
 * households under each basis (an assessment the restating rulebook refused counts as decided on both).
 */
public record CommuneRestatement(String communeCode, long assessments, long poorAsDecided, long poorAsRestated,
                                 long nearPoorAsDecided, long nearPoorAsRestated, long changed) {
}
